import ChanceryModel
import Foundation

/// A Markdown document: a heading, then one table row per item; with grouping, a `## 2022`
/// section per group, each with its own table.
struct MarkdownTimelineRenderer {
    func render(_ timeline: Timeline) -> String {
        var lines = ["# Timeline: " + Self.escaped(timeline.title), ""]
        if let note = timeline.truncationNote { lines += ["_" + note + "_", ""] }
        guard !timeline.items.isEmpty else { return (lines + ["_Nothing recorded._"]).joined(separator: "\n") }
        guard timeline.isGrouped else { return (lines + Self.table(timeline.items)).joined(separator: "\n") }
        for (index, group) in timeline.groups.enumerated() {
            if index > 0 { lines.append("") }
            lines += ["## " + Self.escaped(group.label), ""] + Self.table(group.items)
        }
        return lines.joined(separator: "\n")
    }

    private static func table(_ items: [TimelineItem]) -> [String] {
        var lines = ["| Date | Precision | Kind | Ref | What | Who |", "|---|---|---|---|---|---|"]
        for item in items {
            let cells = [item.dateDisplay, item.date?.precisionLabel ?? "–", item.kind.rawValue,
                         "`" + item.ref + "`", item.title, item.detail]
            lines.append("| " + cells.map(escaped).joined(separator: " | ") + " |")
        }
        return lines
    }

    /// A `|` would end the cell and a line break the row.
    private static func escaped(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 }).replacingOccurrences(of: "|", with: "\\|")
    }
}
