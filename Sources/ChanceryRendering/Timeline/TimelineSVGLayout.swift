import ChanceryModel

/// Where a dated item goes on the chart: its bar and mark along the axis, its label, and its row.
struct TimelineSVGPlacement {
    var item: TimelineItem
    var barStart: Double
    var barEnd: Double
    var markX: Double
    /// Drawn as a bar: several possible days, or an open end.
    var isRange: Bool
    var opensAtStart: Bool
    var opensAtEnd: Bool
    var labelX: Double
    /// The label ends at `labelX` (placed left of the mark) rather than starting there.
    var labelAnchoredAtEnd: Bool
    /// Everything the item draws, mark and label included, along x.
    var extent: ClosedRange<Double>
    /// The row, from 0 at the top.
    var lane = 0
}

/// Lays items out along the axis and packs them into rows, so that marks and labels that would
/// overlap go on different rows and the chart stays as short as that allows.
enum TimelineSVGLayout {
    /// Advance of one column of the 11-unit monospace label font (0.6 em, and a little to spare).
    static let labelColumnWidth = 6.7
    /// Room between a mark and its label, and between neighbours in a row.
    static let spacing = 5.0
    /// How far a mark's shape reaches from its centre.
    private static let markReach = 7.0

    /// The items (all dated) placed on the axis and given rows.
    static func placements(of items: [TimelineItem], on axis: TimelineSVGAxis, chartWidth: Double) -> [TimelineSVGPlacement] {
        packed(items.map { placement(of: $0, on: axis, chartWidth: chartWidth) })
    }

    private static func placement(of item: TimelineItem, on axis: TimelineSVGAxis, chartWidth: Double) -> TimelineSVGPlacement {
        guard let date = item.date else { preconditionFailure("only dated items are placed") }
        let opensAtStart = date.earliest == nil
        let opensAtEnd = date.latest == nil
        let start = date.earliest.map { axis.x(ofDayNumber: $0.dayNumber) } ?? axis.left
        let end = date.latest.map { axis.x(ofDayNumber: $0.dayNumber + 1) } ?? axis.right
        // A closed range carries its mark in the middle; an open one at its known end.
        let markX = opensAtStart ? end : opensAtEnd ? start : (start + end) / 2
        let drawnStart = min(start, markX - markReach)
        let drawnEnd = max(end, markX + markReach)
        let labelWidth = Double(TerminalColumns.width(of: item.ref)) * labelColumnWidth
        var labelX = drawnEnd + spacing
        var anchoredAtEnd = false
        if labelX + labelWidth > chartWidth - 4 {
            // No room on the right: put the label before the mark, or over the bar when it fills the axis.
            anchoredAtEnd = drawnStart - spacing - labelWidth >= 4
            labelX = anchoredAtEnd ? drawnStart - spacing : max(4, start + 2)
        }
        let labelStart = anchoredAtEnd ? labelX - labelWidth : labelX
        return TimelineSVGPlacement(
            item: item, barStart: start, barEnd: max(end, start + 3), markX: markX, isRange: date.coversSeveralDays,
            opensAtStart: opensAtStart, opensAtEnd: opensAtEnd, labelX: labelX, labelAnchoredAtEnd: anchoredAtEnd,
            extent: min(drawnStart, labelStart)...max(drawnEnd, labelStart + labelWidth))
    }

    /// Greedy interval packing, leftmost first: each item takes the first row whose last
    /// occupant ends before it starts, which uses the fewest rows for intervals.
    private static func packed(_ placements: [TimelineSVGPlacement]) -> [TimelineSVGPlacement] {
        let order = placements.indices.sorted { (placements[$0].extent.lowerBound, $0) < (placements[$1].extent.lowerBound, $1) }
        var laneEnds: [Double] = []
        var result = placements
        for index in order {
            let extent = placements[index].extent
            if let lane = laneEnds.firstIndex(where: { $0 + spacing <= extent.lowerBound }) {
                result[index].lane = lane
                laneEnds[lane] = extent.upperBound
            } else {
                result[index].lane = laneEnds.count
                laneEnds.append(extent.upperBound)
            }
        }
        return result
    }
}
