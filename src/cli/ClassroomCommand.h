#pragma once

#include "core/server/ConnectionSettings.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace locklab {

// `locklab-cli classroom prepare|drop`: for an instructor whose role may
// create roles and databases on a shared server. prepare makes one login
// role and one marked sandbox database per attendee (random passwords,
// CONNECT for that role only) and writes a printable sheet of connection
// strings; drop removes exactly what prepare made, found by the comment
// prepare put on each role and database, and nothing else.
class ClassroomCommand
{
public:
    // `arguments`: argv with the program name first and "classroom" second.
    // Returns the process exit status (0, 1 failure, 2 usage).
    static int main(const QStringList& arguments);

    // The comment that marks a role or database as made by prepare for `prefix`.
    static QString marker(const QString& prefix, int attendee);
    static QString roleName(const QString& prefix, int attendee);

private:
    struct Options
    {
        QString action; // prepare | drop
        ConnectionSettings server;
        int attendees = 0;
        QString prefix = "ws";
        QString out; // the sheet; default ./classroom-<prefix>.md
    };

    static int parse(const QStringList& arguments, Options* options);
    static int prepare(const Options& options);
    static int drop(const Options& options);
    static bool checkPrivileges(const QSqlDatabase& db, int attendees, QString* error);
    static bool prepareAttendee(QSqlDatabase& db, const Options& options, int attendee, const QString& password,
                                QString* error);
    static bool writeSheet(const Options& options, const QStringList& passwords, QString* written, QString* error);
};

} // namespace locklab
