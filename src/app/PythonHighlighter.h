#pragma once

#include "app/RuleHighlighter.h"

namespace locklab {

// Python colouring for the Django code view: keywords, strings, numbers,
// comments and decorators, enough to read a migration file at a glance.
// Shell code (`#` comments, strings) reads fine with it too.
class PythonHighlighter : public RuleHighlighter
{
    Q_OBJECT
public:
    explicit PythonHighlighter(QTextDocument* document);
};

} // namespace locklab
