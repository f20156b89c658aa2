#include "app/PsqlClipboard.h"

#include "core/server/PsqlCommand.h"

#include <QApplication>
#include <QClipboard>

namespace locklab {

QString PsqlClipboard::copy(const ConnectionSettings& sandbox)
{
    const QString command = PsqlCommand::commandLine(sandbox);
    QApplication::clipboard()->setText(command);
    return command;
}

} // namespace locklab
