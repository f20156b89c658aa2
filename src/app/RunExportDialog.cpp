#include "app/RunExportDialog.h"

#include "charts/ChartExporter.h"
#include "core/run/RunExporter.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

namespace locklab {

bool RunExportDialog::write(const RunRecord& record, const QString& path, QString* error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "csv")
        return RunExporter::writeCsv(record, path, error);
    if (suffix == "json")
        return RunExporter::writeJson(RunSummary(record), path, error);
    if (suffix == "png" || suffix == "svg" || suffix == "pdf")
        return ChartExporter::exportChart(record, path, ChartExporter::formatForPath(path), error);
    *error = QString("LockLab cannot write '.%1' files. Choose PNG, SVG or PDF for the chart, or CSV or JSON for "
                     "the samples.")
                 .arg(suffix);
    return false;
}

QString RunExportDialog::exportRun(QWidget* parent, const RunRecord& record)
{
    QSettings settings;
    QString folder = settings.value("export/folder").toString();
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();

    const QString png = QObject::tr("PNG image, 2x for slides (*.png)");
    const QString filters = QStringList { png, QObject::tr("SVG image (*.svg)"), QObject::tr("PDF document (*.pdf)"),
                                          QObject::tr("Samples as CSV (*.csv)"),
                                          QObject::tr("Run summary as JSON (*.json)") }
                                .join(";;");
    QString selected = png;
    const QString defaultName = ChartExporter::defaultFileName(record, ChartExporter::Format::Png);
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export the run"),
                                                QDir(folder).filePath(defaultName), filters, &selected);
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty()) {
        // Take the suffix from the chosen filter: "(*.svg)" -> ".svg".
        const int star = int(selected.lastIndexOf("*."));
        path += selected.mid(star + 1, selected.size() - star - 2);
    }
    QString error;
    if (!write(record, path, &error)) {
        QMessageBox::warning(parent, QObject::tr("Export failed"), error);
        return {};
    }
    settings.setValue("export/folder", QFileInfo(path).absolutePath());
    return path;
}

} // namespace locklab
