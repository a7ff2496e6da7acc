import Foundation
import Logging
import Synchronization

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

    /// Writes one line.
    public func log(event: LogEvent) {
        var fields: [String: Any] = [
            "ts": ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds]),
            "level": event.level.rawValue, "msg": event.message.description, "logger": label,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = Self.plain(value)
        }
        guard var line = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(UInt8(ascii: "\n"))
        Self.output.withLock { $0.write(line) }
    }

    private static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case let .string(text): text
        case let .stringConvertible(convertible): convertible.description
        case let .array(values): values.map(plain)
        case let .dictionary(entries): entries.mapValues(plain)
        }
    }
}
