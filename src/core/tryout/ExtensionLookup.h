#pragma once

#include "core/server/ConnectionSettings.h"

#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QSet>
#include <QThread>

namespace locklab {

// What a database has: its installed extensions (pg_extension, with the
// schema each one's objects are in) and those the server could install
// (pg_available_extensions).
struct DatabaseExtensions
{
    QMap<QString, QString> installed; // name -> schema
    QSet<QString> available;

    QSet<QString> installedNames() const;
};

// Reads DatabaseExtensions of the sandbox database on a thread of its own
// with its own connection, so `try` can refuse a CREATE EXTENSION of one that
// is not installed before anything runs, without blocking the caller's
// thread. One lookup per object; finished() comes back on the caller's thread.
class ExtensionLookup : public QObject
{
    Q_OBJECT
public:
    explicit ExtensionLookup(const ConnectionSettings& sandbox, QObject* parent = nullptr);
    ~ExtensionLookup() override;

    void start();

signals:
    void finished(bool ok, const locklab::DatabaseExtensions& extensions, const QString& error);

private:
    ConnectionSettings m_sandbox;
    QThread m_thread;
};

} // namespace locklab

Q_DECLARE_METATYPE(locklab::DatabaseExtensions)
