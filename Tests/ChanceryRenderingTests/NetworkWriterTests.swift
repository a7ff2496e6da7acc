@testable import ChanceryRendering
@testable import ChanceryModel
import ChanceryInterchange
import EDTF
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Counts the elements of a GEXF document and keeps the attributes the tests look at.
private final class GEXFCounter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var namespace: String?
    var edgeType: String?
    var weights: [String] = []
    var labels: [String] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        if name == "gexf" { namespace = attributes["xmlns"] }
        if name == "graph" { edgeType = attributes["defaultedgetype"] }
        if name == "edge", let weight = attributes["weight"] { weights.append(weight) }
        if name == "node", let label = attributes["label"] { labels.append(label) }
    }

    static func parse(_ text: String) -> (GEXFCounter, Bool) {
        let counter = GEXFCounter()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = counter
        return (counter, parser.parse())
    }
}

@Suite("Network writers")
struct NetworkWriterTests {
    /// Names that break naive writers: quotes, backslashes, markup, a line break.
    private static let awkward = CorrespondenceNetwork(
        level: .actor,
        nodes: [NetworkNode(id: "actor-1", label: "Ministry \"Foreign\" <Affairs> & Co\\", kind: "organization", country: nil),
                NetworkNode(id: "actor-2", label: "Line\nbreak", kind: "person", country: "KH")],
        edges: [NetworkEdge(source: "actor-1", target: "actor-2", weight: 3), NetworkEdge(source: "actor-2", target: "actor-1", weight: 1)])

    /// The founding example's networks as `NetworkService` reads them (its own tests check that).
    private static func foundingExample(_ level: NetworkLevel) -> CorrespondenceNetwork {
        switch level {
        case .actor:
            return CorrespondenceNetwork(
                level: .actor,
                nodes: [NetworkNode(id: "actor-1", label: "Joe Biden", kind: "person", country: "US"),
                        NetworkNode(id: "actor-2", label: "Hun Sen", kind: "person", country: "KH"),
                        NetworkNode(id: "actor-3", label: "ASEAN", kind: "organization", country: nil)],
                edges: [NetworkEdge(source: "actor-1", target: "actor-2", weight: 1),
                        NetworkEdge(source: "actor-2", target: "actor-1", weight: 1),
                        NetworkEdge(source: "actor-1", target: "actor-3", weight: 1)])
        case .country:
            return CorrespondenceNetwork(
                level: .country,
                nodes: [NetworkNode(id: "US", label: "United States", kind: "state", country: "US"),
                        NetworkNode(id: "KH", label: "Cambodia", kind: "state", country: "KH")],
                edges: [NetworkEdge(source: "US", target: "KH", weight: 1), NetworkEdge(source: "KH", target: "US", weight: 1)])
        }
    }

    @Test("GEXF of the founding example parses, with as many nodes and edges as the network")
    func gexfFoundingExample() throws {
        for level in NetworkLevel.allCases {
            let network = Self.foundingExample(level)
            let (counter, parsed) = GEXFCounter.parse(GEXFWriter().write(network))
            #expect(parsed)
            #expect(counter.namespace == "http://gexf.net/1.3")
            #expect(counter.edgeType == "directed")
            #expect(counter.elements["node"] == network.nodes.count)
            #expect(counter.elements["edge"] == network.edges.count)
            #expect(counter.elements["attribute"] == 3)
        }
    }

    @Test("an unidentified actor is marked in GEXF (a boolean attribute, false by default) and drawn dashed in DOT")
    func unidentifiedNodes() throws {
        let network = CorrespondenceNetwork(
            level: .actor,
            nodes: [NetworkNode(id: "actor-1", label: "Philipp Jakob Spener", kind: "person"),
                    NetworkNode(id: "actor-2", label: "einen Amtsbruder", kind: "person", unidentified: true)],
            edges: [NetworkEdge(source: "actor-1", target: "actor-2", weight: 150)])
        let gexf = GEXFWriter().write(network)
        #expect(GEXFCounter.parse(gexf).1)
        #expect(gexf.contains(#"<attribute id="unidentified" title="unidentified" type="boolean">"#))
        #expect(gexf.components(separatedBy: #"<attvalue for="unidentified" value="true"/>"#).count == 2)
        let dot = DOTWriter().write(network)
        #expect(dot.contains(#""actor-2" [label="einen Amtsbruder", shape=ellipse, kind="person", unidentified="true", style="filled,dashed"];"#), "\(dot)")
        #expect(!dot.contains(#""actor-1" [label="Philipp Jakob Spener", shape=ellipse, kind="person", unidentified"#))
    }

    @Test("GEXF escapes names so the document stays well-formed and reads back the same")
    func gexfEscaping() {
        let (counter, parsed) = GEXFCounter.parse(GEXFWriter().write(Self.awkward))
        #expect(parsed)
        #expect(counter.labels == ["Ministry \"Foreign\" <Affairs> & Co\\", "Line\nbreak"])
        #expect(counter.weights == ["3", "1"])
    }

    @Test("DOT: a digraph with quoted ids, labels, weights and pen widths from 1 (one letter) to 5 (the heaviest edge)")
    func dotStructure() {
        let dot = DOTWriter().write(Self.awkward)
        let lines = dot.split(separator: "\n").map(String.init)
        #expect(lines.first == "digraph chancery {")
        #expect(lines.last == "}")
        #expect(lines.contains("  \"actor-1\" [label=\"Ministry \\\"Foreign\\\" <Affairs> & Co\\\\\", shape=hexagon, kind=\"organization\"];"))
        #expect(lines.contains("  \"actor-2\" [label=\"Line\\nbreak\", shape=ellipse, kind=\"person\", country=\"KH\"];"))
        #expect(lines.contains("  \"actor-1\" -> \"actor-2\" [label=\"3\", weight=3, penwidth=5.00];"))
        #expect(lines.contains("  \"actor-2\" -> \"actor-1\" [label=\"1\", weight=1, penwidth=1.00];"))
        #expect(lines.filter { $0.contains(" -> ") }.count == 2)
    }

    @Test("an empty network is still a valid digraph and GEXF document")
    func empty() {
        let network = CorrespondenceNetwork(level: .country, nodes: [], edges: [])
        #expect(DOTWriter().write(network).hasSuffix("edge [fontname=\"Helvetica\", fontsize=10];\n}"))
        #expect(GEXFCounter.parse(GEXFWriter().write(network)).1)
    }
}
