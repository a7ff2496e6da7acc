@testable import ChanceryCore
import ChanceryIntake
import ChanceryInterchange
import ChanceryModel
import Foundation
import TestFiles
import Testing

/// The founding article through intake, on a register that knows the founding example's actors,
/// offices and memberships but none of its letters: the drafts must be the founding example's
/// records, and must import.
@Suite("Intake: the founding article, record by record", .serialized)
struct IntakeFoundingArticleTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func founding() throws -> [DatasetRecord] {
        try records(String(contentsOf: repository.appendingPathComponent("Data/founding-example.jsonl"), encoding: .utf8))
    }

    static func records(_ jsonLines: String) throws -> [DatasetRecord] {
        try jsonLines.split(separator: "\n").map { try JSONDecoder().decode(DatasetRecord.self, from: Data($0.utf8)) }
    }

    /// A register with the world's states and organizations (the reference data) and the founding
    /// example's actors, memberships and offices (no letters, events, invitations).
    static func withFoundingRegister<T>(_ body: (ChanceryDatabase, [DatasetRecord]) async throws -> T) async throws -> T {
        try await withChancery { database in
            _ = try await ReferenceService(database: database).apply()
            return try await withTemporaryFolder { folder in
                let text = try String(contentsOf: repository.appendingPathComponent("Data/founding-example.jsonl"), encoding: .utf8)
                let register = text.split(separator: "\n").dropFirst().filter { line in
                    ["\"actor\"", "\"membership\"", "\"role\""].contains { line.hasPrefix("{\"type\": " + $0) }
                }.map(String.init)
                #expect(register.count == 12)
                _ = try await ImportService(database: database).run([try writeDataset(register, named: "register.jsonl", in: folder)],
                                                                     options: ImportOptions())
                return try await body(database, try founding())
            }
        }
    }

    /// Imports drafts as a user would (a file, the normal import); the refusal's reasons, if any.
    static func importDrafts(_ jsonLines: String, into database: ChanceryDatabase) async throws -> Result<ImportReport, ImportRejected> {
        try await withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("drafts.jsonl").path
            try jsonLines.write(toFile: path, atomically: true, encoding: .utf8)
            do {
                return .success(try await ImportService(database: database).run([path], options: ImportOptions()))
            } catch let rejected as ImportRejected {
                return .failure(rejected)
            }
        }
    }

    static func article() throws -> Article {
        Article(text: try String(contentsOf: repository.appendingPathComponent("Data/founding-article.txt"), encoding: .utf8))
    }

    @Test("the drafts are the founding example's letters, enclosure, invitation, acceptance, summit and source")
    func recordByRecord() async throws {
        try await Self.withFoundingRegister { database, founding in
            let drafts = try await IntakeService(database: database).draft(try Self.article())
            let proposed = try Self.records(drafts.jsonLines)
            let aliases = ["Jo Biden": "Joe Biden"]
            func names(_ parties: [ParticipantDraft]) -> Set<String> { Set(parties.map { aliases[$0.name] ?? $0.name }) }

            let expectedLetters = founding.compactMap { if case .letter(let l) = $0 { return l } else { return nil } }
            let letters = proposed.compactMap { if case .letter(let l) = $0 { return l } else { return nil } }
            #expect(letters.count == expectedLetters.count)
            // Each founding letter has its draft: same senders, recipients, intermediaries and kind.
            var refFor: [String: String] = [:]
            for expected in expectedLetters {
                let match = letters.first { names($0.from) == names(expected.from) && names($0.to) == names(expected.to) }
                #expect(match != nil, "no draft for \(expected.ref ?? "") from \(names(expected.from)) to \(names(expected.to))")
                guard let match else { continue }
                refFor[expected.ref!] = match.ref
                #expect(names(match.via) == names(expected.via), "via of \(expected.ref!)")
                #expect(match.kind == expected.kind)
                for (ours, theirs) in zip(match.from + match.to, expected.from + expected.to) where theirs.onBehalfOf != nil {
                    #expect(ours.onBehalfOf == theirs.onBehalfOf, "\(ours.name) acts for \(theirs.onBehalfOf!)")
                }
                #expect(match.sources.first?.quote?.isEmpty == false, "a letter cites its sentences")
            }
            // Links: the enclosure and the reply.
            for expected in expectedLetters {
                guard let ref = expected.ref, let ours = letters.first(where: { $0.ref == refFor[ref] }) else { continue }
                #expect(Set(ours.encloses) == Set(expected.encloses.compactMap { refFor[$0] }), "encloses of \(ref)")
                #expect(Set(ours.replyTo) == Set(expected.replyTo.compactMap { refFor[$0] }), "reply-to of \(ref)")
            }

            let events = proposed.compactMap { if case .event(let e) = $0 { return e } else { return nil } }
            let expectedEvent = try #require(founding.compactMap { if case .event(let e) = $0 { return e } else { return nil } }.first)
            let event = try #require(events.first)
            #expect(events.count == 1)
            #expect(Set(Tokenizer.key(of: event.name).filter { $0 != "-" }) == Set(Tokenizer.key(of: expectedEvent.name).filter { $0 != "-" }))
            #expect(event.kind == expectedEvent.kind)
            #expect(event.city == expectedEvent.city)
            #expect(event.host == expectedEvent.host)
            // The article does not say the summit was held, nor when: the founding example takes both
            // from the public record, so the draft honestly says "proposed" without a date.
            #expect(event.status == .proposed && event.date == nil)

            let invitations = proposed.compactMap { if case .invitation(let i) = $0 { return i } else { return nil } }
            let expectedInvitation = try #require(founding.compactMap { if case .invitation(let i) = $0 { return i } else { return nil } }.first)
            let invitation = try #require(invitations.first)
            #expect(invitations.count == 1)
            #expect(invitation.from.name == expectedInvitation.from.name)
            #expect(Set(invitation.invitees) == Set(expectedInvitation.invitees))
            #expect(invitation.letter == expectedInvitation.letter.flatMap { refFor[$0] })
            #expect(invitation.event == event.ref)

            let responses = proposed.compactMap { if case .response(let r) = $0 { return r } else { return nil } }
            let expectedResponse = try #require(founding.compactMap { if case .response(let r) = $0 { return r } else { return nil } }.first)
            let response = try #require(responses.first)
            #expect(responses.count == 1)
            #expect(response.invitee == expectedResponse.invitee)
            #expect(response.status == expectedResponse.status)
            #expect(response.letter == expectedResponse.letter.flatMap { refFor[$0] })
            #expect(response.invitation == invitation.ref)

            let sources = proposed.compactMap { if case .source(let s) = $0 { return s } else { return nil } }
            #expect(sources.count == 1)
            #expect(sources.first?.title == expectedLetters.first?.sources.first?.title)
            #expect(sources.first?.kind == .news)
            #expect(sources.first?.excerpt?.contains("Related News") == false)
            // No actor is proposed: the register knows everyone the article names.
            #expect(!proposed.contains { if case .actor = $0 { return true } else { return false } })
        }
    }

    @Test("drafts whose reference was taken since they were made are refused, not written over another letter")
    func refTakenMeanwhile() async throws {
        try await Self.withFoundingRegister { database, _ in
            var article = try Self.article()
            article.published = "2022-02-14"
            let drafts = try await IntakeService(database: database).draft(article)
            // Someone logs a letter with the reference the drafts hold.
            var other = LetterDraft()
            other.ref = "US-KH-2022-001"
            other.from = [ParticipantDraft(name: "Joe Biden")]
            other.to = [ParticipantDraft(name: "Hun Sen")]
            other.date = "2022-03"
            other.subject = "Logged by hand meanwhile"
            _ = try await LetterService(database: database).add(other)
            let refusal: [String]
            switch try await Self.importDrafts(drafts.jsonLines, into: database) {
            case .success: refusal = []
            case .failure(let rejected): refusal = rejected.report.rejected.map(\.reason)
            }
            #expect(refusal.contains { $0.contains("'US-KH-2022-001' is already another letter in the register ('Logged by hand meanwhile')") }, "\(refusal)")
            #expect(try await LetterService(database: database).show("US-KH-2022-001").subject == "Logged by hand meanwhile")
        }
    }

    @Test("the drafts import through the normal path, all or nothing, and read back as the exchange")
    func importsDrafts() async throws {
        try await Self.withFoundingRegister { database, _ in
            var article = try Self.article()
            article.published = "2022-02-14"
            let drafts = try await IntakeService(database: database).draft(article)
            #expect(drafts.letterRefs.sorted() == ["KH-US-2022-001", "US-KH-2022-001", "US-XX-2022-001"])
            let report = try await Self.importDrafts(drafts.jsonLines, into: database).get()
            #expect(report.warnings.isEmpty, "the intake object is known to the import: \(report.warnings.map(\.message))")
            #expect(report.counts["letter"]?.new == 3)
            #expect(report.counts["invitation"]?.new == 1)
            #expect(report.counts["response"]?.new == 1)
            #expect(report.counts["event"]?.new == 1)
            let reply = try await LetterService(database: database).show("KH-US-2022-001")
            #expect(reply.date.description.hasSuffix("2022-02-14"), "a date the text does not give ends at the article's")
            #expect(reply.links.contains { $0.kind == .replyTo && $0.ref == "US-KH-2022-001" })

            // A second intake of the same article finds its letters, invitation and summit in the
            // register: the same references, and importing again adds nothing.
            let again = try await IntakeService(database: database).draft(article)
            #expect(again.eventRefs == drafts.eventRefs)
            #expect(!again.jsonLines.contains(#""type":"event""#))
            #expect(again.letterRefs == drafts.letterRefs)
            #expect(again.invitationRefs == drafts.invitationRefs)
            let second = try await Self.importDrafts(again.jsonLines, into: database).get()
            #expect(second.counts["letter"]?.new == 0 && second.counts["invitation"]?.new == 0, "\(second.counts)")
        }
    }
}

/// What every interface checks of an article before intake reads it.
@Suite("Article checks") struct ArticleCheckTests {
    @Test("a day of publication is a day of the calendar written YYYY-MM-DD")
    func days() {
        for day in ["2022-02-14", "2024-02-29", "0044-03-15"] { #expect(Article.isDay(day), "\(day)") }
        for day in ["2022-02-30", "2023-02-29", "2022-13-01", "2022-00-10", "2022-2-14", "14 Feb 2022", "2022-02-14T10:00", "２０２２-02-14", ""] {
            #expect(!Article.isDay(day), "\(day)")
        }
    }

    @Test("bytes that are not UTF-8 are read as Latin-1, nothing replaced")
    func latin1() {
        #expect(Article.text(of: Array("Hun Sen à José".utf8)) == "Hun Sen à José")
        #expect(Article.text(of: [0x4A, 0x6F, 0x73, 0xE9]) == "José")
    }

    @Test("checked refuses an impossible day and a text with no sentences, naming the field")
    func checked() throws {
        let day = #expect(throws: ChanceryError.self) {
            try Article.checked(text: "Joe Biden wrote to Hun Sen.", published: "2022-02-30", title: nil, url: nil, publisher: nil, textField: "body")
        }
        #expect(day?.field == "published")
        let empty = #expect(throws: ChanceryError.self) {
            try Article.checked(text: "  \n ", published: nil, title: nil, url: nil, publisher: nil, textField: "body")
        }
        #expect(empty?.field == "body")
        let article = try Article.checked(text: "Joe Biden wrote to Hun Sen.", published: " ", title: "", url: nil, publisher: nil, textField: "body")
        #expect(article.published == nil && article.title == nil && !article.sentences.isEmpty)
    }
}
