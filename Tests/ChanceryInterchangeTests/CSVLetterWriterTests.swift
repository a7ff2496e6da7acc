@testable import ChanceryInterchange
@testable import ChanceryModel
import EDTF
import Foundation
import Testing

@Suite("CSV letter writer")
struct CSVLetterWriterTests {
    @Test("fields are quoted only when needed, and lines end in CRLF")
    func quoting() {
        #expect(CSVLetterWriter.quoted("plain") == "plain")
        #expect(CSVLetterWriter.quoted("ហ៊ុន សែន") == "ហ៊ុន សែន")
        #expect(CSVLetterWriter.quoted("a, b") == "\"a, b\"")
        #expect(CSVLetterWriter.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVLetterWriter.quoted("two\nlines") == "\"two\nlines\"")
        #expect(CSVLetterWriter.line(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
    }

    @Test("lists escape bars and backslashes, and split back the same")
    func lists() {
        let values = ["Smith | Jones", "C:\\Letters", "", "plain"]
        let cell = CSVListValue.join(values)
        #expect(cell == "Smith \\| Jones|C:\\\\Letters||plain")
        #expect(CSVListValue.split(cell) == values)
        #expect(CSVListValue.split("C:\\Letters|x") == ["C:\\Letters", "x"])
        #expect(CSVListValue.join(["", ""]).isEmpty)
        #expect(CSVListValue.split("").isEmpty)
    }

    @Test("the header lists the documented columns in order; only letters make rows")
    func headerAndSkipping() throws {
        var letter = LetterDraft()
        letter.ref = "A-1"
        letter.from = [ParticipantDraft(name: "Joe Biden")]
        letter.to = [ParticipantDraft(name: "Hun Sen")]
        letter.date = "2022"
        letter.subject = "S"
        let text = try Self.export([
            .actor(ActorDraft(kind: .person, name: "Joe Biden"), key: nil),
            .membership(member: "KH", organization: "ASEAN", period: "1999-04-30/.."),
            .letter(letter),
            .role(holder: "Hun Sen", title: "Prime Minister", of: "KH", period: nil),
        ])
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[0] == CSVColumn.written.map(\.rawValue).joined(separator: ","))
        #expect(lines[0].hasPrefix("ref,key,provenance,kind,date,received,sender,sender_id,sender_kind"))
        #expect(!lines[0].contains("edition"))
        #expect(lines[1].hasPrefix("A-1,,,letter,2022,,Joe Biden,,person,,,,,Hun Sen,,,"))
        #expect(lines[0].hasSuffix(",awaiting_reply,date_as_written,received_as_written"))
    }

    @Test("a participant named as one actor is written with that actor's ids, not those of another holding the name as an alias")
    func nameOutranksAnotherActorsAlias() throws {
        var holstein = ActorDraft(kind: .person, name: "Sophie Elisabeth von Holstein-Sonderburg",
                                  aliases: ["Herzogin Sophie Elisabeth von Sachsen-Zeitz"])
        holstein.gndId = "124766595"
        let zeitz = ActorDraft(kind: .person, name: "Herzogin Sophie Elisabeth von Sachsen-Zeitz")
        var letter = LetterDraft()
        letter.ref = "A-1"
        letter.from = [ParticipantDraft(name: "Herzogin Sophie Elisabeth von Sachsen-Zeitz")]
        letter.to = [ParticipantDraft(name: "gnd:124766595")]
        letter.date = "1684"
        letter.subject = "S"
        let records: [DatasetRecord] = [.actor(holstein, key: nil), .actor(zeitz, key: nil), .letter(letter)]
        let row = try Self.export(records).components(separatedBy: "\r\n")[1]
        #expect(row.hasPrefix("A-1,,,letter,1684,,Herzogin Sophie Elisabeth von Sachsen-Zeitz,,person,,,,,Sophie Elisabeth von Holstein-Sonderburg,gnd:124766595,person"),
                "\(row)")
        let tei = try CMIFTestFile.written(records, with: CorrespDescWriter.tei(header: CMIFWriterTests.header))
        #expect(tei.contains("<persName>Herzogin Sophie Elisabeth von Sachsen-Zeitz</persName>"), "\(tei)")
    }

    @Test("letters read back equal: several recipients, uncertain dates, Khmer names, commas and quotes")
    func roundTrip() throws {
        let actors: [(ActorDraft, String?)] = [
            (ActorDraft(kind: .person, name: "Joe Biden", aliases: ["Jo Biden"], wikidataId: "Q6279", viafId: "76361317"), nil),
            (ActorDraft(kind: .person, name: "ហ៊ុន សែន", aliases: ["Hun Sen"]), nil),
            (ActorDraft(kind: .state, name: "Cambodia", isoCode: "KH", wikidataId: "Q424"), nil),
            (ActorDraft(kind: .state, name: "Indonesia", isoCode: "ID"), nil),
            (ActorDraft(kind: .organization, name: "ASEAN"), nil),
            (ActorDraft(kind: .organization, name: "Smith | Jones, Solicitors"), nil),
            (ActorDraft(kind: .person, name: "Sok, Chenda \"Jenny\""), nil),
        ]
        let letters = Self.sampleLetters()
        let text = try Self.export(actors.map { .actor($0.0, key: $0.1) } + letters.map { .letter($0) })
        #expect(text.contains("ហ៊ុន សែន"))
        let path = try CSVTestFile.write(text)
        defer { CSVTestFile.remove(path) }
        var outputs: [ReaderOutput] = []
        try CSVLetterReader(path: path, displayName: "letters.csv").read { outputs.append($0) }
        #expect(outputs.compactMap(\.rejected).isEmpty)
        #expect(outputs.compactMap(\.warning).isEmpty)
        // Participants with ids come back named by their first id, as the importer resolves them.
        let byID = ["Joe Biden": "Q6279", "Cambodia": "KH", "Indonesia": "ID"]
        let expected = letters.map { letter in
            var letter = letter
            for path in [\LetterDraft.from, \.to, \.cc, \.via] {
                letter[keyPath: path] = letter[keyPath: path].map { participant in
                    var participant = participant
                    // The name cell is read back as the name as written, unless it is an id (`US`).
                    participant.nameAsWritten = CSVActorID.isReference(participant.name) ? nil : participant.name
                    participant.name = byID[participant.name] ?? participant.name
                    participant.onBehalfOf = participant.onBehalfOf.map { byID[$0] ?? $0 }
                    return participant
                }
            }
            return letter
        }
        // (What the reader notes as unsaid is for the import's merge, not the letter.)
        #expect(outputs.compactMap(\.letter).map { letter in var letter = letter; letter.unstated = []; return letter } == expected)
        let announced = outputs.compactMap(\.actor)
        #expect(announced.contains { $0.key == "Q6279" && $0.draft.wikidataId == "Q6279" && $0.draft.viafId == "76361317" })
        #expect(announced.contains { $0.key == "KH" && $0.draft == ActorDraft(kind: .state, name: "Cambodia", isoCode: "KH", wikidataId: "Q424") })
        #expect(announced.contains { $0.key == nil && $0.draft == ActorDraft(kind: .organization, name: "Smith | Jones, Solicitors") })
    }

    /// Three letters exercising every column.
    private static func sampleLetters() -> [LetterDraft] {
        var first = LetterDraft()
        first.ref = "US-KH-2022-001"
        first.key = "L17"
        first.provenance = SourceDraft(kind: .archive, title: "Register 1922, vol. 2")
        first.from = [ParticipantDraft(name: "Joe Biden", capacity: "President", onBehalfOf: "US")]
        first.to = [
            ParticipantDraft(name: "ហ៊ុន សែន", capacity: "Prime Minister", onBehalfOf: "KH"),
            ParticipantDraft(name: "ASEAN"),
            ParticipantDraft(name: "Cambodia", capacity: "ASEAN Chair"),
        ]
        first.cc = [ParticipantDraft(name: "Smith | Jones, Solicitors")]
        first.via = [ParticipantDraft(name: "Indonesia", capacity: "Country Coordinator, ASEAN–U.S.")]
        first.date = "2022-01/2022-04"
        first.received = "2022-04~"
        first.subject = "Working with Cambodia as \"Chair\", and a summit"
        first.summary = "Commitment to ASEAN centrality; a special summit \"in the coming months\"."
        first.text = "Dear Prime Minister,\nline two, with a comma\n\nYours"
        first.language = "en"
        first.classification = .public
        first.sentPlace = "Washington, D.C."
        first.sentPlaceGeonamesId = 4_140_963
        first.receivedPlace = "ភ្នំពេញ"
        first.receivedPlaceGeonamesId = 1_821_306
        first.replyTo = ["KH-US-2021-009"]
        first.encloses = ["US-ID-2022-001", "US-ASEAN-2022-001"]
        first.refersTo = ["X-1"]
        first.events = ["Special ASEAN–U.S. Summit"]
        first.sources = [
            SourceDraft(kind: .news, title: "Hun Sen | Biden, letters", url: "https://example.org/a", publisher: "Khmer Times",
                        published: "2022-03-02", excerpt: "An excerpt", quote: "\"We look forward,\" he wrote.", retrieved: "2022-03-03"),
            SourceDraft(kind: .edition, title: "Documents, vol. 1"),
        ]
        first.awaitingReply = true

        var second = LetterDraft()
        second.ref = "KH-US-2022-001"
        second.kind = .noteVerbale
        second.from = [ParticipantDraft(name: "ហ៊ុន សែន")]
        second.to = [ParticipantDraft(name: "Joe Biden"), ParticipantDraft(name: "Sok, Chenda \"Jenny\"", capacity: "Envoy", onBehalfOf: "Cambodia")]
        second.date = "2022~"
        second.subject = "Reply"

        var third = LetterDraft()
        third.ref = "US-ID-2022-001"
        third.kind = .callReadout
        third.from = [ParticipantDraft(name: "US")]
        third.to = [ParticipantDraft(name: "Indonesia")]
        third.date = "/2022-04"
        third.subject = "Read-out"
        third.classification = .confidential
        return [first, second, third]
    }

    /// The CSV text the writer makes of `records`.
    private static func export(_ records: [DatasetRecord]) throws -> String {
        let path = try CSVTestFile.write("", name: "export.csv")
        defer { CSVTestFile.remove(path) }
        let output = try TextOutput.file(atPath: path)
        var writer = CSVLetterWriter()
        try writer.begin(output)
        for record in records { try writer.write(record, to: output) }
        try writer.end(output)
        try output.commit()
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
