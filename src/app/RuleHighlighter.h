#pragma once

#include <QList>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QColor;

namespace locklab {

// A highlighter made of rules, each a pattern and the format of its matches.
// Rules apply in the order they were added, so a later rule wins where two
// match the same text: strings and comments go last.
class RuleHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit RuleHighlighter(QTextDocument* document);

protected:
    enum Style { Plain = 0, Bold = 1, Italic = 2 };
    static QTextCharFormat format(const QColor& colour, int style = Plain);
    void addRule(const QRegularExpression& pattern, const QTextCharFormat& format);
    void highlightBlock(const QString& text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    QList<Rule> m_rules;
};

} // namespace locklab
