#pragma once

#include <QJsonValue>

#include <cmath>
#include <optional>

namespace MockLoop {

// The whole number a JSON value holds, or nothing when it holds none that a qint64 can (a string,
// 2.5, 1e300, NaN). The double is checked before it is converted: converting one outside qint64's
// range is undefined behaviour (clang's UBSan caught it, fuzzing session import).
inline std::optional<qint64> wholeNumberOf(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    constexpr double TwoToThe63 = 9223372036854775808.0; // what double(INT64_MAX) rounds up to
    if (!(number >= -TwoToThe63 && number < TwoToThe63) || std::trunc(number) != number)
        return std::nullopt;
    return qint64(number);
}

} // namespace MockLoop
