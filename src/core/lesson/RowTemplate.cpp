#include "core/lesson/RowTemplate.h"

#include <charconv>

namespace locklab {

namespace {
// COPY's text format gives backslash, tab, newline and carriage return a meaning.
std::string escapeForCopy(const QString& literal)
{
    std::string out;
    for (const char c : literal.toStdString()) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    return out;
}
} // namespace

bool RowTemplate::parse(const QStringList& values, RowTemplate* result, QString* error)
{
    *result = {};
    for (const QString& value : values) {
        QList<Piece> pieces;
        QString literal;
        auto flush = [&]() {
            if (!literal.isEmpty())
                pieces.append({ escapeForCopy(literal), literal, false });
            literal.clear();
        };
        for (qsizetype i = 0; i < value.size(); ++i) {
            const QStringView rest = QStringView(value).mid(i);
            if (rest.startsWith(u"{n}")) {
                flush();
                pieces.append({ std::string(), QString(), true });
                i += 2;
            } else if (rest.startsWith(u"{{") || rest.startsWith(u"}}")) {
                literal += value.at(i);
                ++i;
            } else if (value.at(i) == '{' || value.at(i) == '}') {
                *error = QString("the value \"%1\" has a brace that is not {n} (the row number); write {{ or }} "
                                 "for a literal brace")
                             .arg(value);
                return false;
            } else {
                literal += value.at(i);
            }
        }
        flush();
        result->m_columns.append(pieces);
    }
    return true;
}

void RowTemplate::appendRow(qint64 n, std::string* out) const
{
    char digits[24];
    const auto converted = std::to_chars(digits, digits + sizeof digits, n);
    const std::string_view number(digits, size_t(converted.ptr - digits));
    for (qsizetype column = 0; column < m_columns.size(); ++column) {
        if (column > 0)
            *out += '\t';
        for (const Piece& piece : m_columns.at(column)) {
            if (piece.number)
                *out += number;
            else
                *out += piece.text;
        }
    }
    *out += '\n';
}

QString RowTemplate::describeColumn(int column) const
{
    QStringList parts;
    for (const Piece& piece : m_columns.value(column)) {
        if (piece.number)
            parts << "n";
        else
            parts << "'" + QString(piece.literal).replace('\'', "''") + "'";
    }
    return parts.isEmpty() ? QString("''") : parts.join(" || ");
}

} // namespace locklab
