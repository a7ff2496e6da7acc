@testable import ChanceryCore
import LibPQClient
import Testing
import ChanceryModel
import ChanceryInterchange
import TestFiles

@Suite("Logging letters")
struct LoggingLetterTests {
    @Test("a new letter gets a readable reference and its country from the sender's role")
    func addInfersCapacity() async throws {
        try await withChancery(foundingExample: true) { database in
            var draft = sampleLetter()
            draft.sources = [SourceDraft(title: "A report", url: "https://example.org/report", quote: "They wrote.")]
            let ref = try await LetterService(database: database).add(draft)
            #expect(ref == "US-KH-2022-002")
            let letter = try await LetterService(database: database).show(ref)
            let author = try #require(letter.participants.first { $0.role == .author })
            #expect(author.capacity == "President")
            #expect(author.onBehalfOf == "United States")
            let recipient = try #require(letter.participants.first { $0.role == .recipient })
            #expect(recipient.onBehalfOf == "Cambodia")
            #expect(letter.sources.map(\.url) == ["https://example.org/report"])
            var query = LetterQuery()
            query.country = "KH"
            query.since = "2022-06"
            #expect(try await LetterService(database: database).list(query).map(\.ref) == [ref])
        }
    }

    @Test("a role is read off only when held for most of the days the date allows", arguments: [
        ("2023", "Cambodia"),                // Hun Sen's premiership ended in August 2023: 8 months of 12
        ("1985", "Cambodia"),                // it began in January 1985
        ("2023-08/2024-12", nil),            // one month of seventeen
        ("1XXX-05", nil),                    // any May from 1000 to 1999: 15 of 1,000 years
        ("2020/..", "Cambodia"),             // an open end keeps the overlap alone
    ] as [(String, String?)])
    func roleHeldForMostOfTheDate(date: String, country: String?) async throws {
        try await withChancery(foundingExample: true) { database in
            var draft = sampleLetter()
            draft.from = [ParticipantDraft(name: "Hun Sen")]
            draft.to = [ParticipantDraft(name: "Jo Biden", onBehalfOf: "US")]
            draft.date = date
            let service = LetterService(database: database)
            let author = try #require(try await service.show(try await service.add(draft)).participants.first { $0.role == .author })
            #expect(author.onBehalfOf == country)
            #expect(author.capacity == (country == nil ? nil : "Prime Minister"))

            // An import reads roles off the same way.
            try await withTemporaryFolder { folder in
                let record = #"{"type":"letter","ref":"IMPORTED-1","from":[{"name":"Hun Sen"}],"to":[{"name":"Jo Biden","onBehalfOf":"US"}],"date":"\#(date)","subject":"S"}"#
                _ = try await ImportService(database: database).run([try writeDataset([record], named: "a.jsonl", in: folder)],
                                                                     options: ImportOptions())
            }
            let imported = try #require(try await service.show("IMPORTED-1").participants.first { $0.role == .author })
            #expect(imported.onBehalfOf == country)
        }
    }

    @Test("awkward text is stored verbatim", arguments: [
        "'); DROP TABLE letter; --", "ការប្រជុំកំពូលពិសេសអាស៊ាន-អាមេរិក", "Back\\slash \"quotes\" and 'apostrophes'", "50% of _all_ summits",
    ])
    func verbatim(subject: String) async throws {
        try await withChancery(foundingExample: true) { database in
            var draft = sampleLetter(subject: subject)
            draft.summary = subject
            let ref = try await LetterService(database: database).add(draft)
            let letter = try await LetterService(database: database).show(ref)
            #expect(letter.subject == subject)
            #expect(letter.summary == subject)
            var query = LetterQuery()
            query.text = subject
            #expect(try await LetterService(database: database).list(query).map(\.ref) == [ref])
        }
    }

    @Test("names in the draft are checked as a whole: a letter is written fully or not at all")
    func transmittersAndLinks() async throws {
        try await withChancery(foundingExample: true) { database in
            var draft = sampleLetter()
            draft.via = [ParticipantDraft(name: "Indonesia"), ParticipantDraft(name: "KH")]
            draft.cc = [ParticipantDraft(name: "ASEAN")]
            draft.replyTo = ["KH-US-2022-001"]
            draft.ref = "US-KH-FOLLOWUP"
            let ref = try await LetterService(database: database).add(draft)
            let letter = try await LetterService(database: database).show(ref)
            #expect(letter.participants.filter { $0.role == .transmitter }.map(\.name) == ["Indonesia", "Cambodia"])
            #expect(letter.participants.filter { $0.role == .transmitter }.map(\.position) == [1, 2])
            #expect(letter.links.map(\.ref) == ["KH-US-2022-001"])
        }
    }

    @Test("a follow-up letter linked to an event joins the event's dossier")
    func followUpJoinsEventTimeline() async throws {
        try await withChancery(foundingExample: true) { database in
            var draft = sampleLetter(subject: "Thank you for attending the Special Summit")
            draft.events = ["Special ASEAN–U.S. Summit"]
            let ref = try await LetterService(database: database).add(draft)
            #expect(try await LetterService(database: database).show(ref).events == ["ASEAN-US-SUMMIT-2022"])
            let dossier = try await TimelineService(database: database).timeline(.event("ASEAN-US-SUMMIT-2022"))
            #expect(dossier.items.last?.ref == ref)

            var unknown = sampleLetter()
            unknown.events = ["No Such Summit"]
            let error = await #expect(throws: ChanceryError.self) { try await LetterService(database: database).add(unknown) }
            #expect(error?.field == "event")
        }
    }

    /// Every way a letter can be wrong, with the error it must get.
    static let badDrafts: [(String, ChanceryError.Kind, String?, @Sendable (inout LetterDraft) -> Void)] = [
        ("unknown recipient", .notFound, "to", { $0.to = [ParticipantDraft(name: "Nobody Atall")] }),
        ("unknown sender", .notFound, "from", { $0.from = [ParticipantDraft(name: "Hun Sn")] }),
        ("malformed date", .invalidInput, "date", { $0.date = "2022-13" }),
        ("reversed date", .invalidInput, "date", { $0.date = "2023/2022" }),
        ("draft EDTF", .invalidInput, "date", { $0.date = "201u" }),
        ("received before sent", .invalidInput, "received", { $0.received = "2021" }),
        ("missing reply-to", .notFound, "reply-to", { $0.replyTo = ["NOPE-1"] }),
        ("duplicate ref", .conflict, "ref", { $0.ref = "US-KH-2022-001" }),
        ("bad ref", .invalidInput, "ref", { $0.ref = "has spaces" }),
        ("empty subject", .invalidInput, "subject", { $0.subject = "   " }),
        ("over-long subject", .invalidInput, "subject", { $0.subject = String(repeating: "x", count: 301) }),
        ("bad language", .invalidInput, "language", { $0.language = "english language" }),
        ("bad source URL", .invalidInput, "source-url", { $0.sources = [SourceDraft(title: "T", url: "ftp://x")] }),
        ("empty source title", .invalidInput, "source-title", { $0.sources = [SourceDraft(title: " ")] }),
        ("named twice", .invalidInput, "to", { $0.to = [ParticipantDraft(name: "Hun Sen"), ParticipantDraft(name: "hun sen")] }),
        ("on behalf of a person", .notFound, "on-behalf-of", { $0.from = [ParticipantDraft(name: "Joe Biden", onBehalfOf: "Hun Sen")] }),
        ("no recipient", .invalidInput, "to", { $0.to = [] }),
    ]

    @Test("bad input gets a specific error and writes nothing", arguments: 0..<badDrafts.count)
    func badInput(index: Int) async throws {
        let (label, kind, field, change) = Self.badDrafts[index]
        try await withChancery(foundingExample: true) { database in
            let before = try await rowCounts(database)
            var draft = sampleLetter()
            change(&draft)
            let error = await #expect(throws: ChanceryError.self, "\(label)") { try await LetterService(database: database).add(draft) }
            #expect(error?.kind == kind, "\(label)")
            #expect(error?.field == field, "\(label)")
            #expect(try await rowCounts(database) == before, "\(label)")
        }
    }

    @Test("error messages say what and where")
    func messages() async throws {
        try await withChancery(foundingExample: true) { database in
            var draft = sampleLetter()
            draft.date = "2022-13"
            let dateError = await #expect(throws: ChanceryError.self) { try await LetterService(database: database).add(draft) }
            #expect(dateError?.message.contains("2022-13: month 13 out of range at position 6") == true)

            draft = sampleLetter()
            draft.to = [ParticipantDraft(name: "Hun Sn")]
            let nameError = await #expect(throws: ChanceryError.self) { try await LetterService(database: database).add(draft) }
            #expect(nameError?.candidates.contains { $0.hasPrefix("Hun Sen") } == true)

            draft = sampleLetter()
            draft.date = "201u"
            let draftError = await #expect(throws: ChanceryError.self) { try await LetterService(database: database).add(draft) }
            #expect(draftError?.description.contains("201X") == true)
        }
    }
}
