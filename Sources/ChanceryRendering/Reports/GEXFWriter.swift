public import ChanceryModel
import ChanceryInterchange

/// Writes a network as GEXF 1.3 (Gephi's format): a directed graph whose nodes carry `kind`,
/// `country` and `unidentified` attributes and whose edges carry the letter count as `weight`. Every name is
/// XML-escaped, so the document is well-formed whatever the register holds.
public struct GEXFWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// The whole document.
    public func write(_ network: CorrespondenceNetwork) -> String {
        let lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">",
            "  <meta>",
            "    <creator>Chancery</creator>",
            "    <description>" + XMLEscaping.text("Who writes to whom (" + network.level.plural
                                                   + "); edge weight = number of letters") + "</description>",
            "  </meta>",
            "  <graph mode=\"static\" defaultedgetype=\"directed\">",
            "    <attributes class=\"node\">",
            "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>",
            "      <attribute id=\"country\" title=\"country\" type=\"string\"/>",
            "      <attribute id=\"unidentified\" title=\"unidentified\" type=\"boolean\">",
            "        <default>false</default>",
            "      </attribute>",
            "    </attributes>",
            "    <nodes>",
        ]
        // Nodes and edges are appended to one string rather than kept as lines joined at the
        // end: a network of states has 37,000 edges at a million letters.
        var gexf = lines.joined(separator: "\n")
        gexf.reserveCapacity(gexf.utf8.count + 200 * network.nodes.count + 100 * network.edges.count + 64)
        for node in network.nodes {
            gexf += "\n      <node id=\""
            gexf += XMLEscaping.attribute(node.id)
            gexf += "\" label=\""
            gexf += XMLEscaping.attribute(node.label)
            gexf += "\">\n        <attvalues>\n          <attvalue for=\"kind\" value=\""
            gexf += XMLEscaping.attribute(node.kind)
            gexf += "\"/>"
            if let country = node.country {
                gexf += "\n          <attvalue for=\"country\" value=\""
                gexf += XMLEscaping.attribute(country)
                gexf += "\"/>"
            }
            if node.unidentified == true {
                gexf += "\n          <attvalue for=\"unidentified\" value=\"true\"/>"
            }
            gexf += "\n        </attvalues>\n      </node>"
        }
        gexf += "\n    </nodes>\n    <edges>"
        for (index, edge) in network.edges.enumerated() {
            let weight = String(edge.weight)
            gexf += "\n      <edge id=\"e"
            gexf += String(index)
            gexf += "\" source=\""
            gexf += XMLEscaping.attribute(edge.source)
            gexf += "\" target=\""
            gexf += XMLEscaping.attribute(edge.target)
            gexf += "\" weight=\""
            gexf += weight
            gexf += "\" label=\""
            gexf += weight
            gexf += "\"/>"
        }
        gexf += "\n    </edges>\n  </graph>\n</gexf>"
        return gexf
    }
}
