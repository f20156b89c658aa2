#pragma once

#include "core/run/RunRecord.h"

#include <QString>

class QWidget;

namespace locklab {

// Asks where to save a recorded run and writes it: the chart as PNG / SVG /
// PDF (ChartExporter) or the data as CSV / JSON (RunExporter), chosen by the
// file type. Remembers the folder between exports.
class RunExportDialog
{
public:
    // Returns the written path, or an empty string when cancelled or failed
    // (a failure is reported to the user in a message box).
    static QString exportRun(QWidget* parent, const RunRecord& record);

    // The same without a dialog, for tests and the presenter: writes `path`, format by suffix.
    static bool write(const RunRecord& record, const QString& path, QString* error);
};

} // namespace locklab
