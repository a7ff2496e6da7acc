import ChanceryModel

/// How each kind of item looks in the HTML report: a distinct shape per kind, so kinds stay
/// apart in greyscale print and for colour-blind readers, and a colour from the Okabe–Ito
/// palette (chosen to be distinguishable under the common colour-vision deficiencies).
struct TimelineMarkStyle {
    let kind: TimelineItem.Kind

    /// The fill colour.
    var colour: String {
        switch kind {
        case .letter: "#0072B2"
        case .invitation: "#E69F00"
        case .response: "#009E73"
        case .event: "#D55E00"
        }
    }

    /// The shape's name, for the legend and the CSS class.
    var shapeName: String {
        switch kind {
        case .letter: "circle"
        case .invitation: "diamond"
        case .response: "triangle"
        case .event: "square"
        }
    }

    /// The same shape as a character, for table cells.
    var glyph: String {
        switch kind {
        case .letter: "●"
        case .invitation: "◆"
        case .response: "▲"
        case .event: "■"
        }
    }

    /// "Letter", for the legend.
    var legendLabel: String { kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst() }

    /// The shape centred on a point, as one SVG element about 12 units across.
    func shape(x: Double, y: Double) -> String {
        let attributes = "class=\"shape \(shapeName)\" fill=\"\(colour)\""
        switch kind {
        case .letter:
            return "<circle \(attributes) cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"5.5\"/>"
        case .invitation:
            return "<polygon \(attributes) points=\"\(points([(x, y - 6.5), (x + 6.5, y), (x, y + 6.5), (x - 6.5, y)]))\"/>"
        case .response:
            return "<polygon \(attributes) points=\"\(points([(x, y - 6.5), (x + 6.5, y + 5), (x - 6.5, y + 5)]))\"/>"
        case .event:
            return "<rect \(attributes) x=\"\(n(x - 5))\" y=\"\(n(y - 5))\" width=\"10\" height=\"10\"/>"
        }
    }

    private func points(_ corners: [(Double, Double)]) -> String {
        corners.map { n($0.0) + "," + n($0.1) }.joined(separator: " ")
    }

    private func n(_ value: Double) -> String { SVGNumber.text(value) }
}
