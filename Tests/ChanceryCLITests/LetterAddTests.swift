import Foundation
import Testing

/// `chancery letter add`: logging a letter after the founding example.
@Suite("Logging letters")
struct LetterAddTests {
    static let sourceArguments = ["--source-url", "https://example.org/a", "--source-title", "A"]

    @Test("letter add assigns the next reference and the letter is found by the query")
    func addAssignsReference() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run(["letter", "add", "--from", "Jo Biden", "--to", "Hun Sen", "--date", "2022-06",
                                                 "--subject", "Thanks for attending"] + Self.sourceArguments)
            #expect(result.status == 0, "\(result)")
            let ref = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(ref == "US-KH-2022-002", "\(result)")

            let query = try await database.run("letters", "--country", "KH", "--since", "2022-06", "--json")
            #expect(query.status == 0, "\(query)")
            let letters = try query.jsonArray()
            #expect(refs(letters) == ["US-KH-2022-002"], "\(query)")
            #expect(letters.first?.string("subject") == "Thanks for attending")
            #expect(letters.first?.object("date")?.string("edtf") == "2022-06")

            // The sender's role fills in the state he writes for; the source is cited.
            let shown = try await database.run("letter", "show", "US-KH-2022-002", "--json")
            let letter = try shown.jsonObject()
            #expect(letter.objects("participants").contains { $0.string("name") == "Joe Biden" && $0.string("onBehalfOf") == "United States" },
                    "\(shown)")
            #expect(letter.objects("sources").contains { $0.string("url") == "https://example.org/a" && $0.string("title") == "A" },
                    "\(shown)")
        }
    }

    @Test("a date before the common era is typed as EDTF writes it, and the reference says BC")
    func beforeTheCommonEra() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run(["letter", "add", "--from", "Joe Biden", "--to", "Hun Sen", "--date", "-0044-03-15",
                                                 "--subject", "On the Ides"] + Self.sourceArguments)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "XX-XX-45BC-001", "\(result)")
            let query = try await database.run("letters", "--since", "-0100", "--until", "-0001", "--json")
            #expect(query.status == 0, "\(query)")
            #expect(refs(try query.jsonArray()) == ["XX-XX-45BC-001"], "\(query)")
            // An import gives a letter without a reference the same.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-\(UUID().uuidString)-bc.jsonl").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try """
                {"type":"chancery-dataset","version":1}
                {"type":"letter","from":[{"name":"Hun Sen","nameAsWritten":"Samdech Hun Sen"}],"to":[{"name":"Joe Biden"}],"date":"-0044-03","subject":"A reply"}

                """.write(toFile: file, atomically: true, encoding: .utf8)
            let imported = try await database.run("import", file)
            #expect(imported.status == 0, "\(imported)")
            let again = try await database.run("letters", "--since=-0044", "--until=-0044", "--json")
            #expect(refs(try again.jsonArray()).sorted() == ["XX-XX-45BC-001", "XX-XX-45BC-002"], "\(again)")
            let actor = try await database.run("actor", "show", "Hun Sen")
            #expect(actor.stdout.contains("Samdech Hun Sen (1 letter, 45 BC)"), "\(actor)")
        }
    }

    @Test("references keep counting per prefix: a second June letter is US-KH-2022-003")
    func referencesIncrement() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            var assigned: [String] = []
            for subject in ["First follow-up", "Second follow-up"] {
                let result = try await database.run("letter", "add", "--from", "Joe Biden", "--to", "Hun Sen", "--date", "2022-06",
                                                    "--subject", subject)
                #expect(result.status == 0, "\(result)")
                assigned.append(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            #expect(assigned == ["US-KH-2022-002", "US-KH-2022-003"])
        }
    }

    @Test("a Khmer subject and an SQL-looking subject are stored verbatim", arguments: [
        "សូមអរគុណចំពោះការចូលរួម — ហ៊ុន សែន",
        "'); DROP TABLE letter; --",
        "Robert'); DELETE FROM actor WHERE ('1'='1",
    ])
    func subjectsStoredVerbatim(subject: String) async throws {
        try await ScratchDatabase.with(demo: true) { database in
            // An explicit --ref keeps this test about storage, independent of reference assignment.
            let result = try await database.run("letter", "add", "--from", "Hun Sen", "--to", "Jo Biden", "--date", "2022-07-01",
                                                "--subject", subject, "--language", "km", "--ref", "KH-US-VERBATIM-1")
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "KH-US-VERBATIM-1", "\(result)")

            let shown = try await database.run("letter", "show", "KH-US-VERBATIM-1", "--json")
            #expect(shown.status == 0, "\(shown)")
            #expect(try shown.jsonObject().string("subject") == subject, "\(shown)")
            // The tables are intact and the row holds exactly the text.
            let counts = try await database.counts(["letter", "actor"])
            #expect(counts["letter"] == 4 && counts["actor"] == 6, "\(counts)")
            let stored = try await database.scalar("SELECT subject FROM letter WHERE ref = \("KH-US-VERBATIM-1")")
            #expect(stored == subject)
        }
    }

    @Test("a Khmer subject through an automatically assigned reference")
    func khmerSubjectAutoReference() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let subject = "សូមអរគុណ"
            let result = try await database.run("letter", "add", "--from", "ហ៊ុន សែន", "--to", "Jo Biden", "--date", "2022-07",
                                                "--subject", subject)
            #expect(result.status == 0, "\(result)")
            let ref = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(ref == "KH-US-2022-002", "\(result)")
            let shown = try await database.run("letter", "show", ref, "--json")
            #expect(try shown.jsonObject().string("subject") == subject, "\(shown)")
        }
    }

    @Test("a letter with --reply-to, --received and --text-file shows them back")
    func addWithLinksAndBody() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-body-\(UUID().uuidString).txt")
            defer { try? FileManager.default.removeItem(at: file) }
            try "Dear Prime Minister,\nThank you.".write(to: file, atomically: true, encoding: .utf8)
            let result = try await database.run("letter", "add", "--from", "Joe Biden", "--as", "President", "--to", "Hun Sen",
                                                "--date", "2022-05-20", "--received", "2022-05-25", "--subject", "Thanks",
                                                "--reply-to", "KH-US-2022-001", "--text-file", file.path, "--ref", "US-KH-REPLY-1")
            #expect(result.status == 0, "\(result)")
            let letter = try await database.run("letter", "show", "US-KH-REPLY-1", "--json")
            let object = try letter.jsonObject()
            #expect(object.objects("links").contains { $0.string("ref") == "KH-US-2022-001" && $0.string("kind") == "reply_to" }, "\(letter)")
            #expect(object.object("received")?.string("edtf") == "2022-05-25", "\(letter)")
            #expect(object.string("text") == "Dear Prime Minister,\nThank you.", "\(letter)")
            let original = try await database.run("letter", "show", "KH-US-2022-001")
            #expect(original.stdout.contains("answered by US-KH-REPLY-1"), "\(original)")
        }
    }
}
