#include "app/PythonHighlighter.h"

#include <QColor>

namespace locklab {

PythonHighlighter::PythonHighlighter(QTextDocument* document)
    : RuleHighlighter(document)
{
    const QTextCharFormat keyword = format(QColor("#1f4e9e"), Bold);
    const QTextCharFormat name = format(QColor("#7a3e9d"));
    const QTextCharFormat number = format(QColor("#a05a00"));
    const QTextCharFormat string = format(QColor("#2e7d32"));
    const QTextCharFormat comment = format(QColor("#808080"), Italic);

    addRule(QRegularExpression("\\b(class|def|return|import|from|as|if|else|elif|for|in|while|with|not|and|or|"
                               "is|None|True|False|pass|lambda|yield|try|except|finally|raise)\\b"),
            keyword);
    // Django's migration vocabulary stands out, so the operation names are easy to find.
    addRule(QRegularExpression("\\b(migrations|models|transaction|[A-Z][A-Za-z]+)\\b"), name);
    addRule(QRegularExpression("\\b\\d[\\d_]*\\b"), number);
    addRule(QRegularExpression("@\\w+"), name);
    // Strings and comments last: they win over everything inside them.
    addRule(QRegularExpression("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'"), string);
    addRule(QRegularExpression("#[^\\n]*$"), comment);
}

} // namespace locklab
