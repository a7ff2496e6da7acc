import EDTF
import ChanceryModel
import ChanceryInterchange

/// The report's tables: every item with its date, precision, kind, reference, what, who and
/// status; one `<section>` per group when grouped.
struct HTMLTimelineTable {
    let timeline: Timeline

    func render() -> [String] {
        guard timeline.isGrouped else {
            return section(heading: "Items", caption: "All \(timeline.itemCountPhrase), earliest first", items: timeline.items)
        }
        return timeline.groups.flatMap { group in
            let count = "\(group.items.count) item" + (group.items.count == 1 ? "" : "s")
            return section(heading: group.label, caption: "\(group.label): \(count), earliest first", items: group.items)
        }
    }

    private func section(heading: String, caption: String, items: [TimelineItem]) -> [String] {
        var lines = [
            "<section>",
            "<h2>\(XMLEscaping.html(heading))</h2>",
            "<table>",
            "<caption>\(XMLEscaping.html(caption))</caption>",
            "<thead>",
            "<tr><th scope=\"col\">Date</th><th scope=\"col\">Precision</th><th scope=\"col\">Kind</th><th scope=\"col\">Ref</th>"
                + "<th scope=\"col\">What</th><th scope=\"col\">Who / detail</th><th scope=\"col\">Status</th></tr>",
            "</thead>",
            "<tbody>",
        ]
        lines += items.map(row)
        return lines + ["</tbody>", "</table>", "</section>"]
    }

    private func row(_ item: TimelineItem) -> String {
        let style = TimelineMarkStyle(kind: item.kind)
        let cells = [
            "<td class=\"date\">\(XMLEscaping.html(item.dateDisplay))</td>",
            "<td>\(XMLEscaping.html(item.date?.precisionLabel ?? "–"))</td>",
            "<td class=\"kind\"><span class=\"glyph\" aria-hidden=\"true\">\(style.glyph)</span>\(item.kind.rawValue)</td>",
            "<td class=\"ref\"><code>\(XMLEscaping.html(item.ref))</code></td>",
            "<td>\(XMLEscaping.html(item.title))</td>",
            "<td>\(XMLEscaping.html(item.detail))</td>",
            "<td>\(XMLEscaping.html(Self.status(of: item)))</td>",
        ]
        return "<tr class=\"\(item.kind.rawValue)\">" + cells.joined() + "</tr>"
    }

    /// "held"; an invitation's reply-by day ("reply by 1 March 2022"); empty when neither.
    private static func status(of item: TimelineItem) -> String {
        let replyBy = item.replyBy.map { day in "reply by " + ((try? EDTFDate(day))?.humanReadable ?? day) }
        return [item.status, replyBy].compactMap { $0 }.joined(separator: "; ")
    }
}
