import Foundation
import ChanceryModel

/// A buffered text sink over a file or standard output: exports stream through it in 1 MiB
/// writes, so memory stays flat however many records are written. A file is written beside its
/// place under another name and put in place by `commit()`: a command that fails half way
/// leaves whatever file was there as it was.
package final class TextOutput {
    private let handle: FileHandle
    private let closesHandle: Bool
    /// For a file: where it goes, and where it is written until then.
    private var placing: (destination: String, partial: String)?
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20

    /// Writes to standard output.
    package static func standardOutput() -> TextOutput { TextOutput(handle: .standardOutput, closesHandle: false) }

    /// Writes a file that replaces the one at `path` (if any) when committed.
    package static func file(atPath path: String) throws -> TextOutput {
        let url = URL(fileURLWithPath: path)
        let partial = url.deletingLastPathComponent()
            .appendingPathComponent("." + url.lastPathComponent + ".partial-" + String(UInt32.random(in: .min ... .max), radix: 16)).path
        guard FileManager.default.createFile(atPath: partial, contents: nil) else {
            throw ChanceryError(.invalidInput, "cannot create '\(path)'", field: "output",
                                hint: "Check that the folder exists and is writable.")
        }
        let output = TextOutput(handle: try FileHandle(forWritingTo: URL(fileURLWithPath: partial)), closesHandle: true)
        output.placing = (path, partial)
        return output
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

    /// Flushes, and puts a file in its place (standard output is only flushed).
    package func commit() throws {
        flush()
        guard let (destination, partial) = placing else { return }
        try handle.close()
        placing = nil
        guard rename(partial, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: partial)
            throw ChanceryError(.invalidInput, "cannot write '\(destination)': \(reason)", field: "output",
                                hint: "Check that the folder is writable and the path is not a folder.")
        }
    }

    /// Closes the file; one not committed is removed, leaving its place as it was (standard
    /// output is flushed and stays open).
    package func close() {
        guard let (_, partial) = placing else {
            flush()
            if closesHandle { try? handle.close() }
            return
        }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partial)
        placing = nil
    }
}
