import Foundation
import ChanceryModel

/// Copies standard input to a temporary file in 1 MiB blocks, so `chancery import -` can read
/// a pipe like any file.
package enum StandardInputSpool {
    package static func spool() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-stdin-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let output = FileHandle(forWritingAtPath: path)
        else {
            throw ChanceryError(.unexpected, "cannot create a temporary file for standard input",
                                hint: "Check that \(FileManager.default.temporaryDirectory.path) is writable, or name a file.")
        }
        defer { try? output.close() }
        while true {
            let block = FileHandle.standardInput.readData(ofLength: 1 << 20)
            if block.isEmpty { break }
            output.write(block)
        }
        return path
    }
}
