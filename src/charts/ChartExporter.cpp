#include "charts/ChartExporter.h"

#include "charts/ChartPage.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>

namespace locklab {

namespace {

bool fail(QString* error, const QString& path, const QString& why)
{
    if (error)
        *error = QStringLiteral("Cannot export the chart to %1: %2").arg(QDir::toNativeSeparators(path), why);
    return false;
}

void preparePainter(QPainter& painter)
{
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
}

bool writePng(PrintedPage& page, QIODevice* device, QSize logicalSize, QString* why)
{
    QImage image(logicalSize * ChartExporter::kPngPixelRatio, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        *why = QStringLiteral("the image is too large (%1 x %2)").arg(image.width()).arg(image.height());
        return false;
    }
    // With the ratio set, the painter works in logical units and every line
    // and glyph is drawn at twice the resolution.
    image.setDevicePixelRatio(ChartExporter::kPngPixelRatio);
    image.fill(Qt::white);
    QPainter painter(&image);
    preparePainter(painter);
    page.paint(&painter, QRectF(QPointF(0, 0), logicalSize));
    painter.end();
    if (!image.save(device, "PNG")) {
        *why = QStringLiteral("PNG encoding failed");
        return false;
    }
    return true;
}

bool writeSvg(PrintedPage& page, QIODevice* device, QSize logicalSize, QString* why)
{
    QSvgGenerator generator;
    generator.setOutputDevice(device);
    generator.setSize(logicalSize);
    generator.setViewBox(QRect(QPoint(0, 0), logicalSize));
    // 96 dpi: the file says 1200 CSS pixels wide, not 423 mm (72 dpi), so
    // slide tools insert it at a sensible size.
    generator.setResolution(96);
    generator.setTitle(page.title());
    generator.setDescription(page.description());
    QPainter painter;
    if (!painter.begin(&generator)) {
        *why = QStringLiteral("the SVG generator did not start");
        return false;
    }
    preparePainter(painter);
    page.paint(&painter, QRectF(QPointF(0, 0), logicalSize));
    painter.end();
    return true;
}

bool writePdf(PrintedPage& page, QIODevice* device, QSize logicalSize, QString* why)
{
    QPdfWriter writer(device);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Landscape);
    writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(page.title());
    writer.setCreator(QStringLiteral("LockLab"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        *why = QStringLiteral("the PDF writer did not start");
        return false;
    }
    preparePainter(painter);
    // The same layout as the PNG and SVG at the same logical width, but as
    // tall as the printable area's shape allows: A4 is less wide than a
    // slide, and a hand-out should not end in a blank third of a page.
    const qreal scale = writer.width() / qreal(logicalSize.width());
    const QSizeF logicalPage(logicalSize.width(), std::max<qreal>(logicalSize.height(), writer.height() / scale));
    painter.scale(scale, std::min(scale, writer.height() / logicalPage.height()));
    page.paint(&painter, QRectF(QPointF(0, 0), logicalPage));
    painter.end();
    return true;
}

QString slug(const QString& text)
{
    static const QRegularExpression unsafe(QStringLiteral("[^a-z0-9]+"));
    // "Über" -> "uber": decompose, then drop the accents.
    QString result = text.normalized(QString::NormalizationForm_KD).toLower();
    result.removeIf([](QChar c) { return c.isMark(); });
    result.replace(unsafe, QStringLiteral("-"));
    while (result.startsWith('-'))
        result.remove(0, 1);
    while (result.endsWith('-'))
        result.chop(1);
    return result.left(40);
}

} // namespace

bool ChartExporter::exportChart(const RunRecord& record, const QString& path, Format format, QString* error,
                                QSize logicalSize)
{
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return fail(error, path, QStringLiteral("charts need a QApplication (headless: QT_QPA_PLATFORM=offscreen)"));
    ChartPage page(record);
    return exportPage(page, path, format, error, logicalSize);
}

bool ChartExporter::exportPage(PrintedPage& page, const QString& path, Format format, QString* error, QSize logicalSize)
{
    if (path.isEmpty())
        return fail(error, QStringLiteral("\"\""), QStringLiteral("no file name given"));
    if (logicalSize.width() < 200 || logicalSize.height() < 150)
        return fail(error, path,
                    QStringLiteral("a page of %1 x %2 is too small for a chart")
                        .arg(logicalSize.width())
                        .arg(logicalSize.height()));
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return fail(error, path, QStringLiteral("charts need a QApplication (headless: QT_QPA_PLATFORM=offscreen)"));
    if (QFileInfo(path).isDir())
        return fail(error, path, QStringLiteral("it is a directory"));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, path, file.errorString());

    QString why;
    bool written = false;
    switch (format) {
    case Format::Png:
        written = writePng(page, &file, logicalSize, &why);
        break;
    case Format::Svg:
        written = writeSvg(page, &file, logicalSize, &why);
        break;
    case Format::Pdf:
        written = writePdf(page, &file, logicalSize, &why);
        break;
    }
    if (!written) {
        file.cancelWriting();
        return fail(error, path, why);
    }
    if (!file.commit())
        return fail(error, path, file.errorString());
    return true;
}

ChartExporter::Format ChartExporter::formatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg"))
        return Format::Svg;
    if (suffix == QLatin1String("pdf"))
        return Format::Pdf;
    return Format::Png;
}

QString ChartExporter::suffix(Format format)
{
    switch (format) {
    case Format::Png:
        return QStringLiteral("png");
    case Format::Svg:
        return QStringLiteral("svg");
    case Format::Pdf:
        return QStringLiteral("pdf");
    }
    return QStringLiteral("png");
}

QString ChartExporter::defaultFileName(const RunRecord& record, Format format)
{
    QStringList parts { QStringLiteral("locklab") };
    for (const QString& part : { slug(record.lessonId), slug(record.stepId) }) {
        if (!part.isEmpty())
            parts << part;
    }
    // The version in every export's name: what is safe depends on it (the CSV has no room for it inside).
    QString version = record.serverVersion.trimmed();
    if (version.startsWith(QStringLiteral("PostgreSQL ")))
        version = version.mid(11);
    const QString major = version.section('.', 0, 0).section(' ', 0, 0);
    if (!major.isEmpty() && major.at(0).isDigit())
        parts << QStringLiteral("pg") + major;
    const QDateTime when = record.startedAt.isValid() ? record.startedAt : QDateTime::currentDateTime();
    parts << when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd-HHmm"));
    return parts.join('-') + '.' + suffix(format);
}

} // namespace locklab
