#pragma once

#include "core/lesson/StepTeaching.h"

#include <QList>
#include <QString>

namespace locklab {

// Picks the version notes of a step for the connected server.
class VersionNotes
{
public:
    // The major version of a server version string: "15.8" -> 15,
    // "PostgreSQL 18beta1" -> 18, "9.6.24" -> 9; 0 when there is none.
    static int majorOf(const QString& serverVersion);
    // The same from server_version_num: 150008 -> 15, 90624 -> 9.
    static int majorOfNumber(int serverVersionNumber);

    // Notes that hold for `major`, in the lesson's order. `major` 0 (not
    // connected) selects nothing: the GUI then shows every note as "other versions".
    static QList<VersionNote> applying(const QList<VersionNote>& notes, int major);
    static QList<VersionNote> notApplying(const QList<VersionNote>& notes, int major);

    // "PostgreSQL 11 and older", "PostgreSQL 12 to 17", "PostgreSQL 18 and newer".
    static QString range(const VersionNote& note);
};

} // namespace locklab
