#include "core/tryout/ExtensionLookup.h"

#include "core/observe/QueuedCall.h"
#include "core/server/DatabaseConnection.h"

#include <QSqlError>
#include <QSqlQuery>

namespace locklab {

QSet<QString> DatabaseExtensions::installedNames() const
{
    QSet<QString> names;
    for (auto it = installed.cbegin(); it != installed.cend(); ++it)
        names.insert(it.key());
    return names;
}

namespace {
class ExtensionWorker : public QObject
{
    Q_OBJECT
public:
    explicit ExtensionWorker(const ConnectionSettings& sandbox)
        : m_sandbox(sandbox)
    {
    }

public slots:
    void run()
    {
        QString error;
        DatabaseExtensions extensions;
        bool ok = false;
        {
            DatabaseConnection connection(m_sandbox, QStringLiteral("locklab try extensions"));
            if (connection.open(&error)) {
                QSqlQuery query(connection.database());
                ok = query.exec(QStringLiteral("SELECT e.extname, n.nspname FROM pg_extension e "
                                               "JOIN pg_namespace n ON n.oid = e.extnamespace"));
                while (ok && query.next())
                    extensions.installed.insert(query.value(0).toString(), query.value(1).toString());
                ok = ok && query.exec(QStringLiteral("SELECT name FROM pg_available_extensions"));
                while (ok && query.next())
                    extensions.available.insert(query.value(0).toString());
                if (!ok)
                    error = query.lastError().text();
            }
        }
        emit done(ok, extensions, error);
    }

signals:
    void done(bool ok, const locklab::DatabaseExtensions& extensions, const QString& error);

private:
    ConnectionSettings m_sandbox;
};
} // namespace

ExtensionLookup::ExtensionLookup(const ConnectionSettings& sandbox, QObject* parent)
    : QObject(parent)
    , m_sandbox(sandbox)
{
    qRegisterMetaType<DatabaseExtensions>();
}

ExtensionLookup::~ExtensionLookup()
{
    m_thread.quit();
    m_thread.wait();
}

void ExtensionLookup::start()
{
    auto* worker = new ExtensionWorker(m_sandbox);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &ExtensionWorker::done, this,
            [this](bool ok, const DatabaseExtensions& extensions, const QString& error) {
                m_thread.quit();
                emit finished(ok, extensions, error);
            });
    m_thread.start();
    postCall(worker, [worker] { worker->run(); });
}

} // namespace locklab

#include "ExtensionLookup.moc"
