import Foundation
import ChanceryModel

/// An RFC 5545 calendar of a timeline's events, to subscribe to or import.
///
/// Each item of kind `event` whose date has both ends known becomes an all-day VEVENT over
/// every day it may fall on (`DTEND` is the day after, being exclusive); events of coarser or
/// qualified dates say in their description that the date is approximate, and sets of days that
/// the entry spans them. Undated and open-ended events, and those before 1 AD, are left out (a
/// calendar cannot show them) and named in the calendar's description. With `includeDeadlines`,
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
        var seenUIDs: Set<String> = []
        var entries: [String] = []
        var leftOut: [String] = []
        for item in timeline.items {
            let written = self.entries(for: item)
            if item.kind == .event && written.isEmpty { leftOut.append(item.ref) }
            for entry in written where seenUIDs.insert(entry.uid).inserted {
                entries += entry.properties(stamp: options.timestamp)
            }
        }
        // What the calendar does not show is said in its description, not dropped silently.
        var notes = timeline.truncationNote.map { [$0] } ?? []
        if !leftOut.isEmpty {
            notes.append("Left out (undated, open-ended, or before 1 AD, which a calendar cannot show): "
                         + (leftOut.count == 1 ? "event " : "\(leftOut.count) events: ") + leftOut.joined(separator: ", ") + ".")
        }
        if !notes.isEmpty {
            properties.append("X-WR-CALDESC:" + ICalendarContentLine.escapedText(notes.joined(separator: " ")))
        }
        properties += entries
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
