#pragma once

#include "core/run/RunRecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace locklab {

// A saved session (.locklab): every recorded run of a LockLab session, so a
// workshop can be prepared on one machine and shown on another without a
// database. The file is gzip-compressed JSON (`zcat x.locklab` shows it):
//
//   { "format": "locklab-session", "schema_version": 1,
//     "locklab_version": "0.1.0", "saved_at": "...", "runs": [ {run}, ... ] }
//
// Each run holds the RunRecord's fields, its samples, statements and locks
// (SessionFields) plus its verdict and headline for readers without LockLab.
// Statistics and verdicts are recomputed on opening, from the same data, so
// they are identical to what the saving LockLab showed.
//
// schema_version goes up only when an older LockLab could not read a file
// correctly by ignoring what it does not know; a file with a newer version is
// refused with a message saying which LockLab wrote it.
struct Session
{
    QList<RunRecord> runs;
    QString locklabVersion; // of the LockLab that saved it
    QDateTime savedAt;
    int schemaVersion = 0;
};

class SessionFile
{
public:
    static constexpr int kSchemaVersion = 1;
    static constexpr const char* kFormatName = "locklab-session";
    static constexpr const char* kSuffix = "locklab";
    static constexpr const char* kMimeType = "application/x-locklab-session";

    static QByteArray encode(const QList<RunRecord>& runs);
    // Accepts the gzip file and its unpacked JSON. False with *error saying
    // what is wrong with the data (truncated, damaged, not a session, newer).
    static bool decode(const QByteArray& data, Session* session, QString* error);

    // Written through QSaveFile: a failed save never destroys an older file.
    static bool save(const QList<RunRecord>& runs, const QString& path, QString* error);
    // *error starts with the file name: "Cannot open x.locklab: ...".
    static bool load(const QString& path, Session* session, QString* error);
};

} // namespace locklab
