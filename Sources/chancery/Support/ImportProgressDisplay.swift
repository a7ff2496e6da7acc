import Foundation
import ChanceryRendering

/// The progress line an import draws on a terminal (standard error): a bar over the input's
/// bytes, records per second and the time left. Nothing is drawn when standard error is not a
/// terminal or when quiet.
public final class ImportProgressDisplay: @unchecked Sendable {
    private let reporter: ProgressReporter
    private let lock = NSLock()
    private var bytesSeen = 0
    private var recordsSeen = 0

    /// Creates the display for inputs totalling `totalBytes`.
    public init(totalBytes: Int, quiet: Bool) {
        reporter = ProgressReporter(total: totalBytes, isTerminal: isatty(STDERR_FILENO) == 1, quiet: quiet) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// The import's callback: totals so far.
    public func update(bytes: Int, records: Int) {
        let (byteStep, recordStep): (Int, Int) = lock.withLock {
            defer { bytesSeen = bytes; recordsSeen = records }
            return (bytes - bytesSeen, records - recordsSeen)
        }
        reporter.advance(bytes: byteStep, records: recordStep)
    }

    /// Ends the progress line.
    public func finish() { reporter.finish() }

    /// The total size of the files at `paths` (unreadable ones count as empty).
    public static func totalSize(of paths: [String]) -> Int {
        paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    }
}
