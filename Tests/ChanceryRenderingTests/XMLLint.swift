import Foundation

/// libxml2's own well-formedness check of a rendered document, beside the tests' XML parse.
enum XMLLint {
    /// xmllint's exit status and messages for `text`; nil when xmllint is not installed
    /// (`apt-get install libxml2-utils`).
    static func messages(checking text: String) throws -> (status: Int32, messages: String)? {
        guard let tool = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first(where: FileManager.default.isExecutableFile(atPath:))
        else { return nil }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-\(UUID().uuidString).xml")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--noout", file.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let messages = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, messages)
    }
}
