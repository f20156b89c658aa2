#include "core/teach/VersionNotes.h"

#include <QRegularExpression>

namespace locklab {

int VersionNotes::majorOf(const QString& serverVersion)
{
    static const QRegularExpression number(QStringLiteral("(\\d+)"));
    const QRegularExpressionMatch match = number.match(serverVersion);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

int VersionNotes::majorOfNumber(int serverVersionNumber)
{
    // From 10 on the number is major * 10000 + minor (150008); before, major
    // * 10000 + minor * 100 + patch (90624): either way the major is the same division.
    return serverVersionNumber / 10000;
}

QList<VersionNote> VersionNotes::applying(const QList<VersionNote>& notes, int major)
{
    QList<VersionNote> result;
    for (const VersionNote& note : notes) {
        if (major > 0 && note.appliesTo(major))
            result << note;
    }
    return result;
}

QList<VersionNote> VersionNotes::notApplying(const QList<VersionNote>& notes, int major)
{
    QList<VersionNote> result;
    for (const VersionNote& note : notes) {
        if (major <= 0 || !note.appliesTo(major))
            result << note;
    }
    return result;
}

QString VersionNotes::range(const VersionNote& note)
{
    if (note.fromMajor > 0 && note.beforeMajor > 0) {
        if (note.beforeMajor - 1 == note.fromMajor)
            return QString("PostgreSQL %1").arg(note.fromMajor);
        return QString("PostgreSQL %1 to %2").arg(note.fromMajor).arg(note.beforeMajor - 1);
    }
    if (note.fromMajor > 0)
        return QString("PostgreSQL %1 and newer").arg(note.fromMajor);
    if (note.beforeMajor > 0)
        return QString("PostgreSQL %1 and older").arg(note.beforeMajor - 1);
    return QStringLiteral("every PostgreSQL version");
}

} // namespace locklab
