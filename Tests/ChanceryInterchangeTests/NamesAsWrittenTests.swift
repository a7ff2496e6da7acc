@testable import ChanceryInterchange
@testable import ChanceryModel
import Foundation
import Testing

/// Names and dates as the source writes them (issue 20, items 5 and 6): the editor's marks on a
/// name, the name's spelling beside the actor's, and the date as printed, read from tables and
/// CMIF and written back so a re-import keeps them.
@Suite("Names and dates as written")
struct NamesAsWrittenTests {
    @Test("the editor's marks", arguments: [
        ("Kf. N.", "Kf. N.", false, false),
        ("[Kf. N.]", "Kf. N.", true, false),
        ("Kf. N.?", "Kf. N.", false, true),
        ("[Kf. N.?]", "Kf. N.", true, true),
        ("[Kf. N.]?", "Kf. N.", true, true),
        (" [ einen Theologen ? ] ", "einen Theologen", true, true),
        // Marks on parts of a name stay in it: they say nothing of the whole.
        ("Hans [Müller]", "Hans [Müller]", false, false),
        ("[einen Amtsbruder] im [Elsaß?]", "[einen Amtsbruder] im [Elsaß?]", false, false),
        // Nothing but marks is no name to strip them from.
        ("[?]", "[?]", false, false),
        ("?", "?", false, false),
    ])
    func marks(written: String, name: String, supplied: Bool, uncertain: Bool) {
        let read = EditorialName(reading: written)
        #expect(read == EditorialName(name: name, supplied: supplied, uncertain: uncertain))
        // Written back, the marks read the same again.
        #expect(EditorialName(reading: read.written) == read)
    }

    @Test("CSV2CMI's split brackets are put back only where it split them")
    func splitBrackets() {
        #expect(EditorialName.restoringCSV2CMIBrackets("einen Amtsbruder] im [Elsaß?") == "[einen Amtsbruder] im [Elsaß?]")
        #expect(EditorialName.restoringCSV2CMIBrackets("Johann Georg Rennepager?") == nil)
        #expect(EditorialName.restoringCSV2CMIBrackets("Hans [Müller]") == nil)
    }

    static let table = """
        key,edition,sender,senderID,senderDate,senderDateText,addressee,addresseeID,addresseeDate,addresseeDateText
        1,Vol. 1,Hz. Moritz,http://d-nb.info/gnd/118583425,1541-07-18,18. Juli 1541,[Kf. Johann Friedrich?],http://d-nb.info/gnd/11855042X,1541-07-25,"empfangen 25. Juli"
        2,Vol. 1,[Kf. Moritz],http://d-nb.info/gnd/118583425,/1548-07-18,[1548 kurz vor Juli 18],einen Theologen?,,,

        """

    @Test("a table's marks, spellings and dates as written reach the letter")
    func tableReading() throws {
        let outputs = try CSVTestFile.read(Self.table)
        #expect(outputs.compactMap(\.rejected).isEmpty)
        let letters = outputs.compactMap(\.letter)
        try #require(letters.count == 2)
        #expect(letters[0].dateAsWritten == "18. Juli 1541")
        #expect(letters[0].receivedAsWritten == "empfangen 25. Juli")
        #expect(letters[0].from == [ParticipantDraft(name: "gnd:118583425", nameAsWritten: "Hz. Moritz")])
        #expect(letters[0].to == [ParticipantDraft(name: "gnd:11855042X", nameAsWritten: "Kf. Johann Friedrich", nameSupplied: true, nameUncertain: true)])
        #expect(letters[1].dateAsWritten == "[1548 kurz vor Juli 18]")
        #expect(letters[1].from == [ParticipantDraft(name: "gnd:118583425", nameAsWritten: "Kf. Moritz", nameSupplied: true)])
        #expect(letters[1].to == [ParticipantDraft(name: "einen Theologen", nameAsWritten: "einen Theologen", nameUncertain: true)])
        // The actor takes the first spelling; the composed subject reads the names without marks.
        #expect(outputs.compactMap(\.actor).first?.draft.name == "Hz. Moritz")
        #expect(letters[1].subject == "Letter from Kf. Moritz to einen Theologen")
    }

    @Test("CMIF: @evidence, @cert, a trailing ? and the date's text are read")
    func cmifReading() throws {
        let text = CMIFTestFile.document("""
            <correspDesc key="1" source="#ed">
              <correspAction type="sent">
                <persName ref="http://d-nb.info/gnd/118583425" evidence="conjecture" cert="low">Kf. Moritz</persName>
                <date notAfter="1548-07-18">[1548 kurz vor Juli 18]</date>
              </correspAction>
              <correspAction type="received">
                <persName evidence="conjecture">einen Theologen?</persName>
                <persName evidence="conjecture">einen Amtsbruder] im [Elsaß?</persName>
              </correspAction>
            </correspDesc>
            """)
        let read = CMIFOutputs(try CMIFTestFile.read(text))
        #expect(read.rejected.isEmpty)
        let letter = try #require(read.letters.first)
        #expect(letter.date == "/1548-07-18")
        #expect(letter.dateAsWritten == "[1548 kurz vor Juli 18]")
        #expect(letter.from == [ParticipantDraft(name: "gnd:118583425", nameAsWritten: "Kf. Moritz", nameSupplied: true, nameUncertain: true)])
        #expect(letter.to == [
            ParticipantDraft(name: "einen Theologen", nameAsWritten: "einen Theologen", nameSupplied: true, nameUncertain: true),
            ParticipantDraft(name: "[einen Amtsbruder] im [Elsaß?]", nameAsWritten: "[einen Amtsbruder] im [Elsaß?]"),
        ])
    }

    /// A letter naming one person by a spelling other than the actor's name, with marks.
    static func records() -> [DatasetRecord] {
        var moritz = ActorDraft(kind: .person, name: "Moritz von Sachsen")
        moritz.gndId = "118583425"
        let unnamed = ActorDraft(kind: .person, name: "einen Theologen")
        var letter = LetterDraft()
        letter.ref = "XX-XX-1548-001"
        letter.from = [ParticipantDraft(name: "gnd:118583425", nameAsWritten: "Kf. Moritz", nameSupplied: true, nameUncertain: true)]
        letter.to = [ParticipantDraft(name: "einen Theologen", nameAsWritten: "einen Theologen", nameUncertain: true)]
        letter.date = "/1548-07-18"
        letter.dateAsWritten = "[1548 kurz vor Juli 18]"
        letter.received = "1548-08"
        letter.receivedAsWritten = "empfangen im August"
        letter.subject = "Letter from Kf. Moritz to einen Theologen"
        return [.actor(moritz, key: "gnd:118583425"), .actor(unnamed, key: nil), .letter(letter)]
    }

    @Test("CMIF written: spelling, marks and dates as written, valid, and read back the same")
    func cmifWriting() throws {
        let text = try CMIFTestFile.written(Self.records(), with: CorrespDescWriter.cmif(header: CMIFWriterTests.header))
        #expect(text.contains(#"<persName ref="http://d-nb.info/gnd/118583425" evidence="conjecture" cert="low">Kf. Moritz</persName>"#))
        #expect(text.contains(#"<date notAfter="1548-07-18">[1548 kurz vor Juli 18]</date>"#))
        #expect(text.contains(#">empfangen im August</date>"#))
        if let lint = try CMIFTestFile.xmllint(["--noout", "--relaxng", CMIFTestFile.schema], text) {
            #expect(lint.status == 0, "\(lint.messages)")
        }
        let letter = try #require(CMIFOutputs(try CMIFTestFile.read(text)).letters.first)
        guard case .letter(let original) = Self.records()[2] else { return }
        #expect(letter.from == original.from)
        #expect(letter.to == original.to)
        #expect(letter.dateAsWritten == original.dateAsWritten)
        #expect(letter.receivedAsWritten == original.receivedAsWritten)
    }

    @Test("CSV written: the marks around the spelling, the dates as written in their columns, read back the same")
    func csvWriting() throws {
        let text = try CMIFTestFile.written(Self.records(), with: CSVLetterWriter())
        #expect(text.contains("[Kf. Moritz?]"))
        #expect(text.contains("[1548 kurz vor Juli 18]"))
        let letter = try #require(try CSVTestFile.read(text).compactMap(\.letter).first)
        guard case .letter(let original) = Self.records()[2] else { return }
        #expect(letter.from == original.from)
        #expect(letter.to == original.to)
        #expect(letter.dateAsWritten == original.dateAsWritten)
        #expect(letter.receivedAsWritten == original.receivedAsWritten)
    }

    @Test("JSON Lines written: spellings, the editor's marks and the dates as written, read back the same, without unknown-field warnings")
    func jsonLinesWriting() throws {
        let text = try CMIFTestFile.written(Self.records(), with: JSONLinesWriter())
        #expect(text.contains(#""nameAsWritten":"Kf. Moritz""#))
        #expect(text.contains(#""nameSupplied":true"#) && text.contains(#""nameUncertain":true"#))
        #expect(text.contains(#""dateAsWritten":"[1548 kurz vor Juli 18]""#))
        var outputs: [ReaderOutput] = []
        try JSONLinesReader(input: .text(text), displayName: "letters.jsonl").read { outputs.append($0) }
        #expect(outputs.compactMap(\.warning).isEmpty, "\(outputs.compactMap(\.warning).map(\.message))")
        let letter = try #require(outputs.compactMap(\.letter).first)
        guard case .letter(let original) = Self.records()[2] else { return }
        #expect(letter.from == original.from)
        #expect(letter.to == original.to)
        #expect(letter.dateAsWritten == original.dateAsWritten)
        #expect(letter.receivedAsWritten == original.receivedAsWritten)
    }

    @Test("a line that is not JSON is rejected with the column where it stops being JSON")
    func notJSON() throws {
        let lines = """
            {"type":"chancery-dataset","version":1}
            {"type":"letter", "subject": "x",,}
            """
        var outputs: [ReaderOutput] = []
        try JSONLinesReader(input: .text(lines), displayName: "letters.jsonl").read { outputs.append($0) }
        let reason = try #require(outputs.compactMap(\.rejected).first?.reason)
        #expect(reason.hasPrefix("the line is not valid JSON: unexpected text at column 34"), "\(reason)")
    }

    @Test("a legacy open end (1548-10-27/?) is read in its 2019 form, with a warning, in CSV and JSON Lines")
    func legacyOpenEnd() throws {
        let csv = try CSVTestFile.read("key,sender,addressee,senderDate\n1,A,B,1548-10-27/?\n")
        #expect(csv.compactMap(\.letter).first?.date == "1548-10-27/")
        #expect(csv.compactMap(\.warning).contains { $0.message.contains("pre-2019 form 1548-10-27/?") })
        let lines = """
            {"type":"chancery-dataset","version":1}
            {"type":"letter","from":[{"name":"A"}],"to":[{"name":"B"}],"date":"1548-10-27/?","subject":"S"}
            """
        var outputs: [ReaderOutput] = []
        try JSONLinesReader(input: .text(lines), displayName: "letters.jsonl").read { outputs.append($0) }
        #expect(outputs.compactMap(\.warning).map(\.location.line) == [2])
        #expect(outputs.compactMap(\.warning).first?.message.hasPrefix("date: pre-2019 form") == true)
    }
}
