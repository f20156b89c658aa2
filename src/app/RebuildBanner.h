#pragma once

#include "core/migration/TableHealth.h"

#include <QFrame>
#include <QStringList>

class QLabel;
class QPushButton;

namespace locklab {

// A strip above the Run button, shown before a measured step when the lesson
// tables have grown well past their freshly seeded size or collected many
// dropped columns: it says why the next run would not compare with the first
// and offers the remedy (VACUUM FULL here, or seeding again). Never modal,
// so it asks nothing in the middle of a lesson; the attendee may ignore it.
class RebuildBanner : public QFrame
{
    Q_OBJECT
public:
    explicit RebuildBanner(QWidget* parent = nullptr);

    // Shows the advice for `snapshot` when `measuredStep` (a step with probes), hides otherwise.
    void update(const SchemaSnapshot& snapshot, bool measuredStep);
    QString text() const;

signals:
    void rebuildRequested(const QStringList& tables);
    void reseedRequested();

private:
    QLabel* m_text = nullptr;
    QPushButton* m_action = nullptr;
    RebuildAdvice m_advice;
};

} // namespace locklab
