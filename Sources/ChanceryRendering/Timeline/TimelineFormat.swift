public import ChanceryModel
/// The formats a timeline renders to.
public enum TimelineFormat: String, Sendable, CaseIterable {
    /// Aligned columns for the terminal.
    case text
    /// A Markdown table (a section and table per group when grouped).
    case md
    /// `{title, grouping, truncated, items: [{kind, ref, date: {edtf, earliest, latest, precision,
    /// display}, title, detail, status, place, replyBy}], groups?}`; see `docs/timeline-json.md`.
    case json
    /// RFC 4180 CSV, one row per item.
    case csv
    /// A self-contained HTML page with an SVG chart and a table, printable.
    case html
    /// An RFC 5545 iCalendar of the dated events (and, optionally, reply-by deadlines).
    case ics

    /// Renders a timeline.
    public func render(_ timeline: Timeline, options: TimelineRenderOptions = .init()) throws -> String {
        switch self {
        case .text: TextTimelineRenderer().render(timeline)
        case .md: MarkdownTimelineRenderer().render(timeline)
        case .json: try JSONTimelineRenderer().render(timeline)
        case .csv: CSVTimelineRenderer().render(timeline)
        case .html: HTMLTimelineRenderer().render(timeline)
        case .ics: ICalendarTimelineRenderer(options: options).render(timeline)
        }
    }
}
