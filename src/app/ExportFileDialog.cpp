#include "app/ExportFileDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QMessageBox>

namespace locklab {

QString ExportFileDialog::save(QWidget* parent, const QString& title, const QString& defaultName,
                               const QString& filters, const Writer& write)
{
    const QString path = QFileDialog::getSaveFileName(parent, title, QDir::home().filePath(defaultName), filters);
    if (path.isEmpty())
        return {};
    QString error;
    if (!write(path, &error)) {
        QMessageBox::warning(parent, QObject::tr("Export failed"), error);
        return {};
    }
    return path;
}

} // namespace locklab
