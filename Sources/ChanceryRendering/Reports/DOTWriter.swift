public import ChanceryModel
/// Writes a network as a Graphviz digraph: quoted ids, a label per node and edge, `weight` and a
/// `penwidth` from 1 (one letter) to 5 (the heaviest edge), so `dot -Tsvg` draws busy pairs thicker.
public struct DOTWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// The whole graph.
    public func write(_ network: CorrespondenceNetwork) -> String {
        var lines = ["digraph chancery {",
                     "  graph [label=" + Self.quoted("Chancery correspondence network (" + network.level.plural + ")")
                        + ", rankdir=LR, fontname=\"Helvetica\"];",
                     "  node [style=filled, fillcolor=\"#f5f5f5\", fontname=\"Helvetica\"];",
                     "  edge [fontname=\"Helvetica\", fontsize=10];"]
        for node in network.nodes {
            var attributes = ["label=" + Self.quoted(node.label), "shape=" + Self.shape(of: node.kind), "kind=" + Self.quoted(node.kind)]
            if let country = node.country { attributes.append("country=" + Self.quoted(country)) }
            lines.append("  " + Self.quoted(node.id) + " [" + attributes.joined(separator: ", ") + "];")
        }
        let heaviest = Double(network.maximumWeight)
        for edge in network.edges {
            let width = heaviest > 1 ? 1 + 4 * Double(edge.weight - 1) / (heaviest - 1) : 1
            lines.append("  " + Self.quoted(edge.source) + " -> " + Self.quoted(edge.target)
                         + " [label=" + Self.quoted(String(edge.weight)) + ", weight=\(edge.weight), penwidth="
                         + Self.decimal(width) + "];")
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// A DOT double-quoted string. Backslashes are doubled (Graphviz reads `\n`, `\N`, `\l` in
    /// labels as escapes) and line breaks become `\n`, so any name stays one literal label.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for character in text {
            switch character {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n", "\r\n", "\r": output += "\\n"
            default: output.append(character)
            }
        }
        return output + "\""
    }

    /// Two decimals, locale-independent ("2.33").
    static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = String(hundredths % 100)
        return String(hundredths / 100) + "." + (fraction.count == 1 ? "0" + fraction : fraction)
    }

    private static func shape(of kind: String) -> String {
        switch kind {
        case "person": return "ellipse"
        case "organization": return "hexagon"
        default: return "box"
        }
    }
}
