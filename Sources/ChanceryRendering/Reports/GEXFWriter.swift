public import ChanceryModel
import ChanceryInterchange

/// Writes a network as GEXF 1.3 (Gephi's format): a directed graph whose nodes carry `kind` and
/// `country` attributes and whose edges carry the letter count as `weight`. Every name is
/// XML-escaped, so the document is well-formed whatever the register holds.
public struct GEXFWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// The whole document.
    public func write(_ network: CorrespondenceNetwork) -> String {
        var lines = [
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
            "    </attributes>",
            "    <nodes>",
        ]
        for node in network.nodes {
            lines.append("      <node id=\"" + XMLEscaping.attribute(node.id) + "\" label=\"" + XMLEscaping.attribute(node.label) + "\">")
            lines.append("        <attvalues>")
            lines.append("          <attvalue for=\"kind\" value=\"" + XMLEscaping.attribute(node.kind) + "\"/>")
            if let country = node.country {
                lines.append("          <attvalue for=\"country\" value=\"" + XMLEscaping.attribute(country) + "\"/>")
            }
            lines.append("        </attvalues>")
            lines.append("      </node>")
        }
        lines += ["    </nodes>", "    <edges>"]
        for (index, edge) in network.edges.enumerated() {
            lines.append("      <edge id=\"e\(index)\" source=\"" + XMLEscaping.attribute(edge.source) + "\" target=\""
                         + XMLEscaping.attribute(edge.target) + "\" weight=\"\(edge.weight)\" label=\"\(edge.weight)\"/>")
        }
        lines += ["    </edges>", "  </graph>", "</gexf>"]
        return lines.joined(separator: "\n")
    }
}
