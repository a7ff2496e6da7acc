import ChanceryCore
import Foundation
import ChanceryModel

/// Where reports and documents go: standard output, or a file named by `--output`.
enum DocumentOutput {
    /// Writes `text` as it is, adding a final newline only when it has none (an iCalendar file
    /// ends with CRLF and must not gain a bare LF). An unwritable path is an input error on
    /// `--output`.
    static func emit(_ text: String, to path: String?) throws {
        // Bytes, not Characters: "\r\n" is one Character, which hasSuffix("\n") does not match.
        let document = text.utf8.last == UInt8(ascii: "\n") ? text : text + "\n"
        guard let path else {
            FileHandle.standardOutput.write(Data(document.utf8))
            return
        }
        do {
            try document.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ChanceryError(.invalidInput, "cannot write '\(path)': \(error.localizedDescription)", field: "output",
                                hint: "Check that the folder exists and is writable.")
        }
    }
}
