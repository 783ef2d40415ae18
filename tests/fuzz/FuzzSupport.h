#pragma once

// What the fuzz targets share. Each target is one file defining LLVMFuzzerTestOneInput (and, when
// it needs set-up, LLVMFuzzerInitialize). Built with clang's -fsanitize=fuzzer in the `fuzz` preset
// they are libFuzzer programs; in every other build they are linked with ReplayMain.cpp, which runs
// them once on each file of their corpus and regressions folders, as an ordinary test.

#include <QByteArray>
#include <QCoreApplication>

#include <cstddef>
#include <cstdint>

namespace MockLoop::Fuzz {

inline QByteArray bytesOf(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Qt's SQL drivers are plugins and need an application object; one for the whole run. It is never
// destroyed: at exit, after the statics it depends on, its destructor would crash.
inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "mockloop-fuzz";
    static char *argv[] = {name, nullptr};
    if (!QCoreApplication::instance())
        new QCoreApplication(argc, argv); // QCoreApplication::instance() holds it
}

} // namespace MockLoop::Fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);
