#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace locklab {

// Asks where to save an export (one file, format by suffix) and writes it; a
// failure is shown in a message box, so a slot can call it and be done.
class ExportFileDialog
{
public:
    using Writer = std::function<bool(const QString& path, QString* error)>;

    // `defaultName` goes in the home folder; `filters` as QFileDialog takes them.
    // Returns the written path, or an empty string when cancelled or failed.
    static QString save(QWidget* parent, const QString& title, const QString& defaultName, const QString& filters,
                        const Writer& write);
};

} // namespace locklab
