#pragma once

#include "app/RuleHighlighter.h"

namespace locklab {

// SQL colouring for the read-only statement view: keywords, strings,
// numbers and comments, enough to make a migration easy to scan.
class SqlHighlighter : public RuleHighlighter
{
    Q_OBJECT
public:
    explicit SqlHighlighter(QTextDocument* document);
};

} // namespace locklab
