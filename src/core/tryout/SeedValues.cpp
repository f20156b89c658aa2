#include "core/tryout/SeedValues.h"

#include "core/tryout/CheckConstraintReader.h"

#include <QMap>
#include <QStringList>
#include <cmath>

namespace locklab {

namespace {

const QStringList integerTypes = { "int2", "int4", "int8", "smallint", "integer", "bigint" };
const QStringList floatTypes = { "float4", "float8", "real", "double precision" };
const QStringList textTypes = { "text", "varchar", "bpchar", "citext" };
constexpr double kExactInteger = 9007199254740992.0; // 2^53: integers a double holds exactly

QString sqlTypeName(const QString& type)
{
    static const QMap<QString, QString> names { { "int2", "smallint" }, { "int4", "integer" }, { "int8", "bigint" } };
    return names.value(type, type);
}

// A bound's number as SQL, without the quotes pg_dump puts around negative ones.
QString numberSql(const CheckLiteral& l)
{
    const QString n = l.sql.startsWith('\'') ? l.sql.mid(1, l.sql.size() - 2) : l.sql;
    return "(" + n + ")";
}

bool withinLengths(const QString& sql, const ColumnCheck& check)
{
    if (!sql.startsWith('\''))
        return true;
    const qsizetype length = sql.mid(1, sql.size() - 2).replace("''", "'").size();
    return length >= check.minLength && (check.maxLength < 0 || length <= check.maxLength);
}

bool withinRange(const CheckLiteral& l, const ColumnCheck& check)
{
    if (!l.number)
        return !check.hasRange();
    const double v = *l.number;
    if (check.low && (check.lowInclusive ? v < *check.low->number : v <= *check.low->number))
        return false;
    return !(check.high && (check.highInclusive ? v > *check.high->number : v >= *check.high->number));
}

// One of the listed values, in turn; numbered rows get different ones.
QString fromList(const SeedColumn& c, qint64 rows, const ColumnCheck& check, QString* problem)
{
    QStringList values;
    for (const CheckLiteral& l : check.allowed) {
        if (withinRange(l, check) && withinLengths(l.sql, check))
            values.append(l.sql);
    }
    if (values.isEmpty()) {
        *problem = QString("the CHECKs on %1 allow no value: %2").arg(c.name, check.checks.join(", "));
        return {};
    }
    if (c.unique && rows > values.size()) {
        *problem = QString("%1 is unique but its CHECK allows only %2 value(s), fewer than %3 rows")
                       .arg(c.name)
                       .arg(values.size())
                       .arg(rows);
        return {};
    }
    return QString("(ARRAY[%1]::%2[])[1 + ((g - 1) % %3)]").arg(values.join(", "), c.type).arg(values.size());
}

// Integers (and numeric without decimals): g numbered from the lowest
// allowed value, or a thousand repeating values inside the range.
QString integerValue(const SeedColumn& c, qint64 rows, const ColumnCheck* check, QString* problem)
{
    double typeMax = kExactInteger;
    if (c.type == "int2" || c.type == "smallint")
        typeMax = 32767;
    else if (c.type == "int4" || c.type == "integer")
        typeMax = 2147483647;
    else if (c.type == "numeric" && !c.mods.isEmpty())
        typeMax = std::min(kExactInteger, std::pow(10.0, c.mods.first()) - 1);
    double lo = -typeMax, hi = typeMax;
    bool hasLo = false, hasHi = false;
    if (check && check->low) {
        const double v = *check->low->number;
        lo = std::max(lo, check->lowInclusive ? std::ceil(v) : std::floor(v) + 1);
        hasLo = true;
    }
    if (check && check->high) {
        const double v = *check->high->number;
        hi = std::min(hi, check->highInclusive ? std::floor(v) : std::ceil(v) - 1);
        hasHi = true;
    }
    if (lo > hi) {
        *problem = QString("the CHECKs on %1 allow no integer: %2").arg(c.name, check->checks.join(", "));
        return {};
    }
    if (c.unique) {
        const double start = hasLo ? lo : std::min(1.0, hi - double(rows) + 1);
        if (start + double(rows) - 1 > hi || start < lo) {
            *problem = QString("%1 is unique but %2 allows only %3 values, fewer than %4 rows")
                           .arg(c.name, check && check->hasRange() ? QString("its CHECK") : sqlTypeName(c.type))
                           .arg(qint64(hi - std::max(lo, start) + 1))
                           .arg(rows);
            return {};
        }
        const qint64 offset = qint64(start) - 1;
        return offset == 0 ? QString("g") : QString("(g %1 %2)").arg(offset < 0 ? "-" : "+").arg(std::llabs(offset));
    }
    const double span = std::min(1000.0, hi - lo + 1);
    const double start = hasLo ? lo : (hasHi ? std::min(0.0, hi - span + 1) : 0.0);
    if (start == 0 && span == 1000)
        return "(g % 1000)";
    return QString("(%1 + (g % %2))").arg(qint64(start)).arg(qint64(span));
}

// Decimals: numbered (g) when unique, else 100 values a quarter apart,
// strictly inside the CHECK's range when it has one.
QString decimalValue(const SeedColumn& c, qint64 rows, const ColumnCheck* check, QString* problem)
{
    const QString t = c.type;
    const std::optional<CheckLiteral> low = check ? check->low : std::nullopt;
    const std::optional<CheckLiteral> high = check ? check->high : std::nullopt;
    if (low && high && *low->number > *high->number) {
        *problem = QString("the CHECKs on %1 allow no value: %2").arg(c.name, check->checks.join(", "));
        return {};
    }
    if (low && high && *low->number == *high->number) {
        if (c.unique || !check->lowInclusive || !check->highInclusive) {
            *problem = QString("the CHECKs on %1 allow at most one value: %2").arg(c.name, check->checks.join(", "));
            return {};
        }
        return QString("%1::%2").arg(numberSql(*low), t);
    }
    if (c.unique) {
        if (low && high && *low->number + double(rows) >= *high->number)
            return QString("(%1 + g * (%2 - %1) / %3)::%4").arg(numberSql(*low), numberSql(*high)).arg(rows + 1).arg(t);
        if (low)
            return QString("(%1 + g)::%2").arg(numberSql(*low), t);
        if (high)
            return QString("(%1 - g)::%2").arg(numberSql(*high), t);
        return QString("g::%1").arg(t);
    }
    if (low && high)
        return QString("(%1 + ((g % 99) + 1) * (%2 - %1) / 100.0)::%3").arg(numberSql(*low), numberSql(*high), t);
    if (low)
        return QString("(%1 + ((g % 100) + 1) / 4.0)::%2").arg(numberSql(*low), t);
    if (high)
        return QString("(%1 - ((g % 100) + 1) / 4.0)::%2").arg(numberSql(*high), t);
    return QString("((g % 100) / 4.0)::%1").arg(t);
}

QString textValue(const SeedColumn& c, qint64 rows, const ColumnCheck* check, QString* problem)
{
    int maxLength = c.type != "text" && c.type != "citext" && !c.mods.isEmpty() ? c.mods.first() : -1;
    if (check && check->maxLength >= 0)
        maxLength = maxLength < 0 ? check->maxLength : std::min(maxLength, check->maxLength);
    const int minLength = check ? check->minLength : 0;
    if (maxLength >= 0 && minLength > maxLength) {
        *problem = QString("the CHECKs on %1 want at least %2 and at most %3 characters: %4")
                       .arg(c.name)
                       .arg(minLength)
                       .arg(maxLength)
                       .arg(check->checks.join(", "));
        return {};
    }
    if (maxLength >= 0 && c.unique && maxLength < QString::number(rows).size() + 1) {
        *problem = QString("%1 is unique but at most %2 characters are too few for %3 numbered values")
                       .arg(c.name)
                       .arg(maxLength)
                       .arg(rows);
        return {};
    }
    QString value = c.unique ? "('v' || g)" : "('value ' || (g % 1000))";
    const int shortest = c.unique ? 2 : 7; // 'v1', 'value 0'
    if (minLength > shortest)
        value = QString("rpad(%1, greatest(%2, length(%1)), 'x')").arg(value).arg(minLength);
    return maxLength >= 0 ? QString("left(%1, %2)").arg(value).arg(maxLength) : value;
}

} // namespace

QString SeedValues::valueFor(const SeedColumn& c, qint64 rows, const ColumnCheck* check, QString* problem,
                             QString* unrespected)
{
    const QString t = c.type;
    if (check && check->allowedSet)
        return fromList(c, rows, *check, problem);
    const bool scaleZero = t == "numeric" && !c.mods.isEmpty() && c.mods.value(1, 0) == 0;
    const bool lengths = check && (check->minLength > 0 || check->maxLength >= 0);
    const bool range = check && check->hasRange();
    if (integerTypes.contains(t) || scaleZero) {
        if (lengths)
            *unrespected = "a length condition on a number";
        return integerValue(c, rows, check, problem);
    }
    if (t == "numeric" || floatTypes.contains(t)) {
        if (lengths)
            *unrespected = "a length condition on a number";
        return decimalValue(c, rows, check, problem);
    }
    if (textTypes.contains(t)) {
        if (range)
            *unrespected = "a comparison of text with a constant";
        return textValue(c, rows, check, problem);
    }
    if (range || lengths)
        *unrespected = QString("conditions on a %1 column").arg(t);
    if (t == "bool")
        return "(g % 2 = 0)";
    if (t == "date")
        return c.unique ? "(date '2000-01-01' + g::int)" : "(date '2020-01-01' + (g % 1000)::int)";
    if (t == "timestamp" || t == "timestamptz")
        return QString("(timestamp '2020-01-01' + g * interval '1 second')::%1").arg(t);
    if (t == "interval")
        return "(g * interval '1 second')";
    if (t == "uuid")
        return "md5(g::text)::uuid";
    if (t == "json" || t == "jsonb")
        return QString("json_build_object('n', g)::%1").arg(t);
    if (t == "bytea")
        return "decode(md5(g::text), 'hex')";
    return {};
}

} // namespace locklab
