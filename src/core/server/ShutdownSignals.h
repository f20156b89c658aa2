#pragma once

#include <QObject>

class QSocketNotifier;

namespace locklab {

// Turns SIGINT and SIGTERM into a Qt signal delivered on the event loop, so
// Ctrl-C in the terminal shuts down cleanly (and stops the embedded server)
// instead of killing the process mid-way.
class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject* parent = nullptr);
    ~ShutdownSignals() override;

signals:
    void shutdownRequested(int signalNumber);

private:
    void readSignal();
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace locklab
