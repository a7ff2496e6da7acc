import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import Logging
import Synchronization
import ChanceryRendering

/// One JSON object per line on standard error (`{"ts","level","msg",...metadata}`), for log
/// collectors; metadata keys become top-level fields.
public struct JSONLogHandler: LogHandler {
    /// Log lines at this level or above.
    public var logLevel: Logger.Level = .info
    /// Fields every line of this logger carries.
    public var metadata: Logger.Metadata = [:]
    private let label: String
    /// Held while a line is written, so that lines from concurrent requests never interleave.
    private static let output = Mutex(())

    /// Creates a handler for `label`.
    public init(label: String) { self.label = label }

    /// Reads or sets one metadata field.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line: `ts`, `level`, `msg`, `logger`, then the metadata in key order.
    public func log(event: LogEvent) {
        let line = lineBytes(for: event)
        Self.output.withLock { _ in Self.writeToStandardError(line) }
    }

    /// The line `log(event:)` writes, newline included.
    func line(for event: LogEvent) -> String {
        String(decoding: lineBytes(for: event), as: UTF8.self)
    }

    /// The same as bytes, written with the API's JSON writer: a line per request built as a
    /// String (a merged dictionary, a string per value) cost a fifth of `/healthz`'s
    /// instructions.
    private func lineBytes(for event: LogEvent) -> [UInt8] {
        var writer = CompactJSONWriter(capacity: 384)
        writer.raw("{")
        writer.key("ts", first: true)
        writer.string(Self.timestamp())
        writer.key("level")
        writer.string(event.level.rawValue)
        writer.key("msg")
        writer.string(event.message.description)
        writer.key("logger")
        writer.string(label)
        // The logger's fields and the event's, the event's winning, in key order: gathered as
        // pairs and sorted once, rather than looked up by key in both dictionaries per field.
        var fields: [(key: String, value: Logger.Metadata.Value)] = []
        fields.reserveCapacity(metadata.count + (event.metadata?.count ?? 0))
        if let extra = event.metadata, !extra.isEmpty {
            for field in extra { fields.append(field) }
            for field in metadata where extra[field.key] == nil { fields.append(field) }
        } else {
            for field in metadata { fields.append(field) }
        }
        fields.sort { $0.key < $1.key }
        for (key, value) in fields {
            switch key {
            case "ts", "level", "msg", "logger": continue
            default: break
            }
            writer.raw(",")
            writer.string(key)
            writer.raw(":")
            Self.writeValue(value, to: &writer)
        }
        writer.raw("}\n")
        return writer.finish()
    }

    /// write(2) straight to the descriptor, retried until the whole line is out: a line per
    /// request made FileHandle's Data round trip show in the service's CPU time.
    private static func writeToStandardError(_ line: [UInt8]) {
        line.withUnsafeBufferPointer { utf8 in
            var offset = 0
            while offset < utf8.count {
                let written = write(STDERR_FILENO, utf8.baseAddress! + offset, utf8.count - offset)
                if written > 0 { offset += written } else if written < 0 && errno == EINTR { continue } else { return }
            }
        }
    }

    private static func writeValue(_ value: Logger.Metadata.Value, to writer: inout CompactJSONWriter) {
        switch value {
        case let .string(text): writer.string(text)
        case let .stringConvertible(convertible): writer.string(convertible.description)
        case let .array(values):
            writer.raw("[")
            for (index, element) in values.enumerated() {
                if index > 0 { writer.raw(",") }
                writeValue(element, to: &writer)
            }
            writer.raw("]")
        case let .dictionary(entries):
            writer.raw("{")
            for (index, key) in entries.keys.sorted().enumerated() {
                if index > 0 { writer.raw(",") }
                writer.string(key)
                writer.raw(":")
                writeValue(entries[key]!, to: &writer)
            }
            writer.raw("}")
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
        let year = Int(parts.tm_year) + 1900
        guard (0...9999).contains(year) else { return "0000-00-00T00:00:00.000Z" }
        return String(unsafeUninitializedCapacity: 24) { text in
            func put(_ value: Int, at offset: Int, width: Int) {
                var value = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    text[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, at: 0, width: 4)
            put(Int(parts.tm_mon) + 1, at: 5, width: 2)
            put(Int(parts.tm_mday), at: 8, width: 2)
            put(Int(parts.tm_hour), at: 11, width: 2)
            put(Int(parts.tm_min), at: 14, width: 2)
            put(Int(parts.tm_sec), at: 17, width: 2)
            put(Int(now.tv_nsec / 1_000_000), at: 20, width: 3)
            (text[4], text[7], text[10]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"))
            (text[13], text[16], text[19], text[23]) = (UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "Z"))
            return 24
        }
    }
}
