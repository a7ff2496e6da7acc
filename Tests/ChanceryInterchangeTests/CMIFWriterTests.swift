@testable import ChanceryInterchange
@testable import ChanceryModel
import EDTF
import Foundation
import Testing

@Suite("CMIF and TEI writers")
struct CMIFWriterTests {
    /// The founding example plus a letter with a place, an approximate date and a receipt date.
    static func records() throws -> [DatasetRecord] {
        var extra = LetterDraft()
        extra.ref = "KH-US-2022-002"
        extra.from = [ParticipantDraft(name: "KH")]
        extra.to = [ParticipantDraft(name: "Joe Biden")]
        extra.cc = [ParticipantDraft(name: "ASEAN")]
        extra.date = "2022-06~"
        extra.received = "2022-06-20/2022-06-30"
        extra.sentPlace = "Phnom Penh"
        extra.sentPlaceGeonamesId = 1821306
        extra.subject = "Note on the summit's follow-up <& \"quotes\">"
        extra.kind = .noteVerbale
        extra.classification = .confidential
        extra.sources = [SourceDraft(kind: .news, title: "A report", url: "https://example.org/report", publisher: "Example",
                                     published: "2022-07", quote: "It was noted.")]
        return try CMIFTestFile.foundingExample() + [.letter(extra)]
    }

    static let header = CMIFExportHeader(url: "https://example.org/export.xml", date: Date(timeIntervalSince1970: 1_700_000_000))

    @Test("CMIF output validates against the CMIF RelaxNG schema",
          .enabled(if: CMIFTestFile.xmllintPath != nil, "needs xmllint: apt-get install libxml2-utils"))
    func cmifIsValid() throws {
        let text = try CMIFTestFile.written(try Self.records(), with: CorrespDescWriter.cmif(header: Self.header))
        if let dump = ProcessInfo.processInfo.environment["CHANCERY_CMIF_DUMP"] {
            try text.write(toFile: dump + "/export.cmif.xml", atomically: true, encoding: .utf8)
            try CMIFTestFile.written(try Self.records(), with: CorrespDescWriter.tei(header: Self.header))
                .write(toFile: dump + "/export.tei.xml", atomically: true, encoding: .utf8)
        }
        #expect(text.contains(#"<persName ref="http://www.wikidata.org/entity/Q6279">Joe Biden</persName>"#))
        #expect(text.contains(#"<orgName ref="http://www.wikidata.org/entity/Q7768">ASEAN</orgName>"#))
        #expect(text.contains(#"<date notBefore="2022-01" notAfter="2022-04"/>"#))
        #expect(text.contains(#"<date when="2022-06" cert="low"/>"#))
        #expect(text.contains(#"<placeName ref="http://www.geonames.org/1821306">Phnom Penh</placeName>"#))
        #expect(text.contains(#"<ref type="https://lod.academy/cmif/vocab/terms#hasLanguage" target="en"/>"#))
        #expect(text.contains(##"<correspDesc key="KH-US-2022-001" source="#chancery-export">"##))
        // Transmitters and links have no place in CMIF.
        #expect(!text.contains("transmitted"))
        #expect(!text.contains("correspContext"))
        let lint = try #require(try CMIFTestFile.xmllint(["--noout", "--relaxng", CMIFTestFile.schema], text))
        #expect(lint.status == 0, "\(lint.messages)")
    }

    @Test("dates before the common era read back as they were written (exported CMIF imports again)")
    func bcDatesRoundTrip() throws {
        let dates = ["-0044-03-14", "-0049~", "-0050/-0048", "-0099-05"]
        let records: [DatasetRecord] = try CMIFTestFile.foundingExample().filter { if case .letter = $0 { false } else { true } }
            + dates.enumerated().map { index, date in
                var letter = LetterDraft()
                letter.ref = "KH-US-0044-00\(index + 1)"
                letter.from = [ParticipantDraft(name: "Hun Sen")]
                letter.to = [ParticipantDraft(name: "Joe Biden")]
                letter.date = date
                letter.subject = "Before the era"
                return .letter(letter)
            }
        let text = try CMIFTestFile.written(records, with: CorrespDescWriter.cmif(header: Self.header))
        let read = CMIFOutputs(try CMIFTestFile.read(text))
        #expect(read.rejected.isEmpty, "\(read.rejected)")
        #expect(text.contains(#"<date when="-0044-03-14"/>"#) && text.contains(#"<date notBefore="-0050" notAfter="-0048"/>"#))
        if let lint = try CMIFTestFile.xmllint(["--noout", "--relaxng", CMIFTestFile.schema], text) {
            #expect(lint.status == 0, "\(lint.messages)")
        }
        // CMIF has one mark for uncertain and approximate (cert="low"), read back as uncertain.
        #expect(read.letters.map(\.date) == ["-0044-03-14", "-0049?", "-0050/-0048", "-0099-05"], "\(read.letters.map(\.date))")
    }

    @Test("CMIF read back keeps participants, dates, places and language")
    func cmifRoundTrip() throws {
        let text = try CMIFTestFile.written(try Self.records(), with: CorrespDescWriter.cmif(header: Self.header))
        let read = CMIFOutputs(try CMIFTestFile.read(text))
        #expect(read.rejected.isEmpty)
        // A Chancery export names its letters by their references, so importing it back finds them.
        #expect(read.letters.map(\.ref) == ["US-ASEAN-2022-001", "US-KH-2022-001", "KH-US-2022-001", "KH-US-2022-002"])
        #expect(read.letters.allSatisfy { $0.key == nil && $0.provenance == nil })
        // The bibl every exported letter points to says where the file comes from: it is no source.
        #expect(read.letters.allSatisfy { $0.sources.isEmpty })
        #expect(read.letters.map(\.date) == ["2022-01/2022-04", "2022-01/2022-04", "2022-01/2022-04", "2022-06?"])
        #expect(read.letters[3].received == "2022-06-20/2022-06-30")
        #expect(read.letters[3].cc == [ParticipantDraft(name: "Q7768", nameAsWritten: "ASEAN")])
        #expect(read.letters[3].kind == .noteVerbale)
        #expect(read.letters[0].language == "en")
    }

    @Test("full TEI is well-formed and reads back into the same letters")
    func teiRoundTrip() throws {
        let records = try Self.records()
        let text = try CMIFTestFile.written(records, with: CorrespDescWriter.tei(header: Self.header))
        if let lint = try CMIFTestFile.xmllint(["--noout"], text) {
            #expect(lint.status == 0, "\(lint.messages)")
        }
        let read = CMIFOutputs(try CMIFTestFile.read(text))
        #expect(read.rejected.isEmpty)
        #expect(read.warnings.isEmpty)

        let originalActors = records.compactMap { record -> ActorDraft? in
            if case .actor(let draft, _) = record { draft } else { nil }
        }
        let originals = records.compactMap { record -> LetterDraft? in
            if case .letter(let letter) = record { letter } else { nil }
        }
        #expect(read.letters.count == originals.count)
        for (original, copy) in zip(originals, read.letters) {
            let was = Self.resolved(original, originalActors)
            let now = Self.resolved(copy, read.actors.map(\.draft), keys: read.actors)
            #expect(now == was)
            #expect(copy.ref == original.ref)
            #expect(copy.date == original.date)
            #expect(copy.received == original.received)
            #expect(copy.kind == original.kind)
            #expect(copy.subject == original.subject)
            #expect(copy.summary == original.summary)
            #expect(copy.language == original.language)
            #expect(copy.classification == original.classification)
            #expect(copy.replyTo == original.replyTo)
            #expect(copy.encloses == original.encloses)
            #expect(copy.sentPlace == original.sentPlace)
            #expect(copy.sentPlaceGeonamesId == original.sentPlaceGeonamesId)
            #expect(copy.sources == original.sources)
        }
        // States come back as states with their ISO code, people and organizations with their ids.
        let unitedStates = read.actors.first { $0.draft.isoCode == "US" }
        #expect(unitedStates?.draft.kind == .state)
        #expect(unitedStates?.draft.wikidataId == "Q30")
        #expect(unitedStates?.key == nil)
        #expect(read.actors.first { $0.key == "Q6279" }?.draft.name == "Joe Biden")
    }

    /// Every participant as "role: name (capacity) for name", names resolved through the actors.
    static func resolved(_ letter: LetterDraft, _ actors: [ActorDraft], keys: [(draft: ActorDraft, key: String?)] = []) -> [String] {
        func name(_ reference: String) -> String {
            if let keyed = keys.first(where: { $0.key == reference }) { return keyed.draft.name }
            return actors.first { actor in
                ([actor.name, actor.isoCode, actor.wikidataId] + actor.aliases).contains(reference)
            }?.name ?? reference
        }
        let roles = [("from", letter.from), ("to", letter.to), ("cc", letter.cc), ("via", letter.via)]
        return roles.flatMap { role, participants in
            participants.map { p in
                role + ": " + name(p.name) + " (" + (p.capacity ?? "-") + ") for " + (p.onBehalfOf.map(name) ?? "-")
            }
        }
    }

    @Test("EDTF becomes W3C date attributes", arguments: [
        ("2022-05-12", CMIFDateAttributes.expected(when: "2022-05-12")),
        ("2022-XX", CMIFDateAttributes.expected(when: "2022")),
        ("2022-05?", CMIFDateAttributes.expected(when: "2022-05", uncertain: true)),
        ("202X", CMIFDateAttributes.expected(notBefore: "2020-01-01", notAfter: "2029-12-31")),
        ("2022-21", CMIFDateAttributes.expected(notBefore: "2022-03-01", notAfter: "2022-05-31")),
        ("2022-01/..", CMIFDateAttributes.expected(notBefore: "2022-01")),
        ("/2022-04", CMIFDateAttributes.expected(notAfter: "2022-04")),
        ("2022-01~/2022-04", CMIFDateAttributes.expected(notBefore: "2022-01", notAfter: "2022-04", uncertain: true)),
    ])
    func dateAttributes(edtf: String, expected: CMIFDateAttributes) {
        #expect(CMIFDateAttributes(edtf: edtf) == expected)
    }

    @Test("namesakes keep their dataset keys through the full TEI")
    func namesakes() throws {
        var letter = LetterDraft()
        letter.ref = "L-1"
        letter.from = [ParticipantDraft(name: "smith-2")]
        letter.to = [ParticipantDraft(name: "smith-1")]
        letter.date = "1990"
        letter.subject = "Between namesakes"
        let records: [DatasetRecord] = [
            .actor(ActorDraft(kind: .person, name: "John Smith"), key: "smith-1"),
            .actor(ActorDraft(kind: .person, name: "John Smith"), key: "smith-2"),
            .letter(letter),
        ]
        let text = try CMIFTestFile.written(records, with: CorrespDescWriter.tei(header: Self.header))
        #expect(text.contains(#"<persName key="smith-2">John Smith</persName>"#))
        let read = CMIFOutputs(try CMIFTestFile.read(text))
        #expect(read.actors.map(\.key) == ["smith-2", "smith-1"])
        #expect(read.letters.first?.from == [ParticipantDraft(name: "smith-2", nameAsWritten: "John Smith")])
    }

    @Test("non-letter records are skipped; an empty export is still valid CMIF")
    func emptyExport() throws {
        let text = try CMIFTestFile.written([.membership(member: "KH", organization: "ASEAN", period: nil)],
                                            with: CorrespDescWriter.cmif(header: Self.header))
        #expect(text.contains("<profileDesc>\n    </profileDesc>"))
        if let lint = try CMIFTestFile.xmllint(["--noout", "--relaxng", CMIFTestFile.schema], text) {
            #expect(lint.status == 0, "\(lint.messages)")
        }
    }
}

extension CMIFDateAttributes {
    static func expected(when: String? = nil, notBefore: String? = nil, notAfter: String? = nil, uncertain: Bool = false) -> Self {
        var attributes = CMIFDateAttributes(edtf: "2000")!
        attributes.when = when
        attributes.notBefore = notBefore
        attributes.notAfter = notAfter
        attributes.uncertain = uncertain
        return attributes
    }
}
