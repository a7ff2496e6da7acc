import Foundation

/// The formats a timeline renders to.
public enum TimelineFormat: String, Sendable, CaseIterable {
    /// Aligned columns for the terminal.
    case text
    /// A Markdown table.
    case md
    /// `{title, items: [{kind, ref, date: {edtf, earliest, latest, precision, display}, title, detail, status}]}`.
    case json

    /// Renders a timeline.
    public func render(_ timeline: Timeline) throws -> String {
        switch self {
        case .text: return TextTimelineRenderer().render(timeline)
        case .md: return MarkdownTimelineRenderer().render(timeline)
        case .json: return try JSONOutput.encode(timeline)
        }
    }
}

/// JSON as every interface prints it: sorted keys, pretty, no escaped slashes.
public enum JSONOutput {
    /// Encodes a value.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Aligned columns: date as people read it, its precision, kind, reference, what and who.
struct TextTimelineRenderer {
    func render(_ timeline: Timeline) -> String {
        var lines = ["Timeline: " + timeline.title, "\(timeline.items.count) item" + (timeline.items.count == 1 ? "" : "s"), ""]
        guard !timeline.items.isEmpty else { return (lines + ["(nothing recorded)"]).joined(separator: "\n") }
        let header = ["DATE", "PRECISION", "KIND", "REF", "WHAT"]
        let rows = timeline.items.map { item in
            [item.date?.display ?? "undated", item.date.map { Self.precisionLabel($0) } ?? "-", item.kind.rawValue, item.ref, item.title]
        }
        let widths = (0..<4).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            (0..<4).map { cells[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + cells[4]
        }
        lines.append(line(header))
        let indent = String(repeating: " ", count: widths.reduce(0, +) + 8)
        for (item, row) in zip(timeline.items, rows) {
            lines.append(line(row))
            lines.append(indent + item.detail)
        }
        return lines.joined(separator: "\n")
    }

    /// "month", or "month, approximate" / "year, uncertain" when qualified.
    static func precisionLabel(_ date: UncertainDate) -> String {
        var label = date.precision.rawValue
        if date.value.isInterval { label += " range" }
        if date.value.isApproximate { label += ", approx." }
        if date.value.isUncertain { label += ", uncertain" }
        return label
    }
}

/// A Markdown document: a heading and one table row per item.
struct MarkdownTimelineRenderer {
    func render(_ timeline: Timeline) -> String {
        var lines = ["# Timeline: " + escape(timeline.title), ""]
        guard !timeline.items.isEmpty else { return (lines + ["_Nothing recorded._"]).joined(separator: "\n") }
        lines.append("| Date | Precision | Kind | Ref | What | Who |")
        lines.append("|---|---|---|---|---|---|")
        for item in timeline.items {
            let cells = [item.date?.display ?? "undated", item.date.map(TextTimelineRenderer.precisionLabel) ?? "–",
                         item.kind.rawValue, "`" + item.ref + "`", item.title, item.detail]
            lines.append("| " + cells.map(escape).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
