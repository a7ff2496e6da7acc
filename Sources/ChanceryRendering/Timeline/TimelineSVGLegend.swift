import ChanceryModel

/// The chart's fixed parts: the fades open ends use, and the legend naming each kind's shape
/// and what bars mean.
enum TimelineSVGLegend {
    /// Fades for open ends, one pair per kind (and one for the legend), under fixed ids so the
    /// output stays deterministic.
    static func gradients() -> [String] {
        var lines = ["<defs>"]
        let colours = TimelineItem.Kind.allCases.map { ($0.rawValue, TimelineMarkStyle(kind: $0).colour) } + [("legend", "#666666")]
        for (name, colour) in colours {
            for (direction, from, to) in [("start", "0", "0.45"), ("end", "0.45", "0")] {
                lines.append("<linearGradient id=\"fade-\(direction)-\(name)\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">"
                    + "<stop offset=\"0\" stop-color=\"\(colour)\" stop-opacity=\"\(from)\"/>"
                    + "<stop offset=\"1\" stop-color=\"\(colour)\" stop-opacity=\"\(to)\"/></linearGradient>")
            }
        }
        return lines + ["</defs>"]
    }

    /// One line of samples from `left`, centred on `y`: the four shapes, a range bar, an open end.
    static func legend(left: Double, y: Double) -> [String] {
        let n = SVGNumber.text
        var lines = ["<g class=\"legend\">"]
        var x = left
        // Legend text is proportional; 6.6 units a character is generous at 11 units.
        func advance(past label: String) { x += 16 + Double(TerminalColumns.width(of: label)) * 6.6 + 18 }
        for kind in TimelineItem.Kind.allCases {
            let style = TimelineMarkStyle(kind: kind)
            lines.append(style.shape(x: x + 6, y: y))
            lines.append("<text x=\"\(n(x + 16))\" y=\"\(n(y + 4))\">\(style.legendLabel)</text>")
            advance(past: style.legendLabel)
        }
        let samples = [("possible days", "fill=\"#666666\" fill-opacity=\"0.35\""), ("open end", "fill=\"url(#fade-end-legend)\"")]
        for (label, fill) in samples {
            lines.append("<rect x=\"\(n(x))\" y=\"\(n(y - 4))\" width=\"24\" height=\"8\" rx=\"4\" \(fill)/>")
            lines.append("<text x=\"\(n(x + 30))\" y=\"\(n(y + 4))\">\(label)</text>")
            x += 14
            advance(past: label)
        }
        return lines + ["</g>"]
    }
}
