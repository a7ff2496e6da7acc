import Foundation
import Testing

/// Rendered output pinned in files under `Golden/`, compared byte for byte.
///
/// After an intended change to a renderer (or to the item details `TimelineItemReader` writes),
/// regenerate every golden file and review the diff:
///
///     eval $(scripts/test-postgres.sh start)
///     CHANCERY_UPDATE_GOLDEN=1 swift test --filter ChanceryRenderingTests
///     git diff Tests/ChanceryRenderingTests/Golden
enum GoldenFile {
    /// The `Golden` folder beside this file, found from the source path so tests need no resources.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Whether this run writes golden files instead of comparing with them.
    static var isUpdating: Bool { ProcessInfo.processInfo.environment["CHANCERY_UPDATE_GOLDEN"] == "1" }

    /// Records an issue unless `actual` equals the golden file `name`; on a mismatch the actual
    /// output is saved in the temporary directory for diffing.
    static func expectMatches(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if isUpdating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden file \(name); run with CHANCERY_UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        guard expected != Data(actual.utf8) else { return }
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-golden-actual-" + name)
        try Data(actual.utf8).write(to: saved)
        let difference = firstDifference(String(decoding: expected, as: UTF8.self), actual)
        Issue.record("\(name) differs from its golden file: \(difference); actual output saved to \(saved.path)",
                     sourceLocation: sourceLocation)
    }

    private static func firstDifference(_ expected: String, _ actual: String) -> String {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let old = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let new = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if old != new { return "line \(index + 1): expected \(old.debugDescription), got \(new.debugDescription)" }
        }
        return "same lines, different bytes"
    }
}
