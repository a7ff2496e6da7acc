import Foundation
import ChanceryModel

/// A buffered text sink over a file or standard output: exports stream through it in 1 MiB
/// writes, so memory stays flat however many records are written.
package final class TextOutput {
    private let handle: FileHandle
    private let closesHandle: Bool
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20

    /// Writes to standard output.
    package static func standardOutput() -> TextOutput { TextOutput(handle: .standardOutput, closesHandle: false) }

    /// Creates (or truncates) the file at `path`.
    package static func file(atPath path: String) throws -> TextOutput {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ChanceryError(.invalidInput, "cannot create '\(path)'", field: "output",
                                hint: "Check that the folder exists and is writable.")
        }
        return TextOutput(handle: try FileHandle(forWritingTo: URL(fileURLWithPath: path)), closesHandle: true)
    }

    private init(handle: FileHandle, closesHandle: Bool) {
        self.handle = handle
        self.closesHandle = closesHandle
        buffer.reserveCapacity(capacity)
    }

    /// Appends text.
    package func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { flush() }
    }

    /// Writes out what is buffered.
    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file (standard output stays open).
    package func close() {
        flush()
        if closesHandle { try? handle.close() }
    }
}
