@testable import ChanceryInterchange
@testable import ChanceryModel
import EDTF
import Foundation
import Testing

@Suite("CMIF reader")
struct CMIFReaderTests {
    @Test("the copied fixtures match the shared originals when those are present")
    func fixturesAreCurrent() throws {
        for name in ["example01_basic.xml", "example02_cmi-with-printed-edition.xml", "cmi-customization.rng"] {
            let original = CMIFTestFile.sharedFixtures.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: original) else { continue }
            let same = FileManager.default.contentsEqual(atPath: original, andPath: CMIFTestFile.fixture(name))
            #expect(same, "\(name) differs from ../shared: copy it again")
        }
    }

    @Test("example 1 (digital edition): letters, GND actors, the edition as source and provenance")
    func digitalEdition() throws {
        let read = CMIFOutputs(try CMIFTestFile.read(path: CMIFTestFile.fixture("example01_basic.xml"), name: "example01.xml"))
        #expect(read.rejected.isEmpty)
        #expect(read.warnings.isEmpty)
        #expect(read.letters.count == 3)
        #expect(read.actors.map(\.key) == ["gnd:118814044", "gnd:118629662", "gnd:116113669", nil])
        #expect(read.actors.map(\.draft.gndId) == ["118814044", "118629662", "116113669", nil])
        #expect(read.actors.map(\.draft.name)
            == ["Gänsbacher, Johann", "Weber, Carl Maria von", "Dietrichstein, Moritz von", "Pastenaci, E."])
        #expect(read.actors.allSatisfy { $0.draft.kind == .person })

        let first = read.letters[0]
        #expect(first.ref == nil)
        #expect(first.key == "http://www.weber-gesamtausgabe.de/A044980")
        #expect(first.provenance == SourceDraft(
            kind: .edition, title: "Example of correspondence descriptions from the Carl-Maria-von-Weber-Gesamtausgabe",
            url: "https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/examples/example01_basic.xml"))
        #expect(first.sources.count == 1)
        #expect(first.sources.first?.kind == .edition)
        #expect(first.sources.first?.url == "http://www.weber-gesamtausgabe.de")
        #expect(first.sources.first?.title.hasPrefix("Carl-Maria-von-Weber-Gesamtausgabe. Digitale Edition, http://") == true)
        #expect(first.from == [ParticipantDraft(name: "gnd:118814044", nameAsWritten: "Gänsbacher, Johann")])
        #expect(first.to == [ParticipantDraft(name: "gnd:118629662", nameAsWritten: "Weber, Carl Maria von")])
        // cert="medium" makes both ends of the interval uncertain.
        #expect(first.date == "1810-07-11?/1810-07-18?")
        #expect(first.received == "1810-07-18")
        #expect(first.receivedPlace == "Mannheim")
        #expect(first.receivedPlaceGeonamesId == 2873891)
        #expect(first.subject == "Letter from Gänsbacher, Johann to Weber, Carl Maria von")

        // The second letter's receipt is undated: only its sending date is kept.
        #expect(read.letters[1].date == "1825-05-07")
        #expect(read.letters[1].received == nil)
        #expect(read.letters[1].sentPlaceGeonamesId == 2935022)
        #expect(read.letters[2].to == [ParticipantDraft(name: "Pastenaci, E.", nameAsWritten: "Pastenaci, E.")])
    }

    @Test("example 2 (print edition): @key letters, a VIAF actor, the book as source")
    func printEdition() throws {
        let outputs = try CMIFTestFile.read(path: CMIFTestFile.fixture("example02_cmi-with-printed-edition.xml"), name: "example02.xml")
        let read = CMIFOutputs(outputs)
        #expect(read.rejected.isEmpty)
        #expect(read.letters.map(\.key) == ["631", "632", "633"])
        #expect(read.actors.map(\.key) == ["gnd:118805193", "viaf:59894734", "gnd:11855073X"])
        #expect(read.actors[1].draft.viafId == "59894734")
        #expect(read.actors[1].draft.gndId == nil)
        #expect(read.letters[0].to == [ParticipantDraft(name: "viaf:59894734", nameAsWritten: "Melchior von Birkenstock")])
        // cert="high" is sure: no qualifier.
        #expect(read.letters[0].received == "1792-12-26")
        let source = try #require(read.letters[0].sources.first)
        #expect(source.kind == .book)
        #expect(source.url == nil)
        // Line breaks inside the bibl are normalised away.
        #expect(source.title.hasPrefix("Samuel Thomas Soemmerring. Briefwechsel November 1792 – April 1805. Hrsg. u. erl. v. "))
        // Actors come before the first letter naming them, once per file.
        let kinds = outputs.compactMap { output -> String? in
            if case .item(let item) = output { return item.record.typeName } else { return nil }
        }
        #expect(kinds == ["actor", "actor", "letter", "actor", "letter", "letter"])
        #expect(read.items[0].location.element == "/TEI/teiHeader/profileDesc/correspDesc[1]")
        #expect(read.items.last?.location.element == "/TEI/teiHeader/profileDesc/correspDesc[3]")
        #expect(read.items.last?.location.file == "example02.xml")
    }

    @Test("TEI date attributes become EDTF", arguments: [
        (#"<date notBefore="1810-07-11" notAfter="1810-07-18"/>"#, "1810-07-11/1810-07-18"),
        (#"<date notBefore="1810-07-11"/>"#, "1810-07-11/"),
        (#"<date notAfter="1810-07-18"/>"#, "/1810-07-18"),
        (#"<date from="1810-07" to="1810-08"/>"#, "1810-07/1810-08"),
        (#"<date when="1810"/>"#, "1810"),
        (#"<date when="1810-07" cert="low"/>"#, "1810-07?"),
        (#"<date when="1810-07-18T09:30:00"/>"#, "1810-07-18"),
        (#"<date notAfter="1810-07-18" cert="low"/>"#, "/1810-07-18?"),
        (#"<date when="2022-06~" when-custom="2022-06~" datingMethod="https://www.loc.gov/standards/datetime/"/>"#, "2022-06~"),
    ])
    func dates(element: String, edtf: String) throws {
        let read = CMIFOutputs(try CMIFTestFile.read(CMIFTestFile.document(CMIFTestFile.letter(date: element))))
        #expect(read.rejected.map(\.reason) == [])
        #expect(read.letters.first?.date == edtf)
    }

    @Test("a letter dated only by its receipt was sent no later than that")
    func receivedOnly() throws {
        let text = CMIFTestFile.document("""
            <correspDesc key="9" source="#ed">
              <correspAction type="sent"><persName>A</persName></correspAction>
              <correspAction type="received"><persName>B</persName><date notBefore="1810-07-11" notAfter="1810-07-18"/></correspAction>
            </correspDesc>
            """)
        let letter = try #require(CMIFOutputs(try CMIFTestFile.read(text)).letters.first)
        #expect(letter.date == "/1810-07-18")
        #expect(letter.received == "1810-07-11/1810-07-18")
    }

    @Test("a letter with no date at all is recorded undated (XXXX), to be dated later")
    func undated() throws {
        let read = CMIFOutputs(try CMIFTestFile.read(CMIFTestFile.document(CMIFTestFile.letter(date: ""))))
        #expect(read.rejected.isEmpty)
        let letter = try #require(read.letters.first)
        #expect(letter.date == "XXXX")
        #expect(letter.dateAsWritten == nil)
        #expect(!read.actors.isEmpty)
    }

    @Test("a bad date rejects the letter, naming the element path and the attribute")
    func badDate() throws {
        let read = CMIFOutputs(try CMIFTestFile.read(CMIFTestFile.document(CMIFTestFile.letter(date: #"<date when="1810-13-01"/>"#))))
        let rejected = try #require(read.rejected.first)
        #expect(rejected.reason == "invalid date at /TEI/teiHeader/profileDesc/correspDesc[1]/correspAction[1]/date[1] "
            + "@when='1810-13-01': month 13 out of range")
        let reversed = CMIFOutputs(try CMIFTestFile.read(CMIFTestFile.document(CMIFTestFile.letter(
            date: #"<date notBefore="1810-07-18" notAfter="1810-07-11"/>"#))))
        #expect(reversed.rejected.first?.reason.contains("interval ends before it starts") == true)
    }

    @Test("an unknown element is a warning with its path; the letter is still read")
    func unknownElement() throws {
        let read = CMIFOutputs(try CMIFTestFile.read(CMIFTestFile.document(CMIFTestFile.letter(
            date: #"<date when="1810"/><settlement>Prague</settlement>"#,
            extra: #"<correspAction type="forwarded"><persName>C</persName></correspAction>"#))))
        #expect(read.letters.count == 1)
        #expect(read.warnings.map(\.location.element) == [
            "/TEI/teiHeader/profileDesc/correspDesc[1]/correspAction[1]/settlement[1]",
            "/TEI/teiHeader/profileDesc/correspDesc[1]/correspAction[3]",
        ])
        #expect(read.warnings.first?.message == "<settlement> is not read by Chancery; skipped")
        #expect(read.warnings.first?.location.file == "letters.xml")
    }

    @Test("language, places, other authorities, links and notes")
    func details() throws {
        let text = CMIFTestFile.document("""
            <correspDesc ref="https://example.org/letters/2" source="#ed">
              <correspAction type="sent">
                <orgName ref="https://www.wikidata.org/wiki/Q7768">ASEAN</orgName>
                <placeName ref="https://sws.geonames.org/1821306/">Phnom Penh</placeName>
                <date when="2022-03"/>
              </correspAction>
              <correspAction type="received">
                <persName ref="http://id.loc.gov/authorities/names/n79021350">Somebody</persName>
                <placeName ref="https://www.geonames.org/4140963/washington.html">Washington</placeName>
              </correspAction>
              <correspContext>
                <ref type="prev" target="https://example.org/letters/1"/>
                <ref type="next" target="https://example.org/letters/3"/>
              </correspContext>
              <note>Thanks for the
                invitation.</note>
              <note><ref type="https://lod.academy/cmif/vocab/terms#hasLanguage" target="en"/></note>
            </correspDesc>
            """)
        let read = CMIFOutputs(try CMIFTestFile.read(text))
        let letter = try #require(read.letters.first)
        #expect(letter.key == "https://example.org/letters/2")
        #expect(letter.from == [ParticipantDraft(name: "Q7768", nameAsWritten: "ASEAN")])
        #expect(read.actors.first?.draft.kind == .organization)
        #expect(read.actors.first?.draft.wikidataId == "Q7768")
        #expect(letter.sentPlaceGeonamesId == 1821306)
        #expect(letter.receivedPlaceGeonamesId == 4140963)
        #expect(letter.language == "en")
        #expect(letter.replyTo == ["https://example.org/letters/1"])
        #expect(letter.summary == "Thanks for the invitation.")
        #expect(letter.subject == "Thanks for the invitation.")
        // A LoC URI is no id Chancery matches: the name is used and the URI kept in the note.
        #expect(letter.to == [ParticipantDraft(name: "Somebody", nameAsWritten: "Somebody")])
        #expect(read.actors.last?.key == nil)
        #expect(read.actors.last?.draft.note == "Authority: http://id.loc.gov/authorities/names/n79021350")
        #expect(read.warnings.count == 1)
    }

    @Test("malformed XML throws, naming the file and the line")
    func malformed() throws {
        let text = CMIFTestFile.document(CMIFTestFile.letter(date: #"<date when="1810">"#))
        let path = try CMIFTestFile.write(text)
        defer { CMIFTestFile.remove(path) }
        let error = try #require(throws: ChanceryError.self) { try CMIFTestFile.read(path: path, name: "broken.xml") }
        #expect(error.kind == .invalidInput)
        #expect(error.message.hasPrefix("'broken.xml' is not well-formed XML: line 21, column"))
        #expect(error.message.hasSuffix("a closing tag does not match the element it closes"))
    }

    @Test("a file cut short names the element left open; a file that is not XML says so")
    func cutShortOrNotXML() throws {
        let cut = #"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><correspDesc><correspAction type="sent"><persName>X</persName>"#
        let error = try #require(throws: ChanceryError.self) { try CMIFTestFile.read(cut) }
        #expect(error.message.contains("before /TEI/teiHeader/profileDesc/correspDesc[1]/correspAction[1] is closed, with 5 elements open"),
                "\(error.message)")
        #expect(error.hint?.contains("cut short") == true)
        let csv = try #require(throws: ChanceryError.self) { try CMIFTestFile.read("a,b\n1,2\n") }
        #expect(csv.message.hasSuffix("no XML element starts the document ('<' expected)"), "\(csv.message)")
        #expect(csv.hint == "Leave the format unnamed to have it read off the file's content (CSV, JSON Lines or XML).")
    }

    @Test("a file that is not TEI, or is missing, throws")
    func notTEI() throws {
        let error = try #require(throws: ChanceryError.self) { try CMIFTestFile.read("<html><body/></html>") }
        #expect(error.message == "'letters.xml' is not a TEI document: its root element is <html>")
        let missing = try #require(throws: ChanceryError.self) { try CMIFTestFile.read(path: "/nonexistent/x.xml") }
        #expect(missing.kind == .notFound)
    }

    @Test("rejected correspDescs fit into a rejects file that is a CMIF document again")
    func rejectsFile() throws {
        let path = try CMIFTestFile.write(CMIFTestFile.document(CMIFTestFile.letter(date: #"<date when="18100"/>"#)))
        defer { CMIFTestFile.remove(path) }
        let reader = CMIFReader(path: path, displayName: "letters.xml")
        let rejected = try #require(CMIFOutputs(try CMIFTestFile.read(path: path)).rejected.first)
        let rejects = reader.rejectsPrologue + rejected.raw + "\n" + reader.rejectsEpilogue
        #expect(rejects.contains("<title>Test edition</title>"))
        #expect(rejects.contains(#"<bibl type="online" xml:id="ed">"#))
        // Read again, the rejects file holds the same one bad letter.
        let again = CMIFOutputs(try CMIFTestFile.read(rejects))
        #expect(again.rejected.map(\.raw) == [rejected.raw])
        if let lint = try CMIFTestFile.xmllint(["--noout"], rejects) {
            #expect(lint.status == 0, "\(lint.messages)")
        }
    }
}
