#include "core/analysis/PgParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <pg_query.h>

namespace locklab {

namespace {

// libpg_query reports the error position as a 1-based character count
// (PostgreSQL's cursorpos); its `lineno` is a line of the parser's C
// sources, so it is never shown. Convert to a byte offset in `text`.
int byteOffsetOfCharacter(const QByteArray& text, int characters)
{
    int i = 0;
    int seen = 0;
    while (i < text.size() && seen < characters) {
        const auto c = static_cast<unsigned char>(text.at(i));
        ++i;
        if ((c & 0xC0) != 0x80) {
            while (i < text.size() && (static_cast<unsigned char>(text.at(i)) & 0xC0) == 0x80)
                ++i;
            ++seen;
        }
    }
    return i;
}

// The scanner answers in protobuf (ScanResult { repeated ScanToken tokens = 2 },
// ScanToken { start = 1, end = 2, token = 4, keyword_kind = 5 }); only these
// varint and length-delimited fields are read.
bool readVarint(const char*& p, const char* end, quint64* value)
{
    *value = 0;
    for (int shift = 0; p < end && shift < 64; shift += 7) {
        const auto byte = static_cast<unsigned char>(*p++);
        *value |= quint64(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

bool skipField(const char*& p, const char* end, int wireType)
{
    quint64 v = 0;
    switch (wireType) {
    case 0:
        return readVarint(p, end, &v);
    case 1:
        p += 8;
        return p <= end;
    case 2:
        if (!readVarint(p, end, &v))
            return false;
        p += v;
        return p <= end;
    case 5:
        p += 4;
        return p <= end;
    default:
        return false;
    }
}

ScanToken readToken(const char* p, const char* end)
{
    ScanToken token;
    while (p < end) {
        quint64 key = 0;
        if (!readVarint(p, end, &key))
            break;
        const int field = int(key >> 3);
        const int wire = int(key & 7);
        if (wire == 0 && (field == 1 || field == 2 || field == 5)) {
            quint64 v = 0;
            if (!readVarint(p, end, &v))
                break;
            if (field == 1)
                token.start = int(v);
            else if (field == 2)
                token.end = int(v);
            else
                token.keyword = v != 0;
        } else if (!skipField(p, end, wire)) {
            break;
        }
    }
    return token;
}

bool isComment(const QByteArray& script, const ScanToken& t)
{
    const QByteArray head = script.mid(t.start, 2);
    return head == "--" || head == "/*";
}

} // namespace

int PgParser::grammarVersion()
{
    return PG_VERSION_NUM;
}

QList<ScanToken> PgParser::scan(const QByteArray& script)
{
    QList<ScanToken> tokens;
    PgQueryScanResult result = pg_query_scan(script.constData());
    if (!result.error) {
        const char* p = result.pbuf.data;
        const char* end = p + result.pbuf.len;
        while (p < end) {
            quint64 key = 0;
            if (!readVarint(p, end, &key))
                break;
            if ((key >> 3) == 2 && (key & 7) == 2) {
                quint64 len = 0;
                if (!readVarint(p, end, &len) || p + len > end)
                    break;
                const ScanToken t = readToken(p, p + len);
                if (!isComment(script, t))
                    tokens.append(t);
                p += len;
            } else if (!skipField(p, end, int(key & 7))) {
                break;
            }
        }
    }
    pg_query_free_scan_result(result);
    return tokens;
}

bool PgParser::parseScript(const QByteArray& script, QList<ParsedStatement>* statements, QString* error,
                           int* errorOffset)
{
    statements->clear();
    PgQuerySplitResult split = pg_query_split_with_scanner(script.constData());
    if (split.error) {
        *error = QString::fromUtf8(split.error->message);
        *errorOffset = split.error->cursorpos > 0 ? byteOffsetOfCharacter(script, split.error->cursorpos - 1) : -1;
        pg_query_free_split_result(split);
        return false;
    }
    const QList<ScanToken> tokens = scan(script);
    // Statement ranges [from, to): the split's, plus runs of tokens it left
    // out (it drops some statements it cannot classify, e.g. a misspelt
    // keyword), so every statement is parsed and a bad one is reported.
    QList<QPair<int, int>> ranges;
    for (int i = 0; i < split.n_stmts; ++i)
        ranges.append({ split.stmts[i]->stmt_location, split.stmts[i]->stmt_location + split.stmts[i]->stmt_len });
    const auto covered = [&ranges](int at) {
        for (const auto& r : ranges) {
            if (at >= r.first && at < r.second)
                return true;
        }
        return false;
    };
    int orphanStart = -1;
    for (int t = 0; t <= tokens.size(); ++t) {
        const bool end = t == tokens.size();
        const bool semicolon = !end && script.at(tokens.at(t).start) == ';'
            && tokens.at(t).end == tokens.at(t).start + 1;
        if (end || semicolon || covered(tokens.at(t).start)) {
            if (orphanStart >= 0)
                ranges.append({ orphanStart, tokens.at(t - 1).end });
            orphanStart = -1;
        } else if (orphanStart < 0) {
            orphanStart = tokens.at(t).start;
        }
    }
    std::sort(ranges.begin(), ranges.end());
    int nextToken = 0;
    for (const auto& range : ranges) {
        const int from = range.first;
        const int to = range.second;
        // Skip the comments and blanks the split keeps in front of a statement.
        while (nextToken < tokens.size() && tokens.at(nextToken).start < from)
            ++nextToken;
        if (nextToken >= tokens.size() || tokens.at(nextToken).start >= to)
            continue; // only comments
        ParsedStatement statement;
        statement.offset = tokens.at(nextToken).start;
        statement.length = to - statement.offset;
        const QByteArray text = script.mid(statement.offset, statement.length);
        PgQueryParseResult parsed = pg_query_parse(text.constData());
        if (parsed.error) {
            statement.ok = false;
            statement.error = QString::fromUtf8(parsed.error->message);
            if (parsed.error->cursorpos > 0)
                statement.errorOffset = statement.offset + byteOffsetOfCharacter(text, parsed.error->cursorpos - 1);
        } else {
            const QJsonArray stmts = QJsonDocument::fromJson(parsed.parse_tree).object().value("stmts").toArray();
            if (!stmts.isEmpty())
                statement.node = stmts.first().toObject().value("stmt").toObject();
        }
        pg_query_free_parse_result(parsed);
        statements->append(statement);
    }
    pg_query_free_split_result(split);
    return true;
}

void PgParser::lineColumn(const QByteArray& script, int offset, int* line, int* column)
{
    offset = qBound(0, offset, int(script.size()));
    const QByteArray before = script.left(offset);
    *line = int(before.count('\n')) + 1;
    const int lineStart = int(before.lastIndexOf('\n')) + 1;
    *column = QString::fromUtf8(before.mid(lineStart)).size() + 1;
}

} // namespace locklab
