@testable import ChanceryModel
@testable import ChanceryRendering
import Foundation
import Testing

/// `GET /v1/network?format=json` is written without JSONEncoder; every byte must equal what the
/// API's encoder writes.
@Suite("A network written by hand, byte for byte as JSONEncoder")
struct NetworkJSONTests {
    private func expectSameBytes(_ network: CorrespondenceNetwork, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let encoded = String(decoding: try CompactJSONWriter.apiEncoder().encode(network), as: UTF8.self)
        let written = String(decoding: network.compactJSON, as: UTF8.self)
        #expect(written == encoded, sourceLocation: sourceLocation)
    }

    private func network(_ text: String, level: NetworkLevel) -> CorrespondenceNetwork {
        CorrespondenceNetwork(
            level: level,
            nodes: [NetworkNode(id: "actor-1", label: "Joe Biden " + text, kind: "person", country: "US"),
                    NetworkNode(id: "actor-22", label: text, kind: "organization"),
                    NetworkNode(id: "actor-23", label: "einen Amtsbruder " + text, kind: "person", unidentified: true),
                    NetworkNode(id: "actor-24", label: "eine Unbekannte", kind: "person", country: "DE", unidentified: true),
                    NetworkNode(id: text, label: "ហ៊ុន សែន", kind: "state", country: text)],
            edges: [NetworkEdge(source: "actor-1", target: "actor-22", weight: 1),
                    NetworkEdge(source: text, target: "actor-1", weight: 37_355),
                    NetworkEdge(source: "actor-22", target: text, weight: 0)])
    }

    @Test("networks of both levels, an empty one, and texts that need escaping")
    func sameBytes() throws {
        try expectSameBytes(CorrespondenceNetwork(level: .country, nodes: [], edges: []))
        var texts = (0..<0x20).map { "a" + String(UnicodeScalar(UInt8($0))) + "b" }
        texts += ["", "KH", "\"", "\\", "/", "</script>", "\u{7F}", "\u{2028}\u{2029}", "🇰🇭 ✉︎", "e\u{301}", "Côte d’Ivoire"]
        for text in texts {
            try expectSameBytes(network(text, level: .actor))
            try expectSameBytes(network(text, level: .country))
        }
    }
}
