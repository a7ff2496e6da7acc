import ChanceryModel

/// Aligned columns for the terminal: the date as people read it, its precision, kind, reference
/// and what, with who and where on an indented line below; a heading per section when grouped.
///
/// Columns are measured in terminal columns (`TerminalColumns`), so en dashes, Khmer or CJK
/// text in a column keep the next one aligned.
struct TextTimelineRenderer {
    private static let header = ["DATE", "PRECISION", "KIND", "REF", "WHAT"]
    private static let gap = "  "

    func render(_ timeline: Timeline) -> String {
        var summary = timeline.itemCountPhrase
        if timeline.isGrouped { summary += ", by " + timeline.grouping.rawValue }
        var lines = ["Timeline: " + Self.singleLine(timeline.title), summary]
        if let note = timeline.truncationNote { lines.append(note) }
        lines.append("")
        guard !timeline.items.isEmpty else { return (lines + ["(nothing recorded)"]).joined(separator: "\n") }

        let widths = Self.alignedColumnWidths(timeline.items.map(Self.cells))
        let indent = String(repeating: " ", count: widths.reduce(0) { $0 + $1 + Self.gap.count })
        lines.append(Self.line(Self.header, widths: widths))
        for group in timeline.groups {
            if timeline.isGrouped {
                lines += ["", group.label, String(repeating: "-", count: TerminalColumns.width(of: group.label))]
            }
            for item in group.items {
                lines.append(Self.line(Self.cells(item), widths: widths))
                lines.append(indent + Self.singleLine(item.detail))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func cells(_ item: TimelineItem) -> [String] {
        [item.dateDisplay, item.date?.precisionLabel ?? "-", item.kind.rawValue, item.ref, item.title].map(singleLine)
    }

    /// Widths of every column but the last, which runs on unpadded.
    private static func alignedColumnWidths(_ rows: [[String]]) -> [Int] {
        (0..<header.count - 1).map { column in
            ([header] + rows).map { TerminalColumns.width(of: $0[column]) }.max() ?? 0
        }
    }

    private static func line(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).map { TerminalColumns.padded($0, to: $1) }.joined(separator: gap) + gap + cells[cells.count - 1]
    }

    /// Line breaks and tabs inside a value would break the columns.
    private static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
