import Foundation
import ChanceryModel

/// An RFC 5545 calendar of a timeline's events, to subscribe to or import.
///
/// Each item of kind `event` whose date has both ends known becomes an all-day VEVENT over
/// every day it may fall on (`DTEND` is the day after, being exclusive); events of coarser or
/// qualified dates say in their description that the date is approximate. Undated and
/// open-ended events are left out: a calendar cannot show them. With `includeDeadlines`,
/// invitations asking for a reply by a day add an all-day "Reply due" event on that day.
///
/// `UID`s derive from references (`event-ASEAN-US-SUMMIT-2022@chancery`), so re-imports update
/// rather than duplicate. `DTSTAMP` is `TimelineRenderOptions.timestamp` when given, else the
/// entry's own first day at 00:00:00 UTC, so output is deterministic by default.
struct ICalendarTimelineRenderer {
    let options: TimelineRenderOptions

    func render(_ timeline: Timeline) -> String {
        var properties = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Chancery//Timeline//EN",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:" + ICalendarContentLine.escapedText("Timeline: " + timeline.title),
        ]
        if let note = timeline.truncationNote {
            properties.append("X-WR-CALDESC:" + ICalendarContentLine.escapedText(note))
        }
        var seenUIDs: Set<String> = []
        for item in timeline.items {
            for entry in entries(for: item) where seenUIDs.insert(entry.uid).inserted {
                properties += entry.properties(stamp: options.timestamp)
            }
        }
        properties.append("END:VCALENDAR")
        return properties.map(ICalendarContentLine.folded).joined()
    }

    private func entries(for item: TimelineItem) -> [ICalendarAllDayEvent] {
        switch item.kind {
        case .event:
            return ICalendarAllDayEvent(event: item).map { [$0] } ?? []
        case .invitation where options.includeDeadlines:
            return ICalendarAllDayEvent(replyDeadlineOf: item).map { [$0] } ?? []
        default:
            return []
        }
    }
}
