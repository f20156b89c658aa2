#include "cli/SubcommandParser.h"

#include "cli/CliOptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cstdio>

namespace locklab {

std::optional<int> SubcommandParser::parse(QCommandLineParser& parser, const QStringList& arguments,
                                           const QString& usage)
{
    parser.addOption({ { "h", "help" }, "Help" });
    // QCommandLineParser reads the first argument as the program's name: drop the subcommand's.
    QStringList rest = arguments;
    rest.removeAt(1);
    if (!parser.parse(rest))
        return fail(parser.errorText() + "\n\nUsage:\n" + usage);
    if (parser.isSet("help")) {
        std::fprintf(stdout, "Usage:\n%s", qPrintable(usage));
        std::fflush(stdout);
        return 0;
    }
    return std::nullopt;
}

QStringList SubcommandParser::parseFormats(const QString& text, QString* error)
{
    const QStringList known = CliOptions::allFormats();
    QStringList formats;
    for (QString format : text.split(',', Qt::SkipEmptyParts)) {
        format = format.trimmed().toLower();
        if (!known.contains(format)) {
            *error = QString("--formats: '%1' is not a format LockLab writes. Choose from %2.")
                         .arg(format, known.join(","));
            return {};
        }
        if (!formats.contains(format))
            formats << format;
    }
    if (formats.isEmpty())
        *error = QString("--formats is empty. Choose from %1.").arg(known.join(","));
    return formats;
}

QString SubcommandParser::makeOutDir(const QString& out, QString* error)
{
    if (out.trimmed().isEmpty()) {
        *error = "--out is empty. Name the directory the exports go to.";
        return {};
    }
    const QFileInfo info(out);
    if (info.exists() && !info.isDir()) {
        *error = QString("--out: %1 exists and is not a directory. Name a directory.").arg(out);
        return {};
    }
    if (!QDir().mkpath(info.absoluteFilePath())) {
        *error = QString("--out: cannot create the directory %1. Name one you may write to.").arg(out);
        return {};
    }
    return info.absoluteFilePath();
}

std::optional<int> SubcommandParser::exportOptions(const QCommandLineParser& parser, const QString& defaultFormats,
                                                   QStringList* formats, QString* out)
{
    QString error;
    *formats = parseFormats(parser.isSet("formats") ? parser.value("formats") : defaultFormats, &error);
    if (error.isEmpty())
        *out = makeOutDir(parser.isSet("out") ? parser.value("out") : QDir::currentPath(), &error);
    if (!error.isEmpty())
        return fail(error);
    return std::nullopt;
}

int SubcommandParser::fail(const QString& text, int status)
{
    std::fprintf(stderr, "locklab-cli: %s\n", qPrintable(text));
    return status;
}

} // namespace locklab
