public import ChanceryModel

extension TimelineFormat {
    /// The media type a rendering is served as.
    public var mediaType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .text: "text/plain; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        case .csv: "text/csv; charset=utf-8; header=present"
        case .html: "text/html; charset=utf-8"
        case .ics: "text/calendar; charset=utf-8"
        }
    }

    /// The extension of a downloaded file.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        default: rawValue
        }
    }

    /// What a person calls it, for a download link.
    public var label: String {
        switch self {
        case .text: "Text"
        case .md: "Markdown"
        case .json: "JSON"
        case .csv: "CSV"
        case .html: "HTML report"
        case .ics: "iCalendar"
        }
    }
}

/// The timeline's chart on its own, for a page that brings its own layout: the SVG the HTML
/// report draws, with its own escaping, styled by the classes `HTMLTimelineStyle` lists.
public enum TimelineChart {
    public static func svg(_ timeline: Timeline) -> String {
        TimelineSVGChart(timeline: timeline).render()
    }
}
