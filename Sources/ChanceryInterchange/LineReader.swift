import Foundation
import ChanceryModel

/// Reads a file line by line in 1 MiB blocks, so memory stays flat for files of any size.
/// Lines are split on LF; a CR before it is dropped; a UTF-8 byte order mark at the start is
/// skipped. Invalid UTF-8 is repaired with U+FFFD rather than failing the whole file.
struct LineReader {
    let source: ReaderSource

    /// Opens nothing yet; `forEachLine` does.
    init(path: String) { self.source = .file(path: path) }

    /// Reads `source`, a file or bytes in memory.
    init(source: ReaderSource) { self.source = source }

    /// Calls `body` with each line and its 1-based number; `body` returns false to stop early.
    func forEachLine(_ body: (String, Int) throws -> Bool) throws {
        switch source {
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ChanceryError(.notFound, "cannot read '\(path)'", field: "file", hint: "Check the path and its permissions.")
            }
            defer { try? handle.close() }
            try Self.forEachLine(in: { handle.readData(ofLength: 1 << 20) }, body)
        case .bytes(let data):
            // Bytes in memory are one block; the line splitting is the file's.
            var given = false
            try Self.forEachLine(in: {
                defer { given = true }
                return given ? Data() : data
            }, body)
        }
    }

    /// Splits the blocks `nextBlock` returns (an empty one at the end) into lines.
    private static func forEachLine(in nextBlock: () -> Data, _ body: (String, Int) throws -> Bool) throws {
        var pending: [UInt8] = []
        var lineNumber = 0
        var atStart = true
        while true {
            let block = nextBlock()
            if block.isEmpty { break }
            var bytes = [UInt8](block)
            if atStart {
                atStart = false
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            }
            var start = 0
            for index in bytes.indices where bytes[index] == 0x0A {
                lineNumber += 1
                let line: String
                if pending.isEmpty {
                    line = text(bytes[start..<index])
                } else {
                    pending.append(contentsOf: bytes[start..<index])
                    line = text(pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
                start = index + 1
                guard try body(line, lineNumber) else { return }
            }
            pending.append(contentsOf: bytes[start...])
        }
        if !pending.isEmpty {
            _ = try body(text(pending[...]), lineNumber + 1)
        }
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        if slice.last == 0x0D { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}
