@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// An export of this register says when it was made: given back, a record that would undo a
/// change the register took since is named and left out (the register's version kept), unless
/// the import is told to put the file's back. Records the file changes and the register did
/// not are corrections, as before.
@Suite("Own exports and changes made since")
struct ChangedSinceExportImportTests {
    static let records = ForeignReferenceImportTests.people + [
        #"{"type":"event","ref":"EV-T-1","name":"Synod of 1700","kind":"other","date":"1700-09"}"#,
        ForeignReferenceImportTests.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob").dropLast() + #","events":["EV-T-1"]}"#,
        ForeignReferenceImportTests.letter("XX-XX-1700-002", "Bob", "Anna", "1700-02-02", "Bob to Anna"),
        #"{"type":"invitation","ref":"INV-T-1","from":{"name":"Anna"},"invitees":["Bob","Carl"],"event":"EV-T-1","letter":"XX-XX-1700-001"}"#,
        #"{"type":"response","invitation":"INV-T-1","invitee":"Bob","status":"accepted","date":"1700-02-02"}"#,
    ]

    static func summary(of ref: String, _ database: ChanceryDatabase) async throws -> String? {
        try await database.read { connection in
            try await connection.query("SELECT summary FROM letter WHERE ref = \(ref)").rows[0].decode("summary")
        }
    }

    static func edit(_ ref: String, summary: String, _ database: ChanceryDatabase) async throws {
        var edit = LetterEdit()
        edit.changes = LetterChanges(summary: .set(summary))
        _ = try await LetterService(database: database).edit(ref, ifRevision: nil, edit)
    }

    /// Imports `records`, exports them as `format` into `folder`, and returns the export's path.
    static func exported(_ format: InterchangeFormat, in folder: URL, _ database: ChanceryDatabase) async throws -> String {
        let source = try writeDataset(Self.records, named: "source.jsonl", in: folder)
        #expect(try await ImportService(database: database).run([source], options: ImportOptions()).committed)
        let export = folder.appendingPathComponent("export.\(format.rawValue)").path
        try await ExportService(database: database).export(format: format, query: nil, to: export)
        return export
    }

    @Test("a letter edited since the export keeps its edit; one edited only in the file is corrected; --revert-newer puts the file's back")
    func letters() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.exported(.jsonl, in: folder, database)
                try await Self.edit("XX-XX-1700-001", summary: "Edited in the register", database)
                let edited = folder.appendingPathComponent("edited.jsonl").path
                try String(contentsOfFile: export, encoding: .utf8)
                    .replacingOccurrences(of: #""subject":"Bob to Anna""#, with: #""subject":"Bob to Anna","summary":"Edited in the file""#)
                    .write(toFile: edited, atomically: true, encoding: .utf8)

                let report = try await ImportService(database: database).run([edited], options: ImportOptions())
                #expect(report.committed)
                #expect(report.changedSinceExport == 1)
                #expect(report.counts["letter"] == ImportCounts(unchanged: 1, updated: 1), "\(report.counts)")
                let warning = try #require(report.warnings.first { $0.message.contains("after this file was exported") })
                #expect(warning.message.hasPrefix("ref: letter XX-XX-1700-001 was changed in this register on "), "\(warning.message)")
                #expect(warning.message.hasSuffix("and this record differs from it: the register's version is kept. To put the file's back, "
                                                  + "import it with --revert-newer (the API's revert-newer=true) "
                                                  + "(`chancery letter history XX-XX-1700-001` shows the change)"), "\(warning.message)")
                #expect(try await Self.summary(of: "XX-XX-1700-001", database) == "Edited in the register")
                #expect(try await Self.summary(of: "XX-XX-1700-002", database) == "Edited in the file")

                // The same file again: the letter it corrected is now the file's (no warning for it),
                // the other is still kept.
                let again = try await ImportService(database: database).run([edited], options: ImportOptions())
                #expect(again.changedSinceExport == 1)
                #expect(again.counts["letter"] == ImportCounts(unchanged: 2), "\(again.counts)")

                var revert = ImportOptions()
                revert.revertNewer = true
                let reverted = try await ImportService(database: database).run([export], options: revert)
                #expect(reverted.changedSinceExport == 2, "both: one edited in the register, one by the import of the edited file")
                #expect(reverted.counts["letter"] == ImportCounts(updated: 2), "\(reverted.counts)")
                #expect(reverted.putBackSinceExport == 2)
                #expect(reverted.warnings.contains { $0.message.hasSuffix("the file's version replaces it, as asked (revert-newer)") })
                #expect(try await Self.summary(of: "XX-XX-1700-001", database) == nil)
                #expect(try await Self.summary(of: "XX-XX-1700-002", database) == nil)
            }
        }
    }

    @Test("an event, an invitation and an answer changed since the export keep their change", arguments: [false, true])
    func eventsInvitationsAnswers(revertNewer: Bool) async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.exported(.jsonl, in: folder, database)
                var event = EventChanges()
                event.name = "Synod of 1700, renamed"
                _ = try await EventService(database: database).edit("EV-T-1", event)
                var invitation = InvitationChanges()
                invitation.summary = .set("Summary added in the register")
                _ = try await InvitationService(database: database).edit("INV-T-1", invitation)
                _ = try await InvitationService(database: database).respond(
                    ResponseDraft(invitation: "INV-T-1", invitee: "Bob", status: .declined, date: "1700-03-03"))

                var options = ImportOptions()
                options.revertNewer = revertNewer
                let report = try await ImportService(database: database).run([export], options: options)
                #expect(report.changedSinceExport == 3, "\(report.warnings.map(\.message))")
                let said = report.warnings.map(\.message)
                #expect(said.contains { $0.hasPrefix("ref: event EV-T-1 was changed in this register on ") }, "\(said)")
                #expect(said.contains { $0.hasPrefix("ref: invitation INV-T-1 was changed in this register on ") }, "\(said)")
                #expect(said.contains { $0.hasPrefix("status: the answer of Bob to INV-T-1 was changed in this register on ") }, "\(said)")
                let stored = try await database.read { connection in
                    try await connection.query(
                        """
                        SELECT e.name, i.summary, v.status::text AS status
                        FROM event e, invitation i JOIN invitation_invitee v ON v.invitation_id = i.id JOIN actor a ON a.id = v.invitee_id
                        WHERE e.ref = 'EV-T-1' AND i.ref = 'INV-T-1' AND a.name = 'Bob'
                        """).rows[0]
                }
                let name: String = try stored.decode("name"), summary: String? = try stored.decode("summary"), status: String = try stored.decode("status")
                if revertNewer {
                    #expect(name == "Synod of 1700" && summary == nil && status == "accepted")
                    #expect(report.counts["event"] == ImportCounts(updated: 1) && report.counts["response"] == ImportCounts(updated: 1))
                } else {
                    #expect(name == "Synod of 1700, renamed" && summary == "Summary added in the register" && status == "declined")
                    #expect(report.counts["event"] == ImportCounts(unchanged: 1) && report.counts["invitation"] == ImportCounts(unchanged: 1)
                                && report.counts["response"] == ImportCounts(unchanged: 1), "\(report.counts)")
                }
            }
        }
    }

    @Test("a CMIF export says when it was made: a letter whose date changed since keeps it")
    func cmif() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.exported(.cmif, in: folder, database)
                let text = try String(contentsOfFile: export, encoding: .utf8)
                #expect(text.contains(#/<date when="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z"/>/#))
                var edit = LetterEdit()
                edit.changes = LetterChanges(date: "1700-01-05")
                _ = try await LetterService(database: database).edit("XX-XX-1700-001", ifRevision: nil, edit)
                let report = try await ImportService(database: database).run([export], options: ImportOptions())
                #expect(report.changedSinceExport == 1, "\(report.warnings.map(\.message))")
                #expect(try await ForeignReferenceImportTests.letters(database).first == "XX-XX-1700-001: Anna → Bob, 1700-01-05, Anna to Bob")
                // A publication date of a day only gives no moment: said.
                let dayOnly = folder.appendingPathComponent("day.xml").path
                try text.replacing(#/<date when="(\d{4}-\d{2}-\d{2})T[^"]*"/>/#, with: { #"<date when=""# + $0.1 + #""/>"# })
                    .write(toFile: dayOnly, atomically: true, encoding: .utf8)
                let undated = try await ImportService(database: database).run([dayOnly], options: ImportOptions())
                #expect(undated.warnings.contains { $0.message.hasPrefix("the export's publication date '") && $0.message.contains("gives no time") },
                        "\(undated.warnings.map(\.message))")
            }
        }
    }

    @Test("a change in a transaction still open when the export began counts as made since, though it started before")
    func writerInProgress() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let source = try writeDataset(Self.records, named: "source.jsonl", in: folder)
                #expect(try await ImportService(database: database).run([source], options: ImportOptions()).committed)
                let export = folder.appendingPathComponent("export.jsonl").path
                // The change is made, and the export taken, before the change commits: the export
                // does not see it, and history dates it before the export's own start.
                try await database.write { connection in
                    try await connection.execute("UPDATE letter SET summary = 'Committed after the export began' WHERE ref = 'XX-XX-1700-001'")
                    try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
                }
                let report = try await ImportService(database: database).run([export], options: ImportOptions())
                #expect(report.changedSinceExport == 1, "\(report.warnings.map(\.message))")
                #expect(try await Self.summary(of: "XX-XX-1700-001", database) == "Committed after the export began")
            }
        }
    }

    @Test("an export that does not say when it was made corrects as before; a malformed moment is warned of")
    func withoutMoment() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.exported(.jsonl, in: folder, database)
                try await Self.edit("XX-XX-1700-001", summary: "Edited in the register", database)
                let text = try String(contentsOfFile: export, encoding: .utf8)
                let older = folder.appendingPathComponent("older.jsonl").path
                try text.replacing(#/,"exported":"[^"]*"/#, with: "").write(toFile: older, atomically: true, encoding: .utf8)
                let report = try await ImportService(database: database).run([older], options: ImportOptions())
                #expect(report.ownExports == [older] && report.changedSinceExport == 0)
                #expect(report.counts["letter"] == ImportCounts(unchanged: 1, updated: 1), "\(report.counts)")

                try await Self.edit("XX-XX-1700-001", summary: "Edited again", database)
                let malformed = folder.appendingPathComponent("malformed.jsonl").path
                try text.replacing(#/"exported":"[^"]*"/#, with: #""exported":"2026-13-01T00:00:00Z""#)
                    .write(toFile: malformed, atomically: true, encoding: .utf8)
                let warned = try await ImportService(database: database).run([malformed], options: ImportOptions())
                #expect(warned.warnings.contains { $0.message.hasPrefix("header: exported '2026-13-01T00:00:00Z' is no time") },
                        "\(warned.warnings.map(\.message))")
                #expect(warned.changedSinceExport == 0)
            }
        }
    }

    static let articleTitle = "Exchange of Correspondence Between Cambodia’s Prime Minister , 2022 ASEAN Chair and US President Joe Biden"

    static func scalar(_ database: ChanceryDatabase, _ sql: PostgresQuery) async throws -> String? {
        try await database.read { connection in
            let result = try await connection.query(sql)
            return try result.rows.first?.text(result.columns[0])
        }
    }

    /// The founding example, exported as JSON Lines into `folder`.
    static func foundingExport(in folder: URL, _ database: ChanceryDatabase) async throws -> String {
        _ = try await ImportService(database: database).loadFoundingExample()
        let export = folder.appendingPathComponent("export.jsonl").path
        try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
        return export
    }

    @Test("links to a letter deleted when the export was made survive it given back; after a restore the linking letter is kept")
    func deletedLetters() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                _ = try await ImportService(database: database).loadFoundingExample()
                try await LetterService(database: database).delete("US-ASEAN-2022-001", ifRevision: nil)
                let export = folder.appendingPathComponent("export.jsonl").path
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
                let links: PostgresQuery = "SELECT count(*)::text FROM letter_link k JOIN letter t ON t.id = k.target_id WHERE t.ref = 'US-ASEAN-2022-001'"
                let extended: PostgresQuery = """
                    SELECT l.ref FROM invitation i JOIN letter l ON l.id = i.letter_id WHERE i.ref = 'INV-US-2022-001'
                    """
                #expect(try await Self.scalar(database, links) == "1")
                #expect(try await Self.scalar(database, extended) == "US-ASEAN-2022-001")

                // Given back as it is, it changes nothing: the export cannot name a deleted letter.
                let again = try await ImportService(database: database).run([export], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 2), "\(again.counts) \(again.warnings.map(\.message))")
                #expect(again.counts["invitation"] == ImportCounts(unchanged: 1), "\(again.counts)")
                #expect(try await Self.scalar(database, links) == "1")
                #expect(try await Self.scalar(database, extended) == "US-ASEAN-2022-001")

                // Restored, the letter linking to it and the invitation it extends differ from the export: kept.
                _ = try await LetterService(database: database).restore("US-ASEAN-2022-001", ifRevision: nil)
                let restored = try await ImportService(database: database).run([export], options: ImportOptions())
                #expect(restored.changedSinceExport == 2, "\(restored.counts) \(restored.warnings.map(\.message))")
                #expect(try await Self.scalar(database, links) == "1")
                #expect(try await Self.scalar(database, extended) == "US-ASEAN-2022-001")
            }
        }
    }

    @Test("an event participant, a letter's source and an invitee removed since the export stay removed; the answer goes with its invitation")
    func removedParts() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.foundingExport(in: folder, database)
                var event = EventChanges()
                event.removedParticipants = ["Hun Sen"]
                _ = try await EventService(database: database).edit("ASEAN-US-SUMMIT-2022", event)
                var letter = LetterEdit()
                letter.removedSources = [Self.articleTitle]
                _ = try await LetterService(database: database).edit("KH-US-2022-001", ifRevision: nil, letter)
                var invitation = InvitationChanges()
                invitation.removedInvitees = ["Hun Sen"]
                _ = try await InvitationService(database: database).edit("INV-US-2022-001", invitation)

                let report = try await ImportService(database: database).run([export], options: ImportOptions())
                #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                #expect(report.changedSinceExport == 3, "\(report.warnings.map(\.message))")
                #expect(try await Self.scalar(database, """
                    SELECT count(*)::text FROM event_participant p JOIN event e ON e.id = p.event_id JOIN actor a ON a.id = p.actor_id
                    WHERE e.ref = 'ASEAN-US-SUMMIT-2022' AND a.name = 'Hun Sen'
                    """) == "0")
                #expect(try await Self.scalar(database, """
                    SELECT count(*)::text FROM citation c JOIN letter l ON l.id = c.letter_id WHERE l.ref = 'KH-US-2022-001'
                    """) == "0")
                #expect(try await Self.scalar(database, """
                    SELECT count(*)::text FROM invitation_invitee v JOIN invitation i ON i.id = v.invitation_id JOIN actor a ON a.id = v.invitee_id
                    WHERE i.ref = 'INV-US-2022-001' AND a.name = 'Hun Sen'
                    """) == "0")
            }
        }
    }

    @Test("a record left out writes no link from its side to another letter")
    func keptRecordWritesNoLinks() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.foundingExport(in: folder, database)
                try await Self.edit("US-KH-2022-001", summary: "Edited in the register", database)
                let edited = folder.appendingPathComponent("edited.jsonl").path
                let text = try String(contentsOfFile: export, encoding: .utf8)
                let lines = text.split(separator: "\n").map { line in
                    line.contains(#""ref":"US-KH-2022-001""#) && line.contains(#""type":"letter""#)
                        ? line.replacingOccurrences(of: #""ref":"US-KH-2022-001","#, with: #""ref":"US-KH-2022-001","answeredBy":["US-ASEAN-2022-001"],"#)
                        : String(line)
                }
                try (lines.joined(separator: "\n") + "\n").write(toFile: edited, atomically: true, encoding: .utf8)
                try #require(lines.contains { $0.contains("answeredBy") })
                let report = try await ImportService(database: database).run([edited], options: ImportOptions())
                #expect(report.changedSinceExport == 1, "\(report.warnings.map(\.message)) \(report.rejected)")
                #expect(try await Self.scalar(database, """
                    SELECT count(*)::text FROM letter_link k JOIN letter l ON l.id = k.letter_id WHERE l.ref = 'US-ASEAN-2022-001'
                    """) == "0")
            }
        }
    }

    @Test("a check's moment bounds a revert: a change made after the check keeps the register's version")
    func revertUpToTheCheck() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.exported(.jsonl, in: folder, database)
                try await Self.edit("XX-XX-1700-001", summary: "Before the check", database)
                var check = ImportOptions()
                check.dryRun = true
                let checked = try await ImportService(database: database).run([export], options: check)
                #expect(checked.changedSinceExport == 1)
                let moment = try #require(checked.checkedAt)
                try await Self.edit("XX-XX-1700-002", summary: "After the check", database)

                var revert = ImportOptions()
                revert.revertNewer = true
                revert.revertNewerUpTo = moment
                let report = try await ImportService(database: database).run([export], options: revert)
                #expect(report.changedSinceExport == 2 && report.putBackSinceExport == 1, "\(report.warnings.map(\.message))")
                #expect(try await Self.summary(of: "XX-XX-1700-001", database) == nil)
                #expect(try await Self.summary(of: "XX-XX-1700-002", database) == "After the check")
                #expect(report.warnings.contains { $0.message.hasSuffix("after the check that asked to put the file's back: the register's version is kept") })
            }
        }
    }

    @Test("an export dated later than the register's clock is warned of")
    func futureMoment() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.exported(.jsonl, in: folder, database)
                let future = folder.appendingPathComponent("future.jsonl").path
                try String(contentsOfFile: export, encoding: .utf8).replacing(#/"exported":"[^"]*"/#, with: #""exported":"2999-01-01T00:00:00Z""#)
                    .write(toFile: future, atomically: true, encoding: .utf8)
                let report = try await ImportService(database: database).run([future], options: ImportOptions())
                #expect(report.warnings.contains { $0.message.hasPrefix("header: the file says it was exported on 2999-01-01 00:00:00.000 UTC, later than") },
                        "\(report.warnings.map(\.message))")
            }
        }
    }

    @Test("an answer carried by a deleted letter keeps it; a deleted letter gains no source from a file")
    func answersAndSourcesOfDeletedLetters() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                _ = try await ImportService(database: database).loadFoundingExample()
                let answerLetter: PostgresQuery = """
                    SELECT l.ref FROM invitation_invitee v JOIN letter l ON l.id = v.response_letter_id
                    JOIN invitation i ON i.id = v.invitation_id WHERE i.ref = 'INV-US-2022-001'
                    """
                #expect(try await Self.scalar(database, answerLetter) == "KH-US-2022-001")
                try await LetterService(database: database).delete("KH-US-2022-001", ifRevision: nil)
                let export = folder.appendingPathComponent("export.jsonl").path
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
                let again = try await ImportService(database: database).run([export], options: ImportOptions())
                #expect(again.counts["response"] == ImportCounts(unchanged: 1), "\(again.counts)")
                #expect(try await Self.scalar(database, answerLetter) == "KH-US-2022-001")

                // A source removed from a letter deleted since: the export, given back, does not cite it again.
                let before = try await Self.foundingExportOnly(database, in: folder)
                var removal = LetterEdit()
                removal.removedSources = [Self.articleTitle]
                _ = try await LetterService(database: database).edit("US-ASEAN-2022-001", ifRevision: nil, removal)
                try await LetterService(database: database).delete("US-ASEAN-2022-001", ifRevision: nil)
                _ = try await ImportService(database: database).run([before], options: ImportOptions())
                #expect(try await Self.scalar(database, """
                    SELECT count(*)::text FROM citation c JOIN letter l ON l.id = c.letter_id WHERE l.ref = 'US-ASEAN-2022-001'
                    """) == "0")
            }
        }
    }

    /// The register exported as JSON Lines into `folder` (another file each call).
    static func foundingExportOnly(_ database: ChanceryDatabase, in folder: URL) async throws -> String {
        let export = folder.appendingPathComponent("export-\(UUID().uuidString).jsonl").path
        try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
        return export
    }

    @Test("a link recorded from another letter's side does not reach a letter kept as the register changed it")
    func reverseLinkIntoKeptLetter() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.foundingExport(in: folder, database)
                var unlink = LetterEdit()
                unlink.removedLinks = ["US-KH-2022-001"]
                _ = try await LetterService(database: database).edit("KH-US-2022-001", ifRevision: nil, unlink)
                // The file also records the reply from the answered letter's side.
                let text = try String(contentsOfFile: export, encoding: .utf8)
                let edited = folder.appendingPathComponent("edited.jsonl").path
                try text.split(separator: "\n").map { line in
                    line.contains(#""ref":"US-KH-2022-001""#) && line.contains(#""type":"letter""#)
                        ? line.replacingOccurrences(of: #""ref":"US-KH-2022-001","#, with: #""ref":"US-KH-2022-001","answeredBy":["KH-US-2022-001"],"#)
                        : String(line)
                }.joined(separator: "\n").appending("\n").write(toFile: edited, atomically: true, encoding: .utf8)
                let report = try await ImportService(database: database).run([edited], options: ImportOptions())
                #expect(report.changedSinceExport >= 1, "\(report.warnings.map(\.message)) \(report.rejected)")
                #expect(try await Self.scalar(database, """
                    SELECT count(*)::text FROM letter_link k JOIN letter l ON l.id = k.letter_id JOIN letter t ON t.id = k.target_id
                    WHERE l.ref = 'KH-US-2022-001' AND t.ref = 'US-KH-2022-001'
                    """) == "0")
            }
        }
    }

    @Test("an actor renamed or given another authority id since the export is the one the file's letters name", arguments: [false, true])
    func actorsChangedSince(renamed: Bool) async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.foundingExport(in: folder, database)
                var changes = ActorChanges()
                if renamed {
                    changes.name = "Samdech Hun Sen"
                    changes.dropOldName = true
                } else {
                    changes.wikidataId = .set("Q99999999")
                }
                let actor = renamed ? "Hun Sen" : "Joe Biden"
                _ = try await ActorService(database: database).edit(actor, changes)
                let actorsBefore = try await Self.scalar(database, "SELECT count(*)::text FROM actor")
                let report = try await ImportService(database: database).run([export], options: ImportOptions())
                #expect(report.committed && report.counts["actor"]?.new == 0, "\(report.counts)")
                #expect(try await Self.scalar(database, "SELECT count(*)::text FROM actor") == actorsBefore)
                let named = renamed ? "Samdech Hun Sen" : "Joe Biden"
                #expect(report.warnings.contains { $0.message.hasPrefix("actor: '\(actor)' of this register's own export is \(named), whose name") },
                        "\(report.warnings.map(\.message))")
                #expect(try await Self.scalar(database, """
                    SELECT count(DISTINCT p.actor_id)::text FROM letter_participant p JOIN actor a ON a.id = p.actor_id WHERE a.name = \(named)
                    """) == "1")
            }
        }
    }
}
