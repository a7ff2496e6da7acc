@testable import ChanceryCore
import Foundation

/// A temporary folder for files a test imports or exports, removed afterwards.
func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-test-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

/// Writes JSON Lines records (after the dataset header) to `name` in `folder`.
func writeDataset(_ lines: [String], named name: String, in folder: URL) throws -> String {
    let path = folder.appendingPathComponent(name).path
    try ([#"{"type":"chancery-dataset","version":1}"#] + lines).joined(separator: "\n").appending("\n")
        .write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Three actors and the roles that let letters between them infer their states.
let baseRecords = [
    #"{"type":"actor","kind":"state","name":"United States","iso":"US"}"#,
    #"{"type":"actor","kind":"state","name":"Cambodia","iso":"KH"}"#,
    #"{"type":"actor","kind":"person","name":"Joe Biden","wikidata":"Q6279","aliases":["Jo Biden"]}"#,
    #"{"type":"actor","kind":"person","name":"Hun Sen"}"#,
    #"{"type":"role","holder":"Joe Biden","title":"President","of":"US","period":"2021-01-20/2025-01-20"}"#,
    #"{"type":"role","holder":"Hun Sen","title":"Prime Minister","of":"KH","period":"1985-01/2023-08"}"#,
]

/// A letter record from Biden to Hun Sen.
func letterRecord(_ ref: String, date: String = "2022-03", subject: String = "On the summit", extra: String = "") -> String {
    #"{"type":"letter","ref":"\#(ref)","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"\#(date)","subject":"\#(subject)"\#(extra)}"#
}

/// A file in a folder of its own under the temporary directory, for reader tests.
enum TemporaryTestFile {
    /// Writes `text` (as UTF-8, byte for byte) to a new file and returns its path.
    static func write(_ text: String, name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-file-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Removes the folder `write` made.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}
