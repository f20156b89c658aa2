#include "app/SqlHighlighter.h"

namespace locklab {

SqlHighlighter::SqlHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
    QTextCharFormat keyword;
    keyword.setForeground(QColor(0x1f, 0x4e, 0xb4));
    keyword.setFontWeight(QFont::Bold);
    const QStringList keywords = {
        "ADD",    "ALTER",  "AND",     "AS",           "BEGIN",      "BETWEEN",  "BY",      "CASCADE",
        "CHECK",  "COLUMN", "COMMIT",  "CONCURRENTLY", "CONSTRAINT", "CREATE",   "DEFAULT", "DELETE",
        "DROP",   "EXISTS", "FOREIGN", "FROM",         "IF",         "IN",       "INDEX",   "INSERT",
        "INTO",   "IS",     "KEY",     "LIMIT",        "LOCK",       "NOT",      "NULL",    "ON",
        "OR",     "ORDER",  "PRIMARY", "REFERENCES",   "RESET",      "ROLLBACK", "SCHEMA",  "SELECT",
        "SET",    "TABLE",  "TO",      "TYPE",         "UNIQUE",     "UPDATE",   "VALID",   "VALIDATE",
        "VALUES", "WHERE",  "ANALYZE", "TRANSACTION",
    };
    m_rules.append(
        { QRegularExpression("\\b(" + keywords.join('|') + ")\\b", QRegularExpression::CaseInsensitiveOption),
          keyword });

    QTextCharFormat type;
    type.setForeground(QColor(0x80, 0x30, 0x90));
    m_rules.append({ QRegularExpression("\\b(bigserial|bigint|integer|int|varchar|text|boolean|timestamptz|"
                                        "character varying)\\b",
                                        QRegularExpression::CaseInsensitiveOption),
                     type });

    QTextCharFormat number;
    number.setForeground(QColor(0xa0, 0x50, 0x00));
    m_rules.append({ QRegularExpression("\\b\\d+\\b"), number });

    QTextCharFormat placeholder;
    placeholder.setForeground(QColor(0xa0, 0x50, 0x00));
    placeholder.setFontItalic(true);
    m_rules.append({ QRegularExpression("(?<!:):[a-z_]+\\b"), placeholder });

    QTextCharFormat string;
    string.setForeground(QColor(0x1a, 0x7f, 0x37));
    m_rules.append({ QRegularExpression("'(?:[^']|'')*'"), string });

    QTextCharFormat identifier;
    identifier.setForeground(QColor(0x30, 0x30, 0x30));
    m_rules.append({ QRegularExpression("\"[^\"]*\""), identifier });

    m_commentFormat.setForeground(QColor(0x70, 0x70, 0x70));
    m_commentFormat.setFontItalic(true);
}

void SqlHighlighter::highlightBlock(const QString& text)
{
    for (const Rule& rule : m_rules) {
        auto matches = rule.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const auto match = matches.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }
    // Comments win over everything else on their line.
    const int comment = int(text.indexOf("--"));
    if (comment >= 0)
        setFormat(comment, int(text.size()) - comment, m_commentFormat);
}

} // namespace locklab
