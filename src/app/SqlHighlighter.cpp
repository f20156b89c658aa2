#include "app/SqlHighlighter.h"

namespace locklab {

SqlHighlighter::SqlHighlighter(QTextDocument* document)
    : RuleHighlighter(document)
{
    const QStringList keywords = {
        "ADD",    "ALTER",  "AND",     "AS",           "BEGIN",      "BETWEEN",  "BY",      "CASCADE",
        "CHECK",  "COLUMN", "COMMIT",  "CONCURRENTLY", "CONSTRAINT", "CREATE",   "DEFAULT", "DELETE",
        "DROP",   "EXISTS", "FOREIGN", "FROM",         "IF",         "IN",       "INDEX",   "INSERT",
        "INTO",   "IS",     "KEY",     "LIMIT",        "LOCK",       "NOT",      "NULL",    "ON",
        "OR",     "ORDER",  "PRIMARY", "REFERENCES",   "RESET",      "ROLLBACK", "SCHEMA",  "SELECT",
        "SET",    "TABLE",  "TO",      "TYPE",         "UNIQUE",     "UPDATE",   "VALID",   "VALIDATE",
        "VALUES", "WHERE",  "ANALYZE", "TRANSACTION",
    };
    addRule(QRegularExpression("\\b(" + keywords.join('|') + ")\\b", QRegularExpression::CaseInsensitiveOption),
            format(QColor(0x1f, 0x4e, 0xb4), Bold));
    addRule(QRegularExpression("\\b(bigserial|bigint|integer|int|varchar|text|boolean|timestamptz|"
                               "character varying)\\b",
                               QRegularExpression::CaseInsensitiveOption),
            format(QColor(0x80, 0x30, 0x90)));
    addRule(QRegularExpression("\\b\\d+\\b"), format(QColor(0xa0, 0x50, 0x00)));
    addRule(QRegularExpression("(?<!:):[a-z_]+\\b"), format(QColor(0xa0, 0x50, 0x00), Italic));
    addRule(QRegularExpression("'(?:[^']|'')*'"), format(QColor(0x1a, 0x7f, 0x37)));
    addRule(QRegularExpression("\"[^\"]*\""), format(QColor(0x30, 0x30, 0x30)));
    // Comments win over everything else on their line, from the first "--" on.
    addRule(QRegularExpression("--.*", QRegularExpression::DotMatchesEverythingOption),
            format(QColor(0x70, 0x70, 0x70), Italic));
}

} // namespace locklab
