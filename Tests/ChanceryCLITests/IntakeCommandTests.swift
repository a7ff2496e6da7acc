import Foundation
import Testing

/// `chancery intake` as a person runs it: the founding article in, drafts out, reviewed in the
/// terminal, imported all or nothing.
@Suite("chancery intake")
struct IntakeCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The founding example's actors, memberships and offices, without its letters.
    static func registerLines() throws -> [String] {
        let text = try String(contentsOf: repository.appendingPathComponent("Data/founding-example.jsonl"), encoding: .utf8)
        return text.split(separator: "\n").filter { line in
            ["\"actor\"", "\"membership\"", "\"role\""].contains { line.hasPrefix("{\"type\": " + $0) }
        }.map(String.init)
    }

    @Test("intake writes drafts that import; --review accepts, edits and rejects, and what is kept still imports")
    func intakeReviewImport() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-intake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let register = folder.appendingPathComponent("register.jsonl").path
        try ([#"{"type":"chancery-dataset","version":1}"#] + Self.registerLines()).joined(separator: "\n").appending("\n")
            .write(toFile: register, atomically: true, encoding: .utf8)
        let article = Self.repository.appendingPathComponent("Data/founding-article.txt").path
        let drafts = folder.appendingPathComponent("drafts.jsonl").path, reviewed = folder.appendingPathComponent("reviewed.jsonl").path

        try await ScratchDatabase.with(migrate: true) { database in
            #expect(try await database.run("import", register).status == 0)

            let out = try await database.run("intake", article, "--published", "2022-02-14", "--output", drafts)
            #expect(out.status == 0, "\(out)")
            #expect(out.stdout.contains("3 letter(s), 1 invitation(s), 1 answer(s), 1 event(s), 1 source, 0 new actor(s)"), "\(out)")
            #expect(out.stdout.contains("chancery import \(drafts)"), "\(out)")
            #expect(try await database.counts(["letter"]) == ["letter": 0], "intake itself writes nothing")

            // Standard output when no --output: the dataset, its summary on standard error.
            let piped = try await database.run(["intake", "-"], input: try String(contentsOfFile: article, encoding: .utf8))
            #expect(piped.status == 0, "\(piped)")
            #expect(piped.stdout.hasPrefix(#"{"type":"chancery-dataset""#), "\(piped)")
            #expect(piped.stderr.contains("3 letter(s)"), "\(piped)")

            // Review: accept the event, date the enclosure by hand, accept the letter, reject the reply, accept the rest.
            let review = try await database.run(["intake", article, "--published", "2022-02-14", "--review", "--output", reviewed],
                                                input: "a\ne\ndate=2022-01\na\na\nr\nA\n")
            #expect(review.status == 0, "\(review)")
            #expect(review.stdout.contains("[2/6] letter US-XX-2022-001"), "\(review)")
            let kept = try String(contentsOfFile: reviewed, encoding: .utf8)
            #expect(kept.contains(#""date":"2022-01""#))
            #expect(!kept.contains(#""ref":"KH-US-2022-001""#), "the rejected reply is gone")
            let imported = try await database.run("import", reviewed)
            #expect(imported.status == 0, "\(imported)")
            #expect(try await database.counts(["letter", "invitation", "event"]) == ["letter": 2, "invitation": 1, "event": 1])

            // A review that ends early writes nothing.
            let quit = try await database.run(["intake", article, "--review", "--output", folder.appendingPathComponent("none.jsonl").path], input: "a\nq\n")
            #expect(quit.status == 1, "\(quit)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("none.jsonl").path))

            let bad = try await database.run("intake", article, "--published", "14 Feb 2022")
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("--published must be a day, YYYY-MM-DD"), "\(bad)")
        }
    }
}
