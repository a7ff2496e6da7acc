import ChanceryModel
import ChanceryInterchange
import EDTF

/// One RFC 4180 row per item under a header row, CRLF line ends, fields quoted only where they
/// hold a comma, a quote or a line break.
///
/// Dates come as their EDTF text plus the derived bounds (empty for an open end), precision and
/// reading, so a spreadsheet can sort and filter without parsing EDTF. Grouped timelines add a
/// last `group` column, keeping the other columns' positions. A truncated timeline gets no note:
/// any extra line would break readers; the JSON format says `truncated`.
struct CSVTimelineRenderer {
    static let columns = [
        "kind", "ref", "date_edtf", "date_earliest", "date_latest", "date_precision", "date_display",
        "title", "detail", "status", "place", "reply_by",
    ]

    func render(_ timeline: Timeline) -> String {
        let grouped = timeline.isGrouped
        var output = CSVLetterWriter.line(Self.columns + (grouped ? ["group"] : []))
        for group in timeline.groups {
            for item in group.items {
                output += CSVLetterWriter.line(Self.fields(item) + (grouped ? [group.label] : []))
            }
        }
        return output
    }

    private static func fields(_ item: TimelineItem) -> [String] {
        [
            item.kind.rawValue, item.ref,
            item.date?.edtf ?? "", item.date?.earliest?.description ?? "", item.date?.latest?.description ?? "",
            item.date?.precision.rawValue ?? "", item.date?.display ?? "",
            item.title, item.detail, item.status ?? "", item.place ?? "", item.replyBy ?? "",
        ]
    }
}
