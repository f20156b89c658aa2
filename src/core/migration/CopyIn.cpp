#include "core/migration/CopyIn.h"

#include <libpq-fe.h>

#include <string>

namespace locklab {

namespace {
// Large enough that the per-call cost of libpq vanishes, small enough that a
// cancel is noticed within a millisecond or two and memory stays flat.
constexpr size_t kBufferBytes = 256 * 1024;

void takeError(PGresult* result, PGconn* conn, CopyIn::Result* out)
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    out->sqlState = state ? QString::fromUtf8(state) : QString();
    out->error = QString::fromUtf8(primary ? primary : PQerrorMessage(conn)).trimmed();
}

// Reads results until libpq has none left, so the connection is ready for the next query.
void finish(PGconn* conn, CopyIn::Result* out)
{
    out->ok = true;
    while (PGresult* result = PQgetResult(conn)) {
        if (PQresultStatus(result) == PGRES_COMMAND_OK) {
            out->rows = QByteArray(PQcmdTuples(result)).toLongLong();
        } else if (out->ok) {
            out->ok = false;
            takeError(result, conn, out);
        }
        PQclear(result);
    }
}
} // namespace

CopyIn::Result CopyIn::run(pg_conn* conn, const QString& copySql, const RowTemplate& rows, qint64 first, qint64 last,
                           const std::function<bool()>& cancelled)
{
    Result out;
    if (!conn) {
        out.error = "no connection";
        return out;
    }
    PGresult* start = PQexec(conn, copySql.toUtf8().constData());
    if (PQresultStatus(start) != PGRES_COPY_IN) {
        takeError(start, conn, &out);
        PQclear(start);
        finish(conn, &out);
        out.ok = false;
        return out;
    }
    PQclear(start);

    std::string buffer;
    buffer.reserve(kBufferBytes + 4096);
    bool sent = true;
    bool stopped = false;
    for (qint64 n = first; n <= last && sent; ++n) {
        rows.appendRow(n, &buffer);
        if (buffer.size() >= kBufferBytes || n == last) {
            if (cancelled()) {
                stopped = true;
                break;
            }
            sent = PQputCopyData(conn, buffer.data(), int(buffer.size())) == 1;
            buffer.clear();
        }
    }
    if (first > last && cancelled())
        stopped = true;
    // A failed send means the connection broke; PQgetResult then says why.
    if (sent)
        PQputCopyEnd(conn, stopped ? "cancelled by the user" : nullptr);
    finish(conn, &out);
    if (stopped && out.ok) { // cannot happen with a live server, but never report a cancelled COPY as done
        out.ok = false;
        out.sqlState = "57014";
    }
    return out;
}

} // namespace locklab
