/// The two spellings of "connect to the embedded cluster" libpq understands.
enum ConnectionString {
    /// The superuser `initdb` creates; named after the application rather than `postgres` so that
    /// logs and `pg_stat_activity` say who is connected.
    static let user = "chancery"
    /// The database created after the first start.
    static let database = "chancery"

    /// `host=<socket dir> port=5432 user=chancery dbname=chancery`.
    static func conninfo(socketDirectory: String) -> String {
        "host=\(quoted(socketDirectory)) port=\(ClusterLayout.port) user=\(user) dbname=\(database)"
    }

    /// `postgresql://chancery@/chancery?host=<percent-encoded socket dir>&port=5432`.
    static func url(socketDirectory: String) -> String {
        "postgresql://\(user)@/\(database)?host=\(percentEncoded(socketDirectory))&port=\(ClusterLayout.port)"
    }

    /// A conninfo value, single-quoted only when it has to be, so the common case stays readable.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "'" || $0 == "\\" || $0 == "=" || $0.isWhitespace }
        guard needsQuotes else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        return "'" + escaped + "'"
    }

    /// Percent-encodes every byte outside RFC 3986's unreserved set, slashes included, as the
    /// `host` query parameter of a libpq URL requires.
    static func percentEncoded(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
