@testable import ChanceryModel
@testable import ChanceryRendering
import Foundation
import Testing

/// The letter listing is written without JSONEncoder; clients must not be able to tell: every
/// byte equals what the API's encoder (compact, sorted keys, slashes unescaped) writes.
@Suite("JSON written by hand, byte for byte as JSONEncoder")
struct CompactJSONWriterTests {
    private func encoded(_ items: [LetterSummary], nextCursor: String?) throws -> String {
        return String(decoding: try CompactJSONWriter.apiEncoder().encode(Page(items: items, nextCursor: nextCursor)), as: UTF8.self)
    }

    private func written(_ items: [LetterSummary], nextCursor: String?) -> String {
        String(decoding: LetterSummary.pageJSON(items, nextCursor: nextCursor), as: UTF8.self)
    }

    private func summary(_ text: String, date: String = "2022-05-12", names: [String] = ["Joe Biden"]) -> LetterSummary {
        LetterSummary(ref: "US-KH-2022-001/\(text)", kind: .noteVerbale, date: UncertainDate.stored(date)!, subject: text,
                      from: names, to: [text], cc: [], via: names.reversed())
    }

    @Test("the founding example's kinds of dates, names and an empty page, with and without a next cursor")
    func ordinaryPages() throws {
        let dates = ["2022-05-12", "2022-05", "2022", "2022-05-12?", "2022-05~", "2022-05-01/2022-05-31", "../2022-05-12",
                     "2022-05-12/..", "XXXX", "1541-07-18", "2022-21", "[2022-05-12,2022-05-14]"]
        let items = dates.compactMap { UncertainDate.stored($0) == nil ? nil : summary("Special ASEAN–U.S. Summit", date: $0) }
        #expect(items.count >= 8)
        let names = ["ហ៊ុន សែន", "Joko Widodo", "ASEAN", ""]
        let mixed = items + [summary("Letter", names: names), summary("", names: [])]
        for cursor in [nil, "b2Zmc2V0PTUw", "a/b+c="] {
            #expect(written(mixed, nextCursor: cursor) == (try encoded(mixed, nextCursor: cursor)))
            #expect(written([], nextCursor: cursor) == (try encoded([], nextCursor: cursor)))
        }
    }

    @Test("every character that needs escaping, and text around it")
    func escaping() throws {
        var texts = (0..<0x20).map { "a" + String(UnicodeScalar(UInt8($0))) + "b" }
        texts += ["\"", "\\", "/", "</script>", "\u{7F}", "\u{2028}\u{2029}", "🇰🇭 ✉︎", "e\u{301}", "\"quoted\" \\path\\", "\r\n\t"]
        let items = texts.map { summary($0, names: [$0, "x" + $0]) }
        #expect(written(items, nextCursor: texts.joined()) == (try encoded(items, nextCursor: texts.joined())))
    }

    @Test("a character that needs escaping at every place of a longer plain text")
    func escapingAtEveryPlace() throws {
        let plain = Array("Condolences on the passing of the former Prime Minister of Cambodia".utf8)
        for awkward in ["\"", "\\", "\n", "\u{1}", "\u{1F}"] {
            for place in 0...plain.count {
                var text = plain
                text.insert(contentsOf: Array(awkward.utf8), at: place)
                let string = String(decoding: text, as: UTF8.self)
                let items = [summary(string, names: [string])]
                #expect(written(items, nextCursor: nil) == (try encoded(items, nextCursor: nil)), "\(string.debugDescription)")
            }
        }
    }

    @Test("random texts from a pool of awkward characters, seeded")
    func randomTexts() throws {
        var generator = SplitMix64(seed: 20_221_204)
        let pool: [Character] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "ស", "€", "𝄞", "\u{2028}", "{", "}", ":", ","]
        for _ in 0..<200 {
            let text = String((0..<Int.random(in: 0...64, using: &generator)).map { _ in pool.randomElement(using: &generator)! })
            let items = [summary(text, names: [text, String(text.reversed())])]
            #expect(written(items, nextCursor: text) == (try encoded(items, nextCursor: text)), "\(text.debugDescription)")
        }
    }
}

/// A small seeded generator, so a failing text can be found again.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
