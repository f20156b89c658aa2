#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace locklab {

// One statement of a script as PostgreSQL's parser sees it. Offsets are
// bytes into the UTF-8 script (what libpg_query works in).
struct ParsedStatement
{
    int offset = 0; // first byte of its first token (leading comments skipped)
    int length = 0; // up to, not including, the semicolon
    QJsonObject node; // {"AlterTableStmt": {...}}: libpg_query's parse tree for it
    bool ok = true;
    QString error; // the parser's message, e.g. 'syntax error at or near "NOT"'
    int errorOffset = -1; // byte offset into the script, -1 when the parser gave none
};

// A token of PostgreSQL's scanner: bytes [start, end) of the script.
struct ScanToken
{
    int start = 0;
    int end = 0;
    bool keyword = false;
};

// PostgreSQL's own parser and scanner (libpg_query, the grammar of
// PostgreSQL 15): splits a script into statements with the scanner, so a
// statement the parser rejects does not hide the others, then parses each.
class PgParser
{
public:
    static int grammarVersion(); // e.g. 150001

    // Splits and parses `script`. Returns false when even the scanner fails
    // (an unterminated quote or comment): then `error`/`errorOffset` say where.
    static bool parseScript(const QByteArray& script, QList<ParsedStatement>* statements, QString* error,
                            int* errorOffset);
    static QList<ScanToken> scan(const QByteArray& script);

    // 1-based line and column (in characters) of a byte offset.
    static void lineColumn(const QByteArray& script, int offset, int* line, int* column);
};

} // namespace locklab
