import EDTF
import ChanceryModel
import ChanceryInterchange

/// The timeline drawn as one inline SVG image: a legend, a time axis over the known days, and
/// each dated item as its kind's shape (`TimelineMarkStyle`) on the day it happened, or on a
/// bar across the days it may have happened; open ends fade out towards the axis edge, ending
/// in an arrowhead. `TimelineSVGLayout` packs items into as few rows as keep marks and labels
/// apart; `TimelineSVGLegend` draws the legend.
///
/// `<title>` and `<desc>` give screen readers and text browsers a summary; the table below the
/// chart carries every item. Coordinates are rounded (`SVGNumber`) so output is byte-stable.
struct TimelineSVGChart {
    static let width = 960.0
    private static let axisLeft = 16.0
    private static let axisRight = 944.0
    private static let legendY = 14.0
    private static let tickLabelY = 42.0
    private static let axisY = 50.0
    private static let firstLaneTop = 56.0
    private static let laneHeight = 22.0
    private static let bottomMargin = 8.0
    private static let titleID = "timeline-chart-title"
    private static let descriptionID = "timeline-chart-desc"

    let timeline: Timeline

    func render() -> String {
        // "XXXX" (undated, to be dated later) is a date with no known day: nothing to draw.
        let dated = timeline.items.filter { $0.date?.earliest != nil || $0.date?.latest != nil }
        let knownDays = dated.flatMap { [$0.date?.earliest, $0.date?.latest].compactMap { $0 } }
        var lines: [String] = []
        guard let axis = TimelineSVGAxis(knownDays: knownDays, left: Self.axisLeft, right: Self.axisRight) else {
            let height = 40.0
            lines.append(openingTag(height: height))
            lines += titleAndDescription(axis: nil, drawn: [])
            lines.append("<text x=\"\(SVGNumber.text(Self.axisLeft))\" y=\"24\">No dated items to draw.</text>")
            return (lines + ["</svg>"]).joined(separator: "\n")
        }
        let placed = TimelineSVGLayout.placements(of: dated, on: axis, chartWidth: Self.width)
        let laneCount = (placed.map(\.lane).max() ?? -1) + 1
        let height = Self.firstLaneTop + Double(laneCount) * Self.laneHeight + Self.bottomMargin
        lines.append(openingTag(height: height))
        lines += titleAndDescription(axis: axis, drawn: placed.map(\.item))
        lines += TimelineSVGLegend.gradients()
        lines += TimelineSVGLegend.legend(left: Self.axisLeft, y: Self.legendY)
        lines += Self.axisLines(axis, bottom: height - Self.bottomMargin)
        for item in placed {
            lines += Self.mark(item)
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    private func openingTag(height: Double) -> String {
        let size = "\(SVGNumber.text(Self.width)) \(SVGNumber.text(height))"
        return "<svg role=\"img\" aria-labelledby=\"\(Self.titleID)\" aria-describedby=\"\(Self.descriptionID)\""
            + " viewBox=\"0 0 \(size)\" width=\"\(SVGNumber.text(Self.width))\" height=\"\(SVGNumber.text(height))\">"
    }

    // MARK: Text alternative

    private func titleAndDescription(axis: TimelineSVGAxis?, drawn: [TimelineItem]) -> [String] {
        var description: [String] = []
        if let axis {
            let from = EDTFDate(day: axis.earliestKnown).humanReadable
            let to = EDTFDate(day: axis.latestKnown).humanReadable
            description.append("Time axis from \(from) to \(to), with \(axis.unit.name) ticks.")
            let kinds = TimelineItem.Kind.allCases.compactMap { kind -> String? in
                let count = drawn.filter { $0.kind == kind }.count
                return count == 0 ? nil : "\(count) \(kind.rawValue)" + (count == 1 ? "" : "s")
            }
            description.append("\(drawn.count) item\(drawn.count == 1 ? "" : "s") drawn (\(kinds.joined(separator: ", "))):"
                + " letters as circles, invitations as diamonds, responses as triangles, events as squares;"
                + " a point is an exact day, a bar the range of possible days, a fading bar an open end.")
        }
        let undated = timeline.items.count - drawn.count
        if undated > 0 { description.append("\(undated) undated item\(undated == 1 ? " is" : "s are") not drawn.") }
        description.append("The table below lists every item.")
        return [
            "<title id=\"\(Self.titleID)\">\(XMLEscaping.html("Chart of the timeline: " + timeline.title))</title>",
            "<desc id=\"\(Self.descriptionID)\">\(XMLEscaping.html(description.joined(separator: " ")))</desc>",
        ]
    }

    private static func axisLines(_ axis: TimelineSVGAxis, bottom: Double) -> [String] {
        var lines = ["<g class=\"axis\">"]
        let n = SVGNumber.text
        lines.append("<line class=\"axis-line\" x1=\"\(n(axis.left))\" y1=\"\(n(axisY))\" x2=\"\(n(axis.right))\" y2=\"\(n(axisY))\"/>")
        for tick in axis.ticks {
            lines.append("<line class=\"grid\" x1=\"\(n(tick.x))\" y1=\"\(n(axisY - 4))\" x2=\"\(n(tick.x))\" y2=\"\(n(bottom))\"/>")
            if !tick.label.isEmpty {
                lines.append("<text class=\"tick-label\" x=\"\(n(tick.x + 3))\" y=\"\(n(tickLabelY))\">\(XMLEscaping.html(tick.label))</text>")
            }
        }
        return lines + ["</g>"]
    }

    // MARK: Items

    private static func mark(_ placed: TimelineSVGPlacement) -> [String] {
        let item = placed.item
        let style = TimelineMarkStyle(kind: item.kind)
        let y = firstLaneTop + (Double(placed.lane) + 0.5) * laneHeight
        let n = SVGNumber.text
        let tooltip = [item.ref, item.dateDisplay, item.title].joined(separator: " — ")
        var lines = ["<g class=\"item \(item.kind.rawValue)\">", "<title>\(XMLEscaping.html(tooltip))</title>"]
        if placed.isRange {
            let fill = placed.opensAtStart ? "fill=\"url(#fade-start-\(item.kind.rawValue))\""
                : placed.opensAtEnd ? "fill=\"url(#fade-end-\(item.kind.rawValue))\""
                : "fill=\"\(style.colour)\" fill-opacity=\"0.35\""
            lines.append("<rect class=\"range\" x=\"\(n(placed.barStart))\" y=\"\(n(y - 4))\" width=\"\(n(placed.barEnd - placed.barStart))\""
                + " height=\"8\" rx=\"4\" \(fill)/>")
        }
        if placed.opensAtStart {
            lines.append(arrowhead(tipX: placed.barStart, y: y, pointing: -1, colour: style.colour))
        }
        if placed.opensAtEnd {
            lines.append(arrowhead(tipX: placed.barEnd, y: y, pointing: 1, colour: style.colour))
        }
        lines.append(style.shape(x: placed.markX, y: y))
        let anchor = placed.labelAnchoredAtEnd ? " text-anchor=\"end\"" : ""
        lines.append("<text class=\"label\" x=\"\(n(placed.labelX))\" y=\"\(n(y + 3.5))\"\(anchor)>\(XMLEscaping.html(item.ref))</text>")
        return lines + ["</g>"]
    }

    /// A small triangle at the axis edge: the range runs on past what the chart shows.
    private static func arrowhead(tipX: Double, y: Double, pointing direction: Double, colour: String) -> String {
        let n = SVGNumber.text
        let base = tipX - direction * 6
        return "<polygon class=\"open-end\" points=\"\(n(tipX)),\(n(y)) \(n(base)),\(n(y - 4)) \(n(base)),\(n(y + 4))\""
            + " fill=\"\(colour)\" fill-opacity=\"0.6\"/>"
    }
}
