import EDTF
import Foundation
import ChanceryModel

/// One all-day VEVENT, before it is written.
struct ICalendarAllDayEvent {
    var uid: String
    /// Day numbers (`DayCount`) of the first day and of the day after the last.
    var firstDay: Int
    var endDay: Int
    var summary: String
    var description: String
    package var location: String?
    var status: String?
    /// Whether it should not show the day as busy (deadlines).
    var isTransparent = false

    /// An event item with both ends of its date known, within the years iCalendar writes (1 to
    /// 9999 AD: its dates have four digits and no sign); nil otherwise.
    init?(event item: TimelineItem) {
        guard let date = item.date, let earliest = date.earliest, let latest = date.latest,
              earliest.year >= 1, latest.year <= 9999 else { return nil }
        uid = "event-" + item.ref + "@chancery"
        firstDay = earliest.dayNumber
        endDay = latest.dayNumber + 1
        summary = item.title
        var description = item.detail
        if date.isInexact {
            description += "\n\nThe date is approximate: \(date.display) (\(date.precisionLabel); EDTF \(date.edtf))."
                + " This entry covers every day it may fall on."
        } else if date.edtf.hasPrefix("[") || date.edtf.hasPrefix("{") {
            // A set ("1 or 3 Dec 2022") names some days of its span, not all of them.
            description += "\n\nThe date is \(date.display) (EDTF \(date.edtf))."
                + " This entry covers every day from the first to the last of them."
        }
        self.description = description
        location = item.place
        status = item.status.flatMap(Self.eventStatus)
    }

    /// The reply-by day of an invitation that has one; nil otherwise.
    init?(replyDeadlineOf item: TimelineItem) {
        guard let replyBy = item.replyBy, let day = try? CalendarDay(iso: replyBy) else { return nil }
        uid = "reply-by-" + item.ref + "@chancery"
        firstDay = day.dayNumber
        endDay = day.dayNumber + 1
        summary = "Reply due: " + item.title
        description = item.detail + "\n\nInvitation " + item.ref + " asks for a reply by " + EDTFDate(day: day).humanReadable + "."
        isTransparent = true
    }

    /// Chancery's event statuses in iCalendar's terms (§3.8.1.11).
    private static func eventStatus(_ status: String) -> String? {
        switch status {
        case "held", "scheduled": "CONFIRMED"
        case "proposed", "postponed": "TENTATIVE"
        case "cancelled": "CANCELLED"
        default: nil
        }
    }

    /// Its content lines, unfolded.
    func properties(stamp: Date?) -> [String] {
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + ICalendarContentLine.escapedText(uid),
            "DTSTAMP:" + (stamp.map(Self.utcDateTime) ?? DayCount.basicISO(ofNumber: firstDay) + "T000000Z"),
            "DTSTART;VALUE=DATE:" + DayCount.basicISO(ofNumber: firstDay),
            "DTEND;VALUE=DATE:" + DayCount.basicISO(ofNumber: endDay),
            "SUMMARY:" + ICalendarContentLine.escapedText(summary),
            "DESCRIPTION:" + ICalendarContentLine.escapedText(description),
        ]
        if let location { lines.append("LOCATION:" + ICalendarContentLine.escapedText(location)) }
        if let status { lines.append("STATUS:" + status) }
        if isTransparent { lines.append("TRANSP:TRANSPARENT") }
        return lines + ["END:VEVENT"]
    }

    /// "20220512T093000Z".
    private static func utcDateTime(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return DayCount.basicISO(ofNumber: days) + "T" + two(secondOfDay / 3600) + two(secondOfDay / 60 % 60) + two(secondOfDay % 60) + "Z"
    }
}
