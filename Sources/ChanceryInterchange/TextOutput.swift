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
    ///
    /// Only a regular file, or a path with nothing there yet, is written beside and renamed into
    /// place, with the old file's mode and owner. A device, a pipe, a symbolic link or
    /// `/dev/fd/N` is written through as it is (renaming would replace it with a file), as is a
    /// file whose folder takes no new names or whose name leaves no room for the partial one.
    /// `field`: the option that named the file, for the error.
    package static func file(atPath path: String, field: String = "output") throws -> TextOutput {
        var status = stat()
        let exists = lstat(path, &status) == 0
        let isRegular = exists && (status.st_mode & S_IFMT) == S_IFREG
        if !exists || isRegular, let output = beside(path, replacing: isRegular ? status : nil) { return output }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw ChanceryError(.invalidInput, "cannot create '\(path)': \(String(cString: strerror(errno)))", field: field,
                                hint: "Check that the folder exists and is writable.")
        }
        return TextOutput(handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: false), closesHandle: true)
    }

    /// A partial file beside `path`, with the mode and owner of the file it will replace; nil
    /// when the folder takes no new file.
    private static func beside(_ path: String, replacing old: stat?) -> TextOutput? {
        let url = URL(fileURLWithPath: path)
        let partial = url.deletingLastPathComponent()
            .appendingPathComponent("." + url.lastPathComponent + ".partial-" + String(UInt32.random(in: .min ... .max), radix: 16)).path
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return nil }
        if let old {
            _ = fchmod(descriptor, old.st_mode & 0o7777)
            _ = fchown(descriptor, old.st_uid, old.st_gid)
        }
        let output = TextOutput(handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: false), closesHandle: true)
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
