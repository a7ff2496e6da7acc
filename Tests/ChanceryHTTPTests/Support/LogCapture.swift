import Logging
import Synchronization

/// Keeps every log line written through its logger, so a test can read what the operator would.
final class LogCapture: Sendable {
    /// One line: its message and metadata, the logger's own merged with the call's.
    struct Line: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata

        /// Everything on the line as one string, to search for words in it.
        var text: String {
            message + " " + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
    }

    private let storage = Mutex<[Line]>([])

    /// A logger, at `level` and above, whose lines this capture keeps.
    func logger(level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "chancery-test") { _ in Handler(capture: self) }
        logger.logLevel = level
        return logger
    }

    /// The lines written so far.
    var lines: [Line] { storage.withLock { $0 } }

    fileprivate func append(_ line: Line) { storage.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            capture.append(Line(level: event.level, message: event.message.description,
                                metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
        }
    }
}
