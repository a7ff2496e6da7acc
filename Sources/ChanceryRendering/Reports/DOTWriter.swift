public import ChanceryModel
/// Writes a network as a Graphviz digraph: quoted ids, a label per node and edge, `weight` and a
/// `penwidth` from 1 (one letter) to 5 (the heaviest edge), so `dot -Tsvg` draws busy pairs thicker.
public struct DOTWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// The whole graph.
    public func write(_ network: CorrespondenceNetwork) -> String {
        // One string appended to, rather than a line per node and edge joined at the end: a
        // network of states has 37,000 edges at a million letters.
        var dot = "digraph chancery {\n  graph [label="
        dot.reserveCapacity(64 * (network.nodes.count + network.edges.count) + 256)
        Self.appendQuoted("Chancery correspondence network (" + network.level.plural + ")", to: &dot)
        dot += ", rankdir=LR, fontname=\"Helvetica\"];\n"
        dot += "  node [style=filled, fillcolor=\"#f5f5f5\", fontname=\"Helvetica\"];\n"
        dot += "  edge [fontname=\"Helvetica\", fontsize=10];"
        for node in network.nodes {
            dot += "\n  "
            Self.appendQuoted(node.id, to: &dot)
            dot += " [label="
            Self.appendQuoted(node.label, to: &dot)
            dot += ", shape="
            dot += Self.shape(of: node.kind)
            dot += ", kind="
            Self.appendQuoted(node.kind, to: &dot)
            if let country = node.country {
                dot += ", country="
                Self.appendQuoted(country, to: &dot)
            }
            if node.unidentified == true {
                // Someone unnamed stands for many: drawn dashed.
                dot += ", unidentified=\"true\", style=\"filled,dashed\""
            }
            dot += "];"
        }
        let heaviest = Double(network.maximumWeight)
        for edge in network.edges {
            let width = heaviest > 1 ? 1 + 4 * Double(edge.weight - 1) / (heaviest - 1) : 1
            let weight = String(edge.weight)
            dot += "\n  "
            Self.appendQuoted(edge.source, to: &dot)
            dot += " -> "
            Self.appendQuoted(edge.target, to: &dot)
            dot += " [label=\""
            dot += weight
            dot += "\", weight="
            dot += weight
            dot += ", penwidth="
            dot += Self.decimal(width)
            dot += "];"
        }
        dot += "\n}"
        return dot
    }

    /// A DOT double-quoted string. Backslashes are doubled (Graphviz reads `\n`, `\N`, `\l` in
    /// labels as escapes) and line breaks become `\n`, so any name stays one literal label.
    static func quoted(_ text: String) -> String {
        var output = ""
        appendQuoted(text, to: &output)
        return output
    }

    private static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        // Most names need nothing escaped: one pass over their bytes says so.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x0A || $0 == 0x0D }) {
            output += text
        } else {
            for character in text {
                switch character {
                case "\"": output += "\\\""
                case "\\": output += "\\\\"
                case "\n", "\r\n", "\r": output += "\\n"
                default: output.append(character)
                }
            }
        }
        output += "\""
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
