#pragma once

#include <QString>

namespace locklab {

// Counts as people type them: "1M", "250k", "1,000,000", "10_000", "10000".
// Shared by the parameter form and the headless runner's options, so both
// accept the same spellings.
class CountParser
{
public:
    // False when the text is not a whole number (after the k/M suffix is
    // applied) or is beyond +-9e15. Negative numbers parse; range checks are
    // the caller's (they know the limits).
    static bool parse(const QString& text, qint64* value);

    // 1000000 -> "1,000,000"
    static QString format(qint64 value);
};

} // namespace locklab
