@testable import ChanceryInterchange
@testable import ChanceryModel
import EDTF
import Foundation
import Testing

@Suite("CSV letter reader")
struct CSVLetterReaderTests {
    @Test("every documented column reaches the letter")
    func allColumns() throws {
        let header = [
            "Ref", "Key", "Kind", "Date", "Received", "Sender", "Sender ID", "Sender Kind", "Sender Capacity", "Sender State",
            "Sender Place", "Sender Place ID", "Addressee", "Addressee ID", "Addressee Capacity", "Addressee State", "CC", "CC Kind", "Via",
            "Via Capacity", "Subject", "Summary", "Text", "Language", "Classification", "Reply To", "Encloses", "Forwards",
            "Refers To", "Events", "Source Kind", "Source Title", "Source URL", "Source Quote", "Source Retrieved", "Awaiting Reply",
        ]
        let row = [
            "US-KH-2022-001", "L17", "note-verbale", "2022-01/2022-04", "2022-04?", "Joe Biden", "https://www.wikidata.org/wiki/Q6279",
            "person", "President", "US", "Washington", "https://www.geonames.org/4140963/washington.html", "Hun Sen", "",
            "Prime Minister", "KH", "ASEAN", "organization", "ID", "Country Coordinator", "\"Working with Cambodia, as \"\"Chair\"\"\"", "A summary",
            "\"Line one\nLine two\"", "en", "confidential", "KH-US-2021-009", "US-ID-2022-001|US-ASEAN-2022-001", "", "",
            "ASEAN-US-SUMMIT-2022", "news", "Report", "https://example.org/r", "\"\"\"The US looks forward\"\"\"", "2022-03-03", "yes",
        ]
        #expect(header.count == row.count)
        let text = header.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n"
        let outputs = try CSVTestFile.read(text)
        #expect(outputs.compactMap(\.rejected).isEmpty)
        #expect(outputs.compactMap(\.warning).isEmpty)
        let letter = try #require(outputs.compactMap(\.letter).first)
        #expect(letter.ref == "US-KH-2022-001")
        #expect(letter.key == "L17")
        #expect(letter.provenance == SourceDraft(kind: .archive, title: "letters.csv"))
        #expect(letter.kind == .noteVerbale)
        #expect(letter.date == "2022-01/2022-04")
        #expect(letter.received == "2022-04?")
        #expect(letter.from == [ParticipantDraft(name: "Q6279", capacity: "President", onBehalfOf: "US", nameAsWritten: "Joe Biden")])
        #expect(letter.to == [ParticipantDraft(name: "Hun Sen", capacity: "Prime Minister", onBehalfOf: "KH", nameAsWritten: "Hun Sen")])
        #expect(letter.cc == [ParticipantDraft(name: "ASEAN", nameAsWritten: "ASEAN")])
        #expect(letter.via == [ParticipantDraft(name: "ID", capacity: "Country Coordinator")])
        #expect(letter.subject == "Working with Cambodia, as \"Chair\"")
        #expect(letter.summary == "A summary")
        #expect(letter.text == "Line one\nLine two")
        #expect(letter.language == "en")
        #expect(letter.classification == .confidential)
        #expect(letter.sentPlace == "Washington")
        #expect(letter.sentPlaceGeonamesId == 4_140_963)
        #expect(letter.replyTo == ["KH-US-2021-009"])
        #expect(letter.encloses == ["US-ID-2022-001", "US-ASEAN-2022-001"])
        #expect(letter.forwards.isEmpty && letter.refersTo.isEmpty)
        #expect(letter.events == ["ASEAN-US-SUMMIT-2022"])
        #expect(letter.sources == [SourceDraft(kind: .news, title: "Report", url: "https://example.org/r", quote: "\"The US looks forward\"",
                                               retrieved: "2022-03-03")])
        #expect(letter.awaitingReply)
        // Actors are announced before the letter: the keyed one with its id, the named ones by name;
        // ISO codes (US, KH, ID) name existing states and announce nothing.
        let actors = outputs.compactMap(\.actor)
        #expect(actors.map(\.key) == ["Q6279", nil, nil])
        #expect(actors.map(\.draft) == [
            ActorDraft(kind: .person, name: "Joe Biden", wikidataId: "Q6279"),
            ActorDraft(kind: .person, name: "Hun Sen"),
            ActorDraft(kind: .organization, name: "ASEAN"),
        ])
        #expect(outputs.last?.letter != nil)
    }

    @Test("a CSV2CMI table reads: ids by URL, GeoNames places, edition, key, composed subject")
    func csv2cmiHeader() throws {
        let text = """
            sender,senderID,senderPlace,senderPlaceID,senderDate,addressee,addresseeID,addresseePlace,addresseePlaceID,edition,key
            Johann Sebastian Bach,http://viaf.org/viaf/12304462,Leipzig,http://www.geonames.org/2879139,1730-10-28,Georg Erdmann,\
            http://viaf.org/viaf/3264804,Danzig,http://www.geonames.org/3099434,"Bach-Dokumente Bd. 1, Leipzig 1963",23

            """
        let outputs = try CSVTestFile.read(text, name: "bach.csv")
        #expect(outputs.compactMap(\.rejected).isEmpty)
        let warnings = outputs.compactMap(\.warning)
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("no subject column") == true)
        #expect(warnings.first?.location == RecordLocation(file: "bach.csv", line: 1))
        let actors = outputs.compactMap(\.actor)
        #expect(actors.map(\.key) == ["viaf:12304462", "viaf:3264804"])
        #expect(actors.first?.draft == ActorDraft(kind: .person, name: "Johann Sebastian Bach", viafId: "12304462"))
        let letter = try #require(outputs.compactMap(\.letter).first)
        #expect(letter.from == [ParticipantDraft(name: "viaf:12304462", nameAsWritten: "Johann Sebastian Bach")])
        #expect(letter.to == [ParticipantDraft(name: "viaf:3264804", nameAsWritten: "Georg Erdmann")])
        #expect(letter.date == "1730-10-28")
        #expect(letter.sentPlace == "Leipzig" && letter.sentPlaceGeonamesId == 2_879_139)
        #expect(letter.receivedPlace == "Danzig" && letter.receivedPlaceGeonamesId == 3_099_434)
        #expect(letter.subject == "Letter from Johann Sebastian Bach to Georg Erdmann")
        #expect(letter.sources == [SourceDraft(kind: .edition, title: "Bach-Dokumente Bd. 1, Leipzig 1963")])
        #expect(letter.ref == nil)
        #expect(letter.key == "23")
        // The letter's number belongs to its edition (issue 20): the edition is the provenance.
        #expect(letter.provenance == SourceDraft(kind: .edition, title: "Bach-Dokumente Bd. 1, Leipzig 1963"))
    }

    @Test("one bad row among good ones is rejected alone, with its line, the column and its raw text")
    func oneBadRow() throws {
        let text = """
            ref,date,sender,recipient,subject
            A-1,2022-01,Joe Biden,Hun Sen,"A subject
            over two lines"
            A-2,2022-13,Joe Biden,Hun Sen,Bad month
            A-3,2022-03,Hun Sen,Joe Biden,Reply

            """
        let outputs = try CSVTestFile.read(text)
        let rejected = outputs.compactMap(\.rejected)
        #expect(rejected.count == 1)
        let bad = try #require(rejected.first)
        #expect(bad.location == RecordLocation(file: "letters.csv", line: 4))
        #expect(bad.raw == "A-2,2022-13,Joe Biden,Hun Sen,Bad month")
        #expect(bad.reason.contains("column 'date'"))
        #expect(bad.reason.contains("month 13 out of range"))
        #expect(bad.reason.contains("EDTF"))
        #expect(outputs.compactMap(\.letter).map(\.ref) == ["A-1", "A-3"])
        // The first row announces both actors; the third needs none.
        #expect(outputs.compactMap(\.actor).map(\.draft.name) == ["Joe Biden", "Hun Sen"])
    }

    @Test("a source's day read is a day: anything else names the column and the form")
    func retrievedDay() throws {
        let text = "ref,date,sender,recipient,source_title,source_retrieved\nR-1,2022,A,B,Report|Other,2022-03-03|\nR-2,2022,A,B,Report,03/03/2022\nR-3,2022,A,B,Report,2022-03\nR-4,2022,A,B,Report,0000-03-03\n"
        let outputs = try CSVTestFile.read(text)
        #expect(outputs.compactMap(\.letter).first?.sources.map(\.retrieved) == ["2022-03-03", nil])
        let reasons = outputs.compactMap(\.rejected).map(\.reason)
        #expect(reasons.count == 3)
        #expect(reasons.allSatisfy { $0.contains("column 'source_retrieved'") && $0.contains("2022-05-12") }, "\(reasons)")
    }

    @Test("rows that cannot be letters say which column is wrong and how to fix it")
    func rowProblems() throws {
        let text = """
            ref,kind,date,sender,sender_id,recipient,classification,awaiting_reply,sender_place_id,source_title,source_url
            B-1,lettre,2022,A,,B,,,,,
            B-2,,,A,,B,,,,,
            B-3,,2022,,,B,,,,,
            B-4,,2022,A,Q1|Q2,B,,,,,
            B-5,,2022,A,,B,secretish,,,,
            B-6,,2022,A,,B,,maybe,,,
            B-7,,2022,A,,B,,,Leipzig,,
            B-8,,2022,A,viaf:12ab,B,,,,,
            B-9,,2022,A,,B,,,,,https://example.org
            bad ref!,,2022,A,,B,,,,,
            B-11,,2022,A,,B,,,,,,extra

            """
        let outputs = try CSVTestFile.read(text)
        let rejected = outputs.compactMap(\.rejected)
        let reasons = Dictionary(uniqueKeysWithValues: rejected.map { ($0.location.line, $0.reason) })
        #expect(rejected.count == 10)
        #expect(reasons[2]?.contains("column 'kind': unknown kind 'lettre'. Use one of: letter, note_verbale") == true)
        // A row without a date is an undated letter (issue 20), not a rejection.
        #expect(reasons[3] == nil)
        #expect(outputs.compactMap(\.letter).first { $0.ref == "B-2" }?.date == "XXXX")
        #expect(reasons[4]?.contains("column 'sender' is empty") == true)
        // More ids than names is refused; fewer are paired by position (`shortIDList`, issue 20).
        #expect(reasons[5]?.contains("column 'sender_id' has 2 entries for 1") == true)
        #expect(reasons[6]?.contains("column 'classification'") == true)
        #expect(reasons[7]?.contains("column 'awaiting_reply'") == true)
        #expect(reasons[8]?.contains("column 'sender_place_id'") == true)
        #expect(reasons[9]?.contains("not a VIAF id") == true)
        #expect(reasons[10]?.contains("column 'source_url' is filled but 'source_title' is empty") == true)
        #expect(reasons[11]?.contains("column 'ref'") == true)
        #expect(reasons[12]?.contains("extra value 'extra'") == true)
    }

    @Test("unknown columns give one warning at the header and are ignored; unknown authorities are warned about")
    func warnings() throws {
        let text = """
            ref,date,sender,sender_id,recipient,subject,folio,Remarks
            C-1,2022,Joe Biden,http://id.loc.gov/authorities/names/n80070474,Hun Sen,S,12r,x

            """
        let outputs = try CSVTestFile.read(text)
        let warnings = outputs.compactMap(\.warning)
        #expect(warnings.count == 2)
        #expect(warnings[0].location.line == 1)
        #expect(warnings[0].message.contains("'folio', 'Remarks'"))
        #expect(warnings[1].location.line == 2)
        #expect(warnings[1].message.contains("column 'sender_id'"))
        #expect(outputs.compactMap(\.letter).first?.from == [ParticipantDraft(name: "Joe Biden", nameAsWritten: "Joe Biden")])
    }

    @Test("several senders line up with their ids, kinds and capacities by position")
    func parallelLists() throws {
        let text = """
            ref,date,sender,sender_id,sender_kind,sender_capacity,recipient,recipient_kind,subject
            D-1,2022,Joe Biden|Kamala Harris|Cambodia,Q6279||KH,person|person|,President|Vice President|,ASEAN|US,organization|,Joint letter

            """
        let outputs = try CSVTestFile.read(text)
        #expect(outputs.compactMap(\.rejected).isEmpty)
        let letter = try #require(outputs.compactMap(\.letter).first)
        #expect(letter.from == [
            ParticipantDraft(name: "Q6279", capacity: "President", nameAsWritten: "Joe Biden"),
            ParticipantDraft(name: "Kamala Harris", capacity: "Vice President", nameAsWritten: "Kamala Harris"),
            ParticipantDraft(name: "KH", nameAsWritten: "Cambodia"),
        ])
        #expect(letter.to == [ParticipantDraft(name: "ASEAN", nameAsWritten: "ASEAN"), ParticipantDraft(name: "US")])
        let actors = outputs.compactMap(\.actor)
        #expect(actors.map(\.draft) == [
            ActorDraft(kind: .person, name: "Joe Biden", wikidataId: "Q6279"),
            ActorDraft(kind: .person, name: "Kamala Harris"),
            ActorDraft(kind: .state, name: "Cambodia", isoCode: "KH"),
            ActorDraft(kind: .organization, name: "ASEAN"),
        ])
        #expect(actors.map(\.key) == ["Q6279", nil, "KH", nil])
    }

    @Test("an id list shorter than its name list pairs by position, as CSV2CMI does, with a warning for the line")
    func shortIDList() throws {
        let text = """
            key,edition,sender,senderID,addressee,addresseeID,senderDate
            1,Vol. 1,A|a group of councillors,https://d-nb.info/gnd/118540238,B|C|D,viaf:76361317,1542-05-05
            2,Vol. 1,A,https://d-nb.info/gnd/118540238,B,viaf:76361317|Q6279,1542-05-06

            """
        let outputs = try CSVTestFile.read(text)
        let letters = outputs.compactMap(\.letter)
        #expect(letters.count == 1)
        #expect(letters.first?.from == [ParticipantDraft(name: "gnd:118540238", nameAsWritten: "A"),
                                        ParticipantDraft(name: "a group of councillors", nameAsWritten: "a group of councillors")])
        #expect(letters.first?.to == [ParticipantDraft(name: "viaf:76361317", nameAsWritten: "B"), ParticipantDraft(name: "C", nameAsWritten: "C"),
                                      ParticipantDraft(name: "D", nameAsWritten: "D")])
        #expect(outputs.compactMap(\.actor).map(\.draft) == [
            ActorDraft(kind: .person, name: "A", gndId: "118540238"), ActorDraft(kind: .person, name: "a group of councillors"),
            ActorDraft(kind: .person, name: "B", viafId: "76361317"), ActorDraft(kind: .person, name: "C"), ActorDraft(kind: .person, name: "D"),
        ])
        let warnings = outputs.compactMap(\.warning).filter { $0.message.contains("paired by position") }
        #expect(warnings.map(\.location.line) == [2, 2])
        #expect(warnings.first?.message.contains("column 'senderID' has 1 id for 2 names in 'sender'") == true, "\(warnings)")
        #expect(warnings.first?.message.contains("'a group of councillors' has no id") == true)
        #expect(warnings.last?.message.contains("'C', 'D' have no id") == true)
        // More ids than names cannot be paired: the row is refused.
        #expect(outputs.compactMap(\.rejected).map(\.location.line) == [3])
        #expect(outputs.compactMap(\.rejected).first?.reason.contains("column 'addresseeID' has 2 entries for 1") == true)
    }

    @Test("a place cell listing several places keeps the first with its id, as CMIF reading does, and says which it skipped")
    func severalPlaces() throws {
        let text = """
            key,edition,sender,senderPlace,senderPlaceID,addressee,addresseePlace,addresseePlaceID,senderDate
            178,SpBr-F-6,A,Laubach|Utphe,http://www.geonames.org/2880308|http://www.geonames.org/2818042,B,[Berlin]|[Cölln?],,1680-01-02
            179,SpBr-F-6,A,Frankfurt a. M.,http://www.geonames.org/2925533,B,Pipe \\| Bar,,1680-01-03

            """
        let outputs = try CSVTestFile.read(text)
        let letters = outputs.compactMap(\.letter)
        #expect(letters.map(\.sentPlace) == ["Laubach", "Frankfurt a. M."])
        #expect(letters.map(\.sentPlaceGeonamesId) == [2_880_308, 2_925_533])
        #expect(letters.map(\.receivedPlace) == ["[Berlin]", "Pipe | Bar"])
        let warnings = outputs.compactMap(\.warning).map(\.message).filter { $0.contains("place") }
        #expect(warnings == [
            "column 'senderPlace': 2 places in 'Laubach|Utphe'; Chancery keeps one place of sending: 'Laubach' (GeoNames 2880308) is kept, 'Utphe' skipped",
            "column 'addresseePlace': 2 places in '[Berlin]|[Cölln?]'; Chancery keeps one place of receipt: '[Berlin]' is kept, '[Cölln?]' skipped",
        ])
        // Written back, a place with a bar in its name stays one place.
        let written = try CMIFTestFile.written(letters.map { .letter($0) }, with: CSVLetterWriter())
        #expect(try CSVTestFile.read(written).compactMap(\.letter).map(\.receivedPlace) == ["[Berlin]", "Pipe | Bar"])
    }

    @Test("letter numbers restart in each edition: the edition is the provenance of the key")
    func editionIsProvenance() throws {
        let text = """
            key,edition,provenance,sender,addressee,senderDate
            1,Vol. 1,Register,A,B,1542
            1,Vol. 2,Register,A,B,1543
            1,,Register,A,B,1544

            """
        let letters = try CSVTestFile.read(text).compactMap(\.letter)
        #expect(letters.map(\.provenance) == [SourceDraft(kind: .edition, title: "Vol. 1"), SourceDraft(kind: .edition, title: "Vol. 2"),
                                               SourceDraft(kind: .archive, title: "Register")])
        #expect(letters.map(\.key) == ["1", "1", "1"])
    }

    @Test("rows without ref or key get a key from their content, stable across reads and row insertions")
    func contentKeys() throws {
        let rows = ["2022,A,B,Hello", "2023,B,A,Reply", "2022,A,B,Hello"]
        let first = try CSVTestFile.read("date,sender,recipient,subject\n" + rows.joined(separator: "\n")).compactMap(\.letter)
        let keys = first.compactMap(\.key)
        #expect(keys.count == 3)
        #expect(keys[0].hasPrefix("row-") && keys[0].count == 20)
        #expect(keys[2] == keys[0] + "-2")
        #expect(first.allSatisfy { $0.provenance == SourceDraft(kind: .archive, title: "letters.csv") })
        let inserted = "date,sender,recipient,subject\n2021,C,D,New first row\n" + rows.joined(separator: "\n")
        let second = try CSVTestFile.read(inserted).compactMap(\.letter).compactMap(\.key)
        #expect(Array(second.dropFirst()) == keys)
    }

    @Test("a header without a required column, or an empty file, stops the read")
    func badHeader() throws {
        #expect(throws: ChanceryError.self) { try CSVTestFile.read("ref,sender,recipient\nA,B,C\n") }
        #expect(throws: ChanceryError.self) { try CSVTestFile.read("") }
        #expect(throws: ChanceryError.self) { try CSVTestFile.read("date,senderDate,sender,recipient\n") }
    }

    @Test("the rejects prologue is the header row, as written, so the rejects file imports again")
    func rejectsPrologue() throws {
        let path = try CSVTestFile.write("\u{FEFF}ref;date;sender;recipient;subject\r\nA;2022;X;Y;S\r\n")
        defer { CSVTestFile.remove(path) }
        let reader = CSVLetterReader(path: path, displayName: "x.csv")
        #expect(reader.rejectsPrologue == "ref;date;sender;recipient;subject\n")
        #expect(reader.rejectsEpilogue.isEmpty)
        var letters: [LetterDraft] = []
        try reader.read { if let letter = $0.letter { letters.append(letter) } }
        #expect(letters.map(\.subject) == ["S"])
    }

    @Test("column names ignore case, underscores, hyphens and spaces, and no two columns share a name")
    func columnNames() {
        for name in ["sender_id", "senderID", "Sender ID", "sender-id", "SENDERID"] {
            #expect(CSVColumn.byNormalizedName[CSVColumn.normalized(name)] == .senderID)
        }
        #expect(CSVColumn.byNormalizedName[CSVColumn.normalized("addresseePlaceID")] == .recipientPlaceID)
        #expect(CSVColumn.byNormalizedName[CSVColumn.normalized("addresseeDate")] == .received)
        let names = CSVColumn.allCases.flatMap { [$0.rawValue] + $0.aliases }.map(CSVColumn.normalized)
        #expect(Set(names).count == names.count)
    }

    @Test("the example in docs/interchange-csv.md reads without rejections or warnings")
    func documentedExample() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/interchange-csv.md")
        let markdown = try String(contentsOf: docs, encoding: .utf8)
        let block = try #require(markdown.components(separatedBy: "```csv\n").dropFirst().first?.components(separatedBy: "```").first)
        let outputs = try CSVTestFile.read(block)
        #expect(outputs.compactMap(\.rejected).isEmpty)
        #expect(outputs.compactMap(\.warning).isEmpty)
        let letters = outputs.compactMap(\.letter)
        #expect(letters.map(\.ref) == ["US-KH-2022-001", "KH-US-2022-001"])
        #expect(letters.last?.to == [ParticipantDraft(name: "Q6279", capacity: "President", onBehalfOf: "US")])
        #expect(letters.last?.replyTo == ["US-KH-2022-001"])
    }

    @Test("a side may be given by ids alone")
    func idsAlone() throws {
        let outputs = try CSVTestFile.read("date,sender_id,recipient_id,subject\n2022,Q6279,https://d-nb.info/gnd/118540238,S\n")
        #expect(outputs.compactMap(\.rejected).isEmpty)
        let letter = try #require(outputs.compactMap(\.letter).first)
        #expect(letter.from == [ParticipantDraft(name: "Q6279")])
        #expect(letter.to == [ParticipantDraft(name: "gnd:118540238")])
        // Without a name there is nothing to create: the ids must name existing actors.
        #expect(outputs.compactMap(\.actor).isEmpty)
    }

    @Test("authority ids are read from their usual spellings")
    func authorityIDs() {
        let cases: [(String, CSVActorID.Parsed)] = [
            ("Q6279", .id(.wikidata("Q6279"))), ("q6279", .id(.wikidata("Q6279"))),
            ("https://www.wikidata.org/wiki/Q6279", .id(.wikidata("Q6279"))), ("http://www.wikidata.org/entity/Q6279", .id(.wikidata("Q6279"))),
            ("viaf:76361317", .id(.viaf("76361317"))), ("https://viaf.org/viaf/76361317/", .id(.viaf("76361317"))),
            ("http://viaf.org/viaf/76361317/rdf.xml", .id(.viaf("76361317"))),
            ("gnd:118540238", .id(.gnd("118540238"))), ("https://d-nb.info/gnd/118540238/about/html", .id(.gnd("118540238"))),
            ("118540238", .id(.gnd("118540238"))), ("4015701-0", .id(.gnd("4015701-0"))), ("11854023x", .id(.gnd("11854023X"))),
            ("KH", .id(.iso("KH"))), ("QA", .id(.iso("QA"))),
            ("http://id.loc.gov/authorities/names/n80070474", .unrecognized), ("isni:000000012146438X", .unrecognized),
        ]
        for (token, expected) in cases {
            #expect(CSVActorID.parse(token) == expected, "\(token)")
        }
        for malformed in ["Q12x", "viaf:abc", "https://viaf.org/viaf/", "gnd:12-345", "https://www.wikidata.org/wiki/Cambodia"] {
            if case .malformed = CSVActorID.parse(malformed) {} else { Issue.record("\(malformed) should be malformed") }
        }
        #expect(CSVGeoNamesID.parse("2879139") == 2_879_139)
        #expect(CSVGeoNamesID.parse("https://sws.geonames.org/2879139/") == 2_879_139)
        #expect(CSVGeoNamesID.parse("http://www.geonames.org/2879139/leipzig.html") == 2_879_139)
        #expect(CSVGeoNamesID.parse("Leipzig") == nil)
    }
}
