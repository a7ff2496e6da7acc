@testable import ChanceryCore
import ChanceryIntake
import ChanceryInterchange
import Foundation
import TestFiles
import Testing

/// Intake on the development set (Fixtures/intake-devset: news texts of several styles, each with
/// its expected records), over a register with the reference data and the set's own persons and
/// offices. Reports precision and recall per record type (the README's table, written to
/// .build/intake-devset.md) and holds the goal: at least 0.9 precision and 0.8 recall on letters,
/// their senders and their recipients.
@Suite("Intake: the development set", .serialized)
struct IntakeDevSetTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/intake-devset")
    static let repository = folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func texts() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
    }

    @Test("precision and recall per record type meet the goal on letters, senders and recipients")
    func devSet() async throws {
        let texts = try Self.texts()
        #expect(texts.count >= 15, "the development set has at least 15 texts")
        try await withChancery { database in
            _ = try await ReferenceService(database: database).apply()
            _ = try await ImportService(database: database).run([Self.folder.appendingPathComponent("register.jsonl").path], options: ImportOptions())
            var totals: [String: Tally] = [:]
            var byStyle: [String: Int] = [:]
            var log: [String] = []
            for name in texts {
                let expected = try JSONDecoder().decode(ExpectedRecords.self, from: Data(contentsOf: Self.folder.appendingPathComponent(
                    String(name.dropLast(4)) + ".expected.json")))
                byStyle[expected.style ?? "?", default: 0] += 1
                let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
                let drafts = try await IntakeService(database: database).draft(Article(text: text, published: expected.published))
                let score = IntakeScore(proposals: drafts.proposals, names: drafts.dataset.name, expected: expected)
                for (kind, tally) in score.tallies { totals[kind, default: Tally()] += tally }
                if !score.mistakes.isEmpty { log.append("\(name):\n" + score.mistakes.map { "  - " + $0 }.joined(separator: "\n")) }

                // Every text's drafts must import as they are (checked, nothing written).
                var options = ImportOptions()
                options.dryRun = true
                let rejections = try await withTemporaryFolder { temporary in
                    let path = temporary.appendingPathComponent("drafts.jsonl").path
                    try drafts.jsonLines.write(toFile: path, atomically: true, encoding: .utf8)
                    do {
                        return try await ImportService(database: database).run([path], options: options).rejected.map(\.reason)
                    } catch let refused as ImportRejected {
                        return refused.report.rejected.map(\.reason)
                    }
                }
                #expect(rejections.isEmpty, "\(name): \(rejections)")
            }
            let table = Self.table(totals, texts: texts.count, byStyle: byStyle)
            print(table + "\n" + log.joined(separator: "\n"))
            try? FileManager.default.createDirectory(at: Self.repository.appendingPathComponent(".build"), withIntermediateDirectories: true)
            try? (table + "\n\nMistakes:\n\n" + log.joined(separator: "\n") + "\n")
                .write(to: Self.repository.appendingPathComponent(".build/intake-devset.md"), atomically: true, encoding: .utf8)
            for kind in ["letters", "senders", "recipients"] {
                let tally = try #require(totals[kind])
                #expect(tally.precision >= 0.9, "\(kind) precision \(tally.precision)\n\(table)\n\(log.joined(separator: "\n"))")
                #expect(tally.recall >= 0.8, "\(kind) recall \(tally.recall)\n\(table)\n\(log.joined(separator: "\n"))")
            }
        }
    }

    static func table(_ totals: [String: Tally], texts: Int, byStyle: [String: Int]) -> String {
        var lines = ["Development set: \(texts) texts (" + byStyle.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")", "",
                     "| Record | Expected | Proposed | Correct | Precision | Recall |", "|---|---:|---:|---:|---:|---:|"]
        for kind in IntakeScore.kinds {
            guard let t = totals[kind] else { continue }
            lines.append("| \(kind) | \(t.expected) | \(t.proposed) | \(t.correct) | \(String(format: "%.2f", t.precision)) | \(String(format: "%.2f", t.recall)) |")
        }
        return lines.joined(separator: "\n")
    }
}
