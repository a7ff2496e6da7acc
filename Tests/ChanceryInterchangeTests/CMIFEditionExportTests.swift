@testable import ChanceryInterchange
@testable import ChanceryModel
import Foundation
import Testing

/// Letters imported from an edition keep their number there and the edition through a CMIF or
/// TEI export, so that the edition given again later finds them instead of adding them twice.
@Suite("CMIF and TEI exports keep each letter's edition and number")
struct CMIFEditionExportTests {
    /// An archive's register of letters: CMIF calls it printed, `@subtype` keeps its kind.
    static let printed = SourceDraft(kind: .archive, title: "Briefe aus der Frankfurter Zeit, Band 1 & 2")
    static let online = SourceDraft(kind: .edition, title: "Briefwechsel online", url: "https://example.org/briefe?band=1&x=2")

    /// A letter from each edition (both numbered 71: two editions may share numbers) and one
    /// logged in the register itself.
    static func records() throws -> [DatasetRecord] {
        func letter(_ ref: String, key: String?, edition: SourceDraft?) -> LetterDraft {
            var letter = LetterDraft()
            letter.ref = ref
            letter.key = key
            letter.provenance = edition
            letter.from = [ParticipantDraft(name: "Hun Sen")]
            letter.to = [ParticipantDraft(name: "Joe Biden")]
            letter.date = "2022-03-01"
            letter.subject = "A letter"
            if let edition { letter.sources = [edition] }
            return letter
        }
        let actors = try CMIFTestFile.foundingExample().filter { if case .actor = $0 { true } else { false } }
        return actors + [
            .letter(letter("XX-XX-1666-001", key: "71", edition: printed)),
            .letter(letter("XX-XX-1666-002", key: "71", edition: online)),
            .letter(letter("KH-US-2022-009", key: nil, edition: nil)),
        ]
    }

    static func header() -> CMIFExportHeader {
        var header = CMIFWriterTests.header
        header.add(editions: [printed, online, printed])
        return header
    }

    @Test("CMIF: the number as @key under the edition's bibl, the reference in a note; valid CMIF")
    func cmifKeepsEditions() throws {
        let text = try CMIFTestFile.written(try Self.records(), with: CorrespDescWriter.cmif(header: Self.header()))
        let printedID = try #require(Self.header().editionID(for: Self.printed))
        let onlineID = try #require(Self.header().editionID(for: Self.online))
        #expect(printedID != onlineID)
        // The id is the same in every export of the edition, as CMIF asks of a bibl's id.
        #expect(printedID == CMIFExportHeader(title: "another").editionIDAfterAdding(Self.printed))
        #expect(text.contains(#"<bibl type="print" subtype="archive" xml:id="\#(printedID)">Briefe aus der Frankfurter Zeit, Band 1 &amp; 2</bibl>"#))
        #expect(text.contains(#"<bibl type="online" subtype="edition" xml:id="\#(onlineID)">Briefwechsel online<ref target="https://example.org/briefe?band=1&amp;x=2"/></bibl>"#))
        #expect(text.components(separatedBy: "xml:id=\"\(printedID)\"").count == 2, "each edition listed once")
        #expect(text.contains(##"<correspDesc key="71" source="#\##(printedID)">"##))
        #expect(text.contains(##"<correspDesc key="71" source="#\##(onlineID)">"##))
        #expect(text.contains(#"<note type="chancery-reference">XX-XX-1666-002</note>"#))
        #expect(text.contains(##"<correspDesc key="KH-US-2022-009" source="#chancery-export">"##))
        if let lint = try CMIFTestFile.xmllint(["--noout", "--relaxng", CMIFTestFile.schema], text) {
            #expect(lint.status == 0, "\(lint.messages)")
        }
        // The edition is cited as CMIF's @source says; the export's own bibl is no source of a letter.
        try Self.expectReadBack(text)
    }

    /// The file reads back into the three letters with their references, editions and numbers.
    static func expectReadBack(_ text: String) throws {
        let read = CMIFOutputs(try CMIFTestFile.read(text))
        #expect(read.rejected.isEmpty)
        #expect(read.warnings.isEmpty, "\(read.warnings)")
        #expect(read.letters.map(\.ref) == ["XX-XX-1666-001", "XX-XX-1666-002", "KH-US-2022-009"])
        #expect(read.letters.map(\.key) == ["71", "71", nil])
        #expect(read.letters.map(\.provenance) == [Self.printed, Self.online, nil])
        #expect(read.letters.map(\.sources) == [[Self.printed], [Self.online], []])
    }

    @Test("full TEI: the reference as @key, the edition and number in a provenance note")
    func teiKeepsEditions() throws {
        let text = try CMIFTestFile.written(try Self.records(), with: CorrespDescWriter.tei(header: Self.header()))
        #expect(text.contains(#"<idno type="key">71</idno></note>"#))
        #expect(!text.contains("chancery-reference"))
        if let lint = try CMIFTestFile.xmllint(["--noout"], text) {
            #expect(lint.status == 0, "\(lint.messages)")
        }
        try Self.expectReadBack(text)
    }

    @Test("a provenance note without the letter's number is named and skipped")
    func provenanceNeedsANumber() throws {
        let text = try CMIFTestFile.written(try Self.records(), with: CorrespDescWriter.tei(header: Self.header()))
            .replacingOccurrences(of: #"<idno type="key">71</idno>"#, with: "")
        let read = CMIFOutputs(try CMIFTestFile.read(text))
        #expect(read.letters.map(\.key) == [nil, nil, nil])
        #expect(read.warnings.filter { $0.message.contains("provenance note needs") }.count == 2, "\(read.warnings)")
    }
}

extension CMIFExportHeader {
    /// The id `edition` gets in this header once added.
    func editionIDAfterAdding(_ edition: SourceDraft) -> String? {
        var header = self
        header.add(editions: [edition])
        return header.editionID(for: edition)
    }
}
