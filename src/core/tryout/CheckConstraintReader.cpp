#include "core/tryout/CheckConstraintReader.h"

#include "core/analysis/ParseTree.h"
#include "core/analysis/PgParser.h"

namespace locklab {

using namespace ParseTree;

namespace {

// Casts change nothing the generator needs: (status)::text, (0)::numeric.
QJsonObject withoutCasts(QJsonObject node)
{
    while (nodeType(node) == "TypeCast")
        node = body(node).value("arg").toObject();
    return node;
}

QString columnName(const QJsonObject& node)
{
    const QJsonObject n = withoutCasts(node);
    if (nodeType(n) != "ColumnRef")
        return {};
    const QJsonArray fields = body(n).value("fields").toArray();
    return fields.isEmpty() ? QString() : fields.last().toObject().value("String").toObject().value("sval").toString();
}

// The column of length(col), char_length(col) or character_length(col).
QString lengthColumn(const QJsonObject& node)
{
    const QJsonObject n = withoutCasts(node);
    if (nodeType(n) != "FuncCall")
        return {};
    const QJsonObject f = body(n);
    const QStringList function = names(f.value("funcname").toArray());
    static const QStringList lengths = { "length", "char_length", "character_length" };
    const QJsonArray args = f.value("args").toArray();
    if (function.isEmpty() || !lengths.contains(function.last()) || args.size() != 1)
        return {};
    return columnName(args.first().toObject());
}

QString flipped(const QString& op)
{
    static const QMap<QString, QString> flips { { "<", ">" }, { "<=", ">=" }, { ">", "<" }, { ">=", "<=" } };
    return flips.value(op, op);
}

void narrowAllowed(ColumnCheck* c, const QList<CheckLiteral>& values)
{
    if (!c->allowedSet) {
        c->allowed = values;
        c->allowedSet = true;
        return;
    }
    QList<CheckLiteral> both;
    for (const CheckLiteral& a : c->allowed) {
        for (const CheckLiteral& b : values) {
            if (a.sql == b.sql || (a.number && b.number && *a.number == *b.number)) {
                both.append(a);
                break;
            }
        }
    }
    c->allowed = both;
}

} // namespace

CheckConstraintReader::CheckConstraintReader(const QByteArray& statement)
    : m_statement(statement)
    , m_tokens(PgParser::scan(statement))
{
}

QString CheckConstraintReader::tokenAt(int location, int* next) const
{
    const QList<ScanToken>& tokens = m_tokens;
    for (int i = 0; i < tokens.size(); ++i) {
        if (tokens.at(i).start == location) {
            if (next)
                *next = i + 1 < tokens.size() ? tokens.at(i + 1).start : -1;
            return QString::fromUtf8(m_statement.mid(tokens.at(i).start, tokens.at(i).end - tokens.at(i).start));
        }
    }
    return {};
}

std::optional<CheckLiteral> CheckConstraintReader::literal(const QJsonObject& node) const
{
    const QJsonObject n = withoutCasts(node);
    if (nodeType(n) != "A_Const")
        return std::nullopt;
    const QJsonObject f = body(n);
    CheckLiteral l;
    bool ok = false;
    if (f.contains("sval")) {
        const QString text = f.value("sval").toObject().value("sval").toString();
        l.sql = "'" + QString(text).replace('\'', "''") + "'";
        const double number = text.toDouble(&ok); // '-3'::integer, as pg_dump writes negative numbers
        if (ok)
            l.number = number;
        return l;
    }
    if (f.contains("fval")) {
        l.sql = f.value("fval").toObject().value("fval").toString();
    } else if (f.contains("ival")) {
        // The tree drops the sign of a negative integer: read the scanner's tokens at its place.
        int next = -1;
        l.sql = tokenAt(f.value("location").toInt(), &next);
        if (l.sql == "-" && next >= 0)
            l.sql += tokenAt(next);
    } else {
        return std::nullopt; // booleans, bit strings, NULL
    }
    const double number = l.sql.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    l.number = number;
    return l;
}

bool CheckConstraintReader::add(const QJsonObject& constraint)
{
    QMap<QString, ColumnCheck> columns = m_columns;
    const QJsonObject expr = constraint.value("raw_expr").toObject();
    if (!read(expr, &columns))
        return false;
    QList<QJsonObject> refs;
    collect(expr, "ColumnRef", &refs);
    for (const QJsonObject& ref : refs) {
        const QString column = columnName(QJsonObject { { "ColumnRef", ref } });
        if (!columns[column].checks.contains(text(constraint)))
            columns[column].checks.append(text(constraint));
    }
    m_columns = columns;
    return true;
}

bool CheckConstraintReader::read(const QJsonObject& expr, QMap<QString, ColumnCheck>* columns) const
{
    const QString type = nodeType(expr);
    const QJsonObject f = body(expr);
    if (type == "BoolExpr") {
        const QJsonArray args = f.value("args").toArray();
        if (f.value("boolop").toString() == "AND_EXPR") {
            for (const QJsonValue& a : args) {
                if (!read(a.toObject(), columns))
                    return false;
            }
            return true;
        }
        if (f.value("boolop").toString() != "OR_EXPR")
            return false;
        // "col IS NULL OR <condition>": generated values are not NULL, so the condition must hold.
        QJsonObject condition;
        for (const QJsonValue& a : args) {
            const QJsonObject arg = a.toObject();
            if (nodeType(arg) == "NullTest" && body(arg).value("nulltesttype").toString() == "IS_NULL")
                continue;
            if (!condition.isEmpty())
                return false;
            condition = arg;
        }
        return !condition.isEmpty() && read(condition, columns);
    }
    if (type == "NullTest") {
        const QString column = columnName(f.value("arg").toObject());
        if (column.isEmpty() || f.value("nulltesttype").toString() != "IS_NOT_NULL")
            return false;
        (*columns)[column].notNull = true;
        return true;
    }
    if (type != "A_Expr")
        return false;
    const QString kind = f.value("kind").toString();
    const QStringList op = names(f.value("name").toArray());
    const QString column = columnName(f.value("lexpr").toObject());
    if (kind == "AEXPR_OP")
        return comparison(f, columns);
    if (column.isEmpty())
        return false;
    QList<CheckLiteral> values;
    QJsonArray items;
    if (kind == "AEXPR_BETWEEN" || kind == "AEXPR_BETWEEN_SYM" || kind == "AEXPR_IN")
        items = f.value("rexpr").toObject().value("List").toObject().value("items").toArray();
    else if (kind == "AEXPR_OP_ANY" && op == QStringList { "=" })
        items = body(withoutCasts(f.value("rexpr").toObject())).value("elements").toArray();
    else
        return false;
    for (const QJsonValue& item : items) {
        const std::optional<CheckLiteral> l = literal(item.toObject());
        if (!l)
            return false;
        values.append(*l);
    }
    ColumnCheck& c = (*columns)[column];
    if (kind == "AEXPR_IN" || kind == "AEXPR_OP_ANY") {
        if (op != QStringList { "=" } || values.isEmpty())
            return false; // NOT IN
        narrowAllowed(&c, values);
        return true;
    }
    if (values.size() != 2 || !values.at(0).number || !values.at(1).number)
        return false;
    if (kind == "AEXPR_BETWEEN_SYM" && *values.at(0).number > *values.at(1).number)
        std::swap(values[0], values[1]);
    const auto bound = [&](const CheckLiteral& l, bool lower) {
        std::optional<CheckLiteral>& b = lower ? c.low : c.high;
        if (!b || (lower ? *l.number > *b->number : *l.number < *b->number)) {
            b = l;
            (lower ? c.lowInclusive : c.highInclusive) = true;
        }
    };
    bound(values.at(0), true);
    bound(values.at(1), false);
    return true;
}

bool CheckConstraintReader::comparison(const QJsonObject& fields, QMap<QString, ColumnCheck>* columns) const
{
    const QStringList name = names(fields.value("name").toArray());
    if (name.size() != 1)
        return false;
    QString op = name.first();
    QJsonObject left = fields.value("lexpr").toObject(), right = fields.value("rexpr").toObject();
    if (!literal(right) && literal(left)) {
        std::swap(left, right);
        op = flipped(op);
    }
    const std::optional<CheckLiteral> value = literal(right);
    if (!value)
        return false;
    const QString lengthOf = lengthColumn(left);
    if (!lengthOf.isEmpty()) {
        if (!value->number || *value->number != int(*value->number))
            return false;
        const int n = int(*value->number);
        ColumnCheck& c = (*columns)[lengthOf];
        if (op == ">" || op == ">=" || op == "=")
            c.minLength = qMax(c.minLength, op == ">" ? n + 1 : n);
        if (op == "<" || op == "<=" || op == "=") {
            const int max = op == "<" ? n - 1 : n;
            c.maxLength = c.maxLength < 0 ? max : qMin(c.maxLength, max);
        }
        return op == ">" || op == ">=" || op == "=" || op == "<" || op == "<=";
    }
    const QString column = columnName(left);
    if (column.isEmpty())
        return false;
    ColumnCheck& c = (*columns)[column];
    if (op == "=") {
        narrowAllowed(&c, { *value });
        return true;
    }
    if (op == "<>" || op == "!=") {
        if (value->sql != "''")
            return false;
        c.minLength = qMax(c.minLength, 1);
        return true;
    }
    if (!value->number)
        return false;
    const bool lower = op == ">" || op == ">=";
    if (!lower && op != "<" && op != "<=")
        return false;
    std::optional<CheckLiteral>& b = lower ? c.low : c.high;
    const bool inclusive = op.endsWith('=');
    const bool tighter = !b || (lower ? *value->number > *b->number : *value->number < *b->number)
        || (*value->number == *b->number && !inclusive);
    if (tighter) {
        b = *value;
        (lower ? c.lowInclusive : c.highInclusive) = inclusive;
    }
    return true;
}

QString CheckConstraintReader::text(const QJsonObject& constraint) const
{
    // From CONSTRAINT name / CHECK to the parenthesis that closes the condition, by the scanner's tokens.
    const int start = constraint.value("location").toInt();
    int depth = 0;
    for (const ScanToken& t : m_tokens) {
        if (t.start < start)
            continue;
        const QByteArray token = m_statement.mid(t.start, t.end - t.start);
        if (token == "(")
            ++depth;
        if (token == ")" && --depth == 0)
            return QString::fromUtf8(m_statement.mid(start, t.end - start)).simplified();
    }
    return QString::fromUtf8(m_statement.mid(start, 80)).simplified();
}

} // namespace locklab
