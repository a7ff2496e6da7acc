@testable import ChanceryModel
@testable import ChanceryRendering
import Foundation
import Testing

/// `GET /v1/letters/{ref}` is written without JSONEncoder; every byte must equal what the API's
/// encoder writes, whichever optional parts a letter has.
@Suite("A letter's detail written by hand, byte for byte as JSONEncoder")
struct LetterDetailJSONTests {
    private func expectSameBytes(_ letter: LetterDetail, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let encoded = String(decoding: try CompactJSONWriter.apiEncoder().encode(letter), as: UTF8.self)
        let written = String(decoding: letter.compactJSON, as: UTF8.self)
        #expect(written == encoded, sourceLocation: sourceLocation)
    }

    /// A letter with every optional part given (`full`) or none.
    private func letter(_ text: String, full: Bool) -> LetterDetail {
        let date = UncertainDate.stored(full ? "2022-05-12?" : "2022")!
        let participants = [
            Participant(role: .author, position: 1, name: "Joe Biden " + text, kind: .person,
                        capacity: full ? "President/" + text : nil, onBehalfOf: full ? "United States" : nil, country: full ? "US" : nil,
                        nameAsWritten: full ? text : nil, nameSupplied: full, nameUncertain: full),
            Participant(role: .recipient, position: 1, name: "ហ៊ុន សែន", kind: .person, nameUncertain: full),
            Participant(role: .transmitter, position: 2, name: text, kind: .state, nameSupplied: full),
        ]
        let links = full ? [LinkedLetter(kind: .replyTo, ref: "KH-US-2022-001", subject: text, date: UncertainDate.stored("../2022-05")!),
                            LinkedLetter(kind: .encloses, ref: "US-ASEAN-2022-002", subject: "Enclosure", date: date)] : []
        let sources = full ? [CitedSource(id: 12, kind: .news, title: text, publisher: "Khmer Times", url: "https://example.org/a?b=c&d=/e",
                                          published: UncertainDate.stored("2022-05-13"), quote: "\"" + text + "\""),
                              CitedSource(kind: .officialStatement, title: "Statement")] : [CitedSource(kind: .news, title: text)]
        return LetterDetail(
            ref: "US-KH-2022-001", revision: full ? 12 : 1, kind: full ? .noteVerbale : .letter, date: date,
            received: full ? UncertainDate.stored("2022-05-20/2022-06") : nil, dateAsWritten: full ? "[12 May 2022]" : nil,
            receivedAsWritten: full ? text : nil, subject: text.isEmpty ? "Summit" : text, summary: full ? text + "\n" + text : nil,
            text: full ? String(repeating: text + " ", count: 40) : nil, language: full ? "km" : nil,
            classification: full ? .confidential : .unclassified, sentPlace: full ? "Washington, D.C." : nil,
            sentPlaceGeonamesId: full ? 4_140_963 : nil, receivedPlace: full ? "Phnom Penh" : nil,
            receivedPlaceGeonamesId: full ? 1_821_306 : nil, awaitingReply: full, participants: participants,
            links: links, linkedFrom: full ? Array(links.reversed()) : [], invitations: full ? ["INV-2022-001", text] : [],
            events: full ? ["EV-2022-SUMMIT"] : [], sources: sources,
            origin: full ? RecordOrigin(register: "1fe5b860-9982-432c-b651-e672912c97cc", ref: "US-KH-2022-" + text) : nil)
    }

    @Test("a letter with every optional part, and one with none")
    func fullAndBare() throws {
        for full in [true, false] {
            try expectSameBytes(letter("Special ASEAN–U.S. Summit", full: full))
            try expectSameBytes(letter("", full: full))
        }
    }

    @Test("characters that need escaping, and random texts from a pool of awkward characters, seeded")
    func escaping() throws {
        var texts = (0..<0x20).map { "a" + String(UnicodeScalar(UInt8($0))) + "b" }
        texts += ["\"", "\\", "/", "</script>", "\u{7F}", "\u{2028}\u{2029}", "🇰🇭 ✉︎", "e\u{301}"]
        var generator = SplitMix64(seed: 20_261_204)
        let pool: [Character] = ["a", " ", "\"", "\\", "/", "\n", "\u{0}", "\u{1F}", "é", "ស", "𝄞", "\u{2028}", "{", ":"]
        for _ in 0..<100 {
            texts.append(String((0..<Int.random(in: 0...16, using: &generator)).map { _ in pool.randomElement(using: &generator)! }))
        }
        for text in texts {
            try expectSameBytes(letter(text, full: true))
            try expectSameBytes(letter(text, full: false))
        }
    }
}
