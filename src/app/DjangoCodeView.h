#pragma once

#include "core/lesson/StepTeaching.h"

#include <QWidget>

class QLabel;
class QTextBrowser;
class QVBoxLayout;

namespace locklab {

// The Django code of a step: the Django version it needs, why (Markdown),
// and each file (models.py, the migration) highlighted with a copy button.
class DjangoCodeView : public QWidget
{
    Q_OBJECT
public:
    explicit DjangoCodeView(QWidget* parent = nullptr);

    void setCode(const DjangoCode& code);
    // The text of file `index` as shown and copied (for tests).
    QString fileText(int index) const;
    int fileCount() const { return int(m_files.size()); }

private:
    QLabel* m_version = nullptr;
    QTextBrowser* m_about = nullptr;
    QVBoxLayout* m_fileLayout = nullptr;
    QList<QWidget*> m_fileWidgets;
    QList<DjangoFile> m_files;
};

} // namespace locklab
