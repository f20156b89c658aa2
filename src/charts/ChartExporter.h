#pragma once

#include "core/run/RunRecord.h"

#include <QSize>
#include <QString>

namespace locklab {

class PrintedPage;

// Writes a run's latency chart as a page for slides and hand-outs: PNG at
// twice the logical size (crisp on a projector and a 2x screen), SVG and PDF
// (A4 landscape) as vectors. Rendered from the RunRecord, not grabbed from
// the window, so the headless runner exports the same page. It needs a
// QApplication (Qt Charts is built on widgets); headless, run it with
// QT_QPA_PLATFORM=offscreen.
//
// Files are written through QSaveFile: a failed export leaves no half-written
// file, and never clobbers an existing one.
class ChartExporter
{
public:
    enum class Format { Png, Svg, Pdf };

    static constexpr qreal kPngPixelRatio = 2;

    // False with *error naming the path and the reason when it fails.
    static bool exportChart(const RunRecord& record, const QString& path, Format format, QString* error,
                            QSize logicalSize = QSize(1200, 700));

    // Any page (a comparison, a sweep) the same way.
    static bool exportPage(PrintedPage& page, const QString& path, Format format, QString* error,
                           QSize logicalSize = QSize(1200, 700));

    // From the file's suffix, case-insensitive; PNG when it is none of
    // .png, .svg, .pdf.
    static Format formatForPath(const QString& path);
    static QString suffix(Format format);

    // "locklab-not-null-apply-0003-2026-11-25-1432.png": lesson, step and the
    // run's start (local time), in lower-case letters, digits and dashes only.
    static QString defaultFileName(const RunRecord& record, Format format);
};

} // namespace locklab
