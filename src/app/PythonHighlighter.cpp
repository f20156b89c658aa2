#include "app/PythonHighlighter.h"

#include <QColor>
#include <QFont>

namespace locklab {

PythonHighlighter::PythonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
    QTextCharFormat keyword;
    keyword.setForeground(QColor("#1f4e9e"));
    keyword.setFontWeight(QFont::Bold);
    QTextCharFormat name;
    name.setForeground(QColor("#7a3e9d"));
    QTextCharFormat number;
    number.setForeground(QColor("#a05a00"));
    QTextCharFormat string;
    string.setForeground(QColor("#2e7d32"));
    QTextCharFormat comment;
    comment.setForeground(QColor("#808080"));
    comment.setFontItalic(true);

    m_rules.append({ QRegularExpression("\\b(class|def|return|import|from|as|if|else|elif|for|in|while|with|not|and|or|"
                                        "is|None|True|False|pass|lambda|yield|try|except|finally|raise)\\b"),
                     keyword });
    // Django's migration vocabulary stands out, so the operation names are easy to find.
    m_rules.append({ QRegularExpression("\\b(migrations|models|transaction|[A-Z][A-Za-z]+)\\b"), name });
    m_rules.append({ QRegularExpression("\\b\\d[\\d_]*\\b"), number });
    m_rules.append({ QRegularExpression("@\\w+"), name });
    // Strings and comments last: they win over everything inside them.
    m_rules.append({ QRegularExpression("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'"), string });
    m_rules.append({ QRegularExpression("#[^\\n]*$"), comment });
}

void PythonHighlighter::highlightBlock(const QString& text)
{
    for (const Rule& rule : std::as_const(m_rules)) {
        QRegularExpressionMatchIterator it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }
}

} // namespace locklab
