#include "core/session/GzipCodec.h"

#include <zlib.h>

namespace locklab {

namespace {
constexpr int kGzipWindowBits = 15 + 16; // 15-bit window, gzip header and trailer
constexpr int kChunk = 256 * 1024;
} // namespace

QByteArray GzipCodec::compress(const QByteArray& data)
{
    z_stream stream {};
    if (deflateInit2(&stream, 6, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(qsizetype(deflateBound(&stream, uLong(data.size()))));
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    const int result = deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return result == Z_STREAM_END ? out : QByteArray();
}

bool GzipCodec::decompress(const QByteArray& data, QByteArray* out, QString* error, qint64 maxSize)
{
    z_stream stream {};
    if (inflateInit2(&stream, kGzipWindowBits) != Z_OK) {
        *error = QStringLiteral("the decompressor could not start");
        return false;
    }
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = uInt(data.size());
    QByteArray result;
    int status = Z_OK;
    while (status == Z_OK) {
        const qsizetype used = result.size();
        if (used + kChunk > maxSize) {
            inflateEnd(&stream);
            *error = QStringLiteral("it unpacks to more than %1 MB").arg(maxSize / (1024 * 1024));
            return false;
        }
        result.resize(used + kChunk);
        stream.next_out = reinterpret_cast<Bytef*>(result.data() + used);
        stream.avail_out = kChunk;
        status = inflate(&stream, Z_NO_FLUSH);
        result.resize(used + kChunk - qsizetype(stream.avail_out));
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            break; // input ended before the stream did
    }
    inflateEnd(&stream);
    if (status == Z_STREAM_END) {
        *out = result;
        return true;
    }
    *error = status == Z_BUF_ERROR || status == Z_OK
        ? QStringLiteral("the file is truncated (it ends in the middle of its compressed data)")
        : QStringLiteral("the compressed data is damaged (%1)")
              .arg(QString::fromLatin1(stream.msg ? stream.msg : "inflate failed"));
    return false;
}

} // namespace locklab
