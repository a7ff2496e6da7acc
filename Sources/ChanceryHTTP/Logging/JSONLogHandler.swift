import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import Logging
import Synchronization
import EDTF
import ChanceryInterchange

/// One JSON object per line on standard error (`{"ts","level","msg",...metadata}`), for log
/// collectors; metadata keys become top-level fields.
public struct JSONLogHandler: LogHandler {
    /// Log lines at this level or above.
    public var logLevel: Logger.Level = .info
    /// Fields every line of this logger carries.
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private static let output = Mutex(FileHandle.standardError)

    /// Creates a handler for `label`.
    public init(label: String) { self.label = label }

    /// Reads or sets one metadata field.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line: `ts`, `level`, `msg`, `logger`, then the metadata in key order.
    public func log(event: LogEvent) {
        var line = "{\"ts\":\"" + Self.timestamp() + "\",\"level\":" + JSONText.quoted(event.level.rawValue)
            + ",\"msg\":" + JSONText.quoted(event.message.description) + ",\"logger\":" + JSONText.quoted(label)
        let fields = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        for key in fields.keys.sorted() where !["ts", "level", "msg", "logger"].contains(key) {
            line += "," + JSONText.quoted(key) + ":" + Self.json(fields[key]!)
        }
        line += "}\n"
        Self.output.withLock { $0.write(Data(line.utf8)) }
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case let .string(text): JSONText.quoted(text)
        case let .stringConvertible(convertible): JSONText.quoted(convertible.description)
        case let .array(values): "[" + values.map(json).joined(separator: ",") + "]"
        case let .dictionary(entries): "{" + entries.keys.sorted().map { JSONText.quoted($0) + ":" + json(entries[$0]!) }.joined(separator: ",") + "}"
        }
    }

    /// Now as `2026-11-30T03:16:02.123Z`, without a formatter: one log line per request makes
    /// a DateFormatter's cost show in the service's CPU time.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2) + "."
            + pad(Int32(now.tv_nsec / 1_000_000), 3) + "Z"
    }
}
