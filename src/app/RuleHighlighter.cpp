#include "app/RuleHighlighter.h"

#include <QColor>
#include <QFont>

namespace locklab {

RuleHighlighter::RuleHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
}

QTextCharFormat RuleHighlighter::format(const QColor& colour, int style)
{
    QTextCharFormat format;
    format.setForeground(colour);
    if (style & Bold)
        format.setFontWeight(QFont::Bold);
    if (style & Italic)
        format.setFontItalic(true);
    return format;
}

void RuleHighlighter::addRule(const QRegularExpression& pattern, const QTextCharFormat& format)
{
    m_rules.append({ pattern, format });
}

void RuleHighlighter::highlightBlock(const QString& text)
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
