@testable import ChanceryCore
import ChanceryModel
import Testing

/// A kept network of states takes in the pairs counted again since it was read.
@Suite("Merging pairs counted again into a network")
struct NetworkEdgeMergeTests {
    static func edges(_ spec: String) -> [NetworkEdge] {
        spec.split(separator: " ").map { item in
            let parts = item.split(separator: ":")
            return NetworkEdge(source: String(parts[0].prefix(2)), target: String(parts[0].suffix(2)), weight: Int(parts[1])!)
        }
    }

    @Test("pairs are added, replaced and taken out in their places", arguments: [
        ("AAUS:1 CNUS:2 USCN:3", "", "AAUS:1 CNUS:2 USCN:3", false),
        ("CNUS:2 USCN:3", "AAAA:4", "AAAA:4 CNUS:2 USCN:3", false),
        ("CNUS:2 USCN:3", "ZZZZ:4", "CNUS:2 USCN:3 ZZZZ:4", false),
        ("CNUS:2 USCN:3", "CNUT:1", "CNUS:2 CNUT:1 USCN:3", false),
        ("CNUS:2 USCN:3", "CNUS:7", "CNUS:7 USCN:3", false),
        ("CNUS:2 USCN:3 ZZZZ:1", "AAAA:1 CNUS:0 USCN:4 ZZZA:2", "AAAA:1 USCN:4 ZZZA:2 ZZZZ:1", true),
        // Nought for a pair the network never had (the copies counted, not the addressed).
        ("CNUS:2", "CNUT:0", "CNUS:2", false),
        ("", "CNUS:1 USCN:0", "CNUS:1", false),
    ])
    func merging(kept: String, changed: String, expected: String, removed: Bool) {
        let merged = NetworkEdge.merging(Self.edges(kept), with: Self.edges(changed))
        #expect(merged.edges == Self.edges(expected))
        #expect(merged.removedAny == removed)
    }
}
