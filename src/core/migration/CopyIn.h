#pragma once

#include "core/lesson/RowTemplate.h"

#include <QString>

#include <functional>

struct pg_conn;

namespace locklab {

// Sends generated rows to the server with COPY ... FROM STDIN (text format)
// over libpq, which Qt SQL has no API for. One call is one statement.
class CopyIn
{
public:
    struct Result
    {
        bool ok = false;
        qint64 rows = 0; // as the server counted them
        QString error; // the server's message
        QString sqlState; // 57014 when cancelled
    };

    // Runs `copySql` and streams rows first..last; `cancelled` is asked between
    // buffers, and a yes ends the COPY with an error (nothing of it is kept).
    static Result run(pg_conn* conn, const QString& copySql, const RowTemplate& rows, qint64 first, qint64 last,
                      const std::function<bool()>& cancelled);
};

} // namespace locklab
