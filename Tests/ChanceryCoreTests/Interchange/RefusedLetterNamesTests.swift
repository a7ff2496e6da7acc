@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import TestFiles
import Testing

/// A letter the import refuses is the letter its file's other records name by its ref: a reply,
/// an invitation or an answer naming it is refused with it, said so, and never joined to the
/// register's own letter of that ref.
@Suite("Records naming a refused letter")
struct RefusedLetterNamesTests {
    static let records = [
        // Unreadable: a kind no letter has. The file's US-KH-2022-001, not the register's.
        #"{"type":"letter","ref":"US-KH-2022-001","kind":"telegramme","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-02","subject":"Another"}"#,
        // Refused by the merge: it encloses a letter no one has.
        #"{"type":"letter","ref":"KH-US-2022-001","from":[{"name":"Hun Sen"}],"to":[{"name":"Joe Biden"}],"date":"2022-03","subject":"Another reply","encloses":["NOPE-1"]}"#,
        #"{"type":"letter","ref":"XX-1","from":[{"name":"Hun Sen"}],"to":[{"name":"Joe Biden"}],"date":"2022-04","subject":"Reply to the first","replyTo":["US-KH-2022-001"]}"#,
        #"{"type":"letter","ref":"XX-2","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-05","subject":"Reply to the second","replyTo":["KH-US-2022-001"]}"#,
        #"{"type":"invitation","ref":"INV-X-1","from":{"name":"Joe Biden"},"invitees":["Hun Sen"],"date":"2022-02","letter":"US-KH-2022-001"}"#,
        #"{"type":"response","invitation":"INV-US-2022-001","invitee":"Hun Sen","status":"declined","letter":"KH-US-2022-001"}"#,
        #"{"type":"response","invitation":"INV-US-2022-001","invitee":"Hun Sen","status":"maybe"}"#,
        #"{"type":"letter","ref":"XX-3","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-06","subject":"Kept"}"#,
    ]

    @Test("refused with it and said so, the register's letters of those refs untouched; unreadable records counted under their type, their values named")
    func refusedWithIt() async throws {
        try await withTemporaryFolder { folder in
            let file = try writeDataset(Self.records, named: "names.jsonl", in: folder)
            try await withChancery(foundingExample: true) { database in
                let service = ImportService(database: database)
                let letters = LetterService(database: database)
                let linksBefore = try await letters.show("US-KH-2022-001").linkedFrom.map(\.ref)
                let answersBefore = try await InvitationService(database: database).show("INV-US-2022-001").invitees

                let error = await #expect(throws: ImportRejected.self) { try await service.run([file], options: ImportOptions()) }
                let refused = try #require(error).report
                let reasons = Dictionary(refused.rejected.map { ($0.location.line, $0.reason) }, uniquingKeysWith: { $0 + "; " + $1 })
                #expect(reasons[2] == "'kind': 'telegramme' is not one of its values: letter, note_verbale, message, telegram, cable, email, "
                                      + "memorandum, call_readout, other", "\(reasons)")
                #expect(reasons[3]?.hasPrefix("encloses: no letter 'NOPE-1'") == true, "\(reasons)")
                #expect(reasons[4] == "replyTo: the file's letter US-KH-2022-001 was refused; this letter is left out with it", "\(reasons)")
                #expect(reasons[5] == "replyTo: the file's letter KH-US-2022-001 was refused; this letter is left out with it", "\(reasons)")
                #expect(reasons[6] == "letter: the file's letter US-KH-2022-001 was refused; this invitation is left out with it", "\(reasons)")
                #expect(reasons[7] == "letter: the file's letter KH-US-2022-001 was refused; this answer is left out with it", "\(reasons)")
                #expect(reasons[8] == "'status': 'maybe' is not one of its values: pending, accepted, declined, tentative", "\(reasons)")
                #expect(reasons[9] == nil)
                // An unreadable line is counted under the type it gives.
                #expect(refused.counts["letter"]?.rejected == 4, "\(refused.counts)")
                #expect(refused.counts["response"]?.rejected == 2, "\(refused.counts)")
                #expect(refused.counts["record"] == nil, "\(refused.counts)")

                var skip = ImportOptions()
                skip.skipInvalid = true
                let report = try await service.run([file], options: skip)
                #expect(report.committed)
                #expect(report.counts["letter"] == ImportCounts(new: 1, rejected: 4), "\(report.counts)")
                #expect(try await letters.show("US-KH-2022-001").linkedFrom.map(\.ref) == linksBefore)
                #expect(try await letters.show("KH-US-2022-001").linkedFrom.isEmpty)
                #expect(try await letters.show("KH-US-2022-001").subject != "Another reply")
                #expect(try await InvitationService(database: database).show("INV-US-2022-001").invitees == answersBefore)
            }
        }
    }

    @Test("a CSV row that cannot be read is the letter its ref names in the file: a reply to it loses the link, said, not joined to the register's letter")
    func unreadableCSVRow() async throws {
        try await withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("rows.csv").path
            try """
                ref,date,sender,recipient,subject,reply_to
                US-KH-2022-001,2022-02-30,Joe Biden,Hun Sen,Another,
                C-1,2022-03,Hun Sen,Joe Biden,Reply,US-KH-2022-001

                """.write(toFile: path, atomically: true, encoding: .utf8)
            try await withChancery(foundingExample: true) { database in
                var skip = ImportOptions()
                skip.skipInvalid = true
                let report = try await ImportService(database: database).run([path], options: skip)
                #expect(report.counts["letter"] == ImportCounts(new: 1, rejected: 1), "\(report.counts)")
                #expect(report.warnings.map(\.message).contains("reply_to: the file's letter US-KH-2022-001 was refused; the link is left out"),
                        "\(report.warnings.map(\.message))")
                #expect(try await LetterService(database: database).show("C-1").links.isEmpty)
            }
        }
    }

    @Test("a letter refused in one of joined files is the letter another file's reply names, when no other letter of the import has that ref")
    func refusedInAnotherFile() async throws {
        try await withTemporaryFolder { folder in
            let refused = try writeDataset([Self.records[0]], named: "g1.jsonl", in: folder)
            let reply = try writeDataset([Self.records[2]], named: "g2.jsonl", in: folder)
            try await withChancery(foundingExample: true) { database in
                var skip = ImportOptions()
                skip.skipInvalid = true
                let report = try await ImportService(database: database).run([refused, reply], options: skip)
                #expect(report.counts["letter"] == ImportCounts(rejected: 2), "\(report.counts)")
                #expect(report.rejected.map(\.reason).contains("replyTo: the file's letter US-KH-2022-001 was refused; this letter is left out with it"),
                        "\(report.rejected.map(\.reason))")
                #expect(try await LetterService(database: database).show("US-KH-2022-001").linkedFrom.allSatisfy { $0.ref != "XX-1" })
            }
        }
    }

    @Test("a JSON line of the wrong shape says what it should hold in a writer's words")
    func shapes() async throws {
        try await withTemporaryFolder { folder in
            let file = try writeDataset([
                #"{"type":"invitation","ref":"INV-X-2","from":{"name":"Joe Biden"},"invitees":"Hun Sen"}"#,
                #"["letter"]"#,
                #"{"type":"letter","ref":"XX-9","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-05","subject":null}"#,
            ], named: "shapes.jsonl", in: folder)
            try await withChancery(foundingExample: true) { database in
                let error = await #expect(throws: ImportRejected.self) { try await ImportService(database: database).run([file], options: ImportOptions()) }
                #expect(error?.report.rejected.map(\.reason) == [
                    "'invitees' is not a list ([…])",
                    #"the line is not a JSON object; each line holds one record, such as {"type":"letter", …}"#,
                    #"'subject' is null: give text ("…")"#,
                ], "\(error?.report.rejected.map(\.reason) ?? [])")
            }
        }
    }
}
