import Foundation

/// A temporary folder for files a test imports or exports, removed afterwards.
public func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-test-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

/// Writes JSON Lines records (after the dataset header) to `name` in `folder`.
public func writeDataset(_ lines: [String], named name: String, in folder: URL) throws -> String {
    let path = folder.appendingPathComponent(name).path
    try ([#"{"type":"chancery-dataset","version":1}"#] + lines).joined(separator: "\n").appending("\n")
        .write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// A file in a folder of its own under the temporary directory, for reader tests.
public enum TemporaryTestFile {
    /// Writes `text` (as UTF-8, byte for byte) to a new file and returns its path.
    public static func write(_ text: String, name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-file-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Removes the folder `write` made.
    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}
