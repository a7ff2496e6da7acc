import Foundation
import Testing

/// A NUL character (U+0000), which no PostgreSQL text holds, reaches the CLI only through files
/// (an argument cannot carry one): the import refuses it with exit 65, naming the field and the
/// line, and writes nothing.
@Suite("Text the database cannot store")
struct UnstorableTextTests {
    @Test("a NUL in a CSV row's subject: exit 65 naming the subject and the line, nothing written")
    func csvSubject() async throws {
        let input = InterchangeTests.temporaryFile("letters.csv")
        defer { try? FileManager.default.removeItem(atPath: input) }
        try ["ref,date,sender,sender_kind,recipient,recipient_kind,subject",
             "R-1,2022-02-01,Ada Example,person,Bo Example,person,First",
             "R-2,2022-02-02,Ada Example,person,Bo Example,person,Sec\u{0}ond"].joined(separator: "\n").appending("\n")
            .write(toFile: input, atomically: true, encoding: .utf8)
        try await ScratchDatabase.with(migrate: true) { database in
            let refused = try await database.run("import", input)
            #expect(refused.status == 65, "\(refused)")
            #expect(refused.stderr.contains("letters.csv:3"), "\(refused)")
            #expect(refused.stderr.contains("subject contains a NUL character"), "\(refused)")
            #expect(try await database.counts(["letter", "actor"]) == ["letter": 0, "actor": 0])
        }
    }

    @Test("a \\u0000 escape in a JSON Lines actor's name: exit 65 naming the name, nothing written")
    func jsonLinesName() async throws {
        let input = InterchangeTests.temporaryFile("dataset.jsonl")
        defer { try? FileManager.default.removeItem(atPath: input) }
        try [#"{"type": "chancery-dataset", "version": 1}"#,
             #"{"type": "actor", "kind": "person", "name": "Ada\u0000 Example"}"#].joined(separator: "\n").appending("\n")
            .write(toFile: input, atomically: true, encoding: .utf8)
        try await ScratchDatabase.with(migrate: true) { database in
            let refused = try await database.run("import", input)
            #expect(refused.status == 65, "\(refused)")
            #expect(refused.stderr.contains("name contains a NUL character"), "\(refused)")
            #expect(try await database.counts(["actor"]) == ["actor": 0])
        }
    }
}
