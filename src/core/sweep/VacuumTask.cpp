#include "core/sweep/VacuumTask.h"

#include "core/observe/QueuedCall.h"
#include "core/server/DatabaseConnection.h"

#include <QSqlError>
#include <QSqlQuery>

namespace locklab {

namespace {
class VacuumWorker : public QObject
{
    Q_OBJECT
public:
    explicit VacuumWorker(const ConnectionSettings& sandbox)
        : m_sandbox(sandbox)
    {
    }

public slots:
    void run()
    {
        QString error;
        bool ok = false;
        {
            DatabaseConnection connection(m_sandbox, QStringLiteral("locklab sweep vacuum"));
            if (connection.open(&error)) {
                QSqlQuery query(connection.database());
                // The whole sandbox database: it holds only lesson tables, and
                // no table name is written in C++ (lessons are data).
                ok = query.exec(QStringLiteral("VACUUM ANALYZE"));
                if (!ok)
                    error = query.lastError().text();
            }
        }
        emit done(ok, error);
    }

signals:
    void done(bool ok, const QString& error);

private:
    ConnectionSettings m_sandbox;
};
} // namespace

VacuumTask::VacuumTask(const ConnectionSettings& sandbox, QObject* parent)
    : QObject(parent)
    , m_sandbox(sandbox)
{
}

VacuumTask::~VacuumTask()
{
    m_thread.quit();
    m_thread.wait();
}

void VacuumTask::start()
{
    auto* worker = new VacuumWorker(m_sandbox);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &VacuumWorker::done, this, [this](bool ok, const QString& error) {
        m_thread.quit();
        emit finished(ok, error);
    });
    m_thread.start();
    postCall(worker, [worker] { worker->run(); });
}

} // namespace locklab

#include "VacuumTask.moc"
