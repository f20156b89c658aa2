#include "core/lesson/ActorSpec.h"

#include <QRegularExpression>

namespace locklab {

QString actorKindName(ActorKind kind)
{
    switch (kind) {
    case ActorKind::LongQuery:
        return QStringLiteral("long_query");
    case ActorKind::IdleInTransaction:
        return QStringLiteral("idle_in_transaction");
    case ActorKind::Writer:
        return QStringLiteral("writer");
    }
    return QString();
}

QString ActorSpec::resolvedSql() const
{
    static const QRegularExpression placeholder(QStringLiteral("(?<![:\\w]):hold_seconds\\b"));
    QString text = sql;
    return text.replace(placeholder, QString::number(double(holdMs) / 1000.0, 'f', 3));
}

QString ActorSpec::applicationName() const
{
    // application_name keeps at most NAMEDATALEN - 1 = 63 bytes and only
    // printable ASCII; the loader keeps names short and plain.
    QString text = applicationNamePrefix() + name;
    while (text.toUtf8().size() > 63)
        text.chop(1);
    return text;
}

} // namespace locklab
