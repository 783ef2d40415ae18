// The loop loader on any bytes: it must give a loop or diagnostics, never crash, hang or leak.
// Seeds: tests/fuzz/corpus/loop_loader, and the public yaml-test-suite in ../shared/data when there.

#include "FuzzSupport.h"

#include "loops/LoopLoader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const MockLoop::LoopLoadResult result
        = MockLoop::LoopLoader::loadData(MockLoop::Fuzz::bytesOf(data, size), QStringLiteral("fuzz.yaml"));
    // Every diagnostic is one line, whatever the file held.
    for (const MockLoop::LoopDiagnostic &diagnostic : result.diagnostics) {
        if (diagnostic.toString().contains(QLatin1Char('\n')))
            __builtin_trap();
    }
    return 0;
}
