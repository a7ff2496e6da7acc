import ChanceryModel

/// A timeline as one JSON object, pretty-printed with sorted keys (see `docs/timeline-json.md`):
///
/// ```
/// {
///   "grouping": "none" | "year" | "month",
///   "groups": [ { "label": "May 2022", "items": [ <item>, … ] }, … ],   // only when grouped
///   "items": [ <item>, … ],                                            // always: every item, earliest first
///   "title": "United States (US) – Cambodia (KH)",
///   "truncated": false                                                 // true: a first page only
/// }
/// ```
///
/// where an item is
///
/// ```
/// {
///   "kind": "letter" | "invitation" | "response" | "event",
///   "ref": "US-KH-2022-001",
///   "date": { "edtf": "2022-01/2022-04", "earliest": "2022-01-01", "latest": "2022-04-30",
///             "precision": "month", "display": "Jan–Apr 2022" },      // absent when undated
///   "title": "…", "detail": "…",
///   "status": "held",                                                  // responses and events; absent otherwise
///   "place": "Washington, D.C., United States",                        // absent when unknown
///   "replyBy": "2022-03-01"                                            // invitations asking for a reply by a day
/// }
/// ```
///
/// `earliest` and `latest` are inclusive ISO days, `null` for an open or unknown end.
struct JSONTimelineRenderer {
    func render(_ timeline: Timeline) throws -> String {
        try JSONOutput.encode(Document(timeline))
    }

    private struct Document: Encodable {
        let title: String
        let grouping: TimelineGrouping
        let truncated: Bool
        let items: [TimelineItem]
        /// Nil, and so left out, when ungrouped: the sections would only repeat `items`.
        let groups: [Group]?

        init(_ timeline: Timeline) {
            title = timeline.title
            grouping = timeline.grouping
            truncated = timeline.truncated
            items = timeline.items
            groups = timeline.isGrouped ? timeline.groups.map { Group(label: $0.label, items: $0.items) } : nil
        }
    }

    private struct Group: Encodable {
        let label: String
        let items: [TimelineItem]
    }
}
