#pragma once

#include <QByteArray>
#include <QString>

namespace locklab {

// gzip (RFC 1952) through zlib's deflate/inflate with the gzip wrapper, so a
// session file can be read with `zcat` too. (qCompress writes zlib's own
// format behind a four-byte length, which gzip tools do not read.)
class GzipCodec
{
public:
    static QByteArray compress(const QByteArray& data);

    // False with *error saying "truncated" or "damaged" when `data` is not a
    // complete gzip stream; `maxSize` guards against a file that inflates to
    // more memory than any session could need.
    static bool decompress(const QByteArray& data, QByteArray* out, QString* error,
                           qint64 maxSize = qint64(2) * 1024 * 1024 * 1024 - 1);

    static bool looksCompressed(const QByteArray& data)
    {
        return data.size() >= 2 && uchar(data.at(0)) == 0x1f && uchar(data.at(1)) == 0x8b;
    }
};

} // namespace locklab
