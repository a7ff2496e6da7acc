@testable import ChanceryModel
@testable import ChanceryRendering
import Foundation
import Testing

@Suite("Stored dates' JSON, remembered")
struct StoredDateJSONTests {
    private static let forms = ["2022-03-14", "2022-03", "2022", "2022-03-1X", "2022-03-14?", "2022-03~", "2022-03-14%",
                                "2022-03-01/2022-03-20", "[2022-03-01..2022-03-20]", "1945-21", "-0044-03-15", "0999"]

    private static func written(_ edtf: String) -> (ok: Bool, json: String) {
        var writer = CompactJSONWriter(capacity: 64)
        let ok = StoredDateJSON.write(edtf: edtf, to: &writer)
        return (ok, String(decoding: writer.finish(), as: UTF8.self))
    }

    @Test("the first and every later write equal JSONEncoder's date, for every kind of date")
    func sameAsEncoder() throws {
        let encoder = CompactJSONWriter.apiEncoder()
        for edtf in Self.forms {
            let date = try #require(UncertainDate.stored(edtf), "\(edtf)")
            let expected = String(decoding: try encoder.encode(date), as: UTF8.self)
            let first = Self.written(edtf), second = Self.written(edtf)
            #expect(first.ok && second.ok)
            #expect(first.json == expected, "\(edtf)")
            #expect(second.json == expected, "\(edtf)")
        }
    }

    @Test("text that is no stored date writes nothing, and stays refused")
    func refused() {
        for text in ["", "yesterday", "2022-13-45"] {
            #expect(Self.written(text) == (false, ""))
            #expect(Self.written(text) == (false, ""))
        }
    }

    @Test("a full table starts afresh and still answers")
    func startsAfresh() throws {
        for day in 0..<(StoredDateJSON.capacity + 10) {
            let text = String(format: "%04d-%02d-%02d", 1000 + day / 336, 1 + day / 28 % 12, 1 + day % 28)
            #expect(Self.written(text).ok, "\(text)")
            #expect(StoredDateJSON.count <= StoredDateJSON.capacity)
        }
        let expected = String(decoding: try CompactJSONWriter.apiEncoder().encode(try #require(UncertainDate.stored("2022-03-14"))), as: UTF8.self)
        #expect(Self.written("2022-03-14").json == expected)
    }
}
