@testable import ChanceryRendering
@testable import ChanceryModel
import ChanceryInterchange
import EDTF
import Foundation
import Testing

@Suite("Timeline iCalendar")
struct ICalendarTimelineRendererTests {
    /// The physical lines, after checking each ends in CRLF and holds no other line break.
    private func physicalLines(_ ics: String) -> [String] {
        #expect(ics.hasSuffix("\r\n"))
        let lines = ics.components(separatedBy: "\r\n").dropLast()
        for line in lines {
            #expect(!line.contains("\n") && !line.contains("\r"), "bare line break in \(line.debugDescription)")
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line)")
        }
        return Array(lines)
    }

    /// The logical lines, unfolded.
    private func contentLines(_ ics: String) -> [String] {
        _ = physicalLines(ics)
        return ICalendarContentLine.unfolded(ics).components(separatedBy: "\r\n").dropLast()
    }

    @Test("the summit is an all-day event with an exclusive end")
    func foundingExampleSummit() throws {
        let timeline = FoundingExampleTimelines.summit
        let ics = try TimelineFormat.ics.render(timeline)
        let lines = contentLines(ics)
        #expect(Array(lines.prefix(4)) == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Chancery//Timeline//EN", "CALSCALE:GREGORIAN"])
        #expect(lines.contains("X-WR-CALNAME:Timeline: Special ASEAN–U.S. Summit"))
        #expect(lines.last == "END:VCALENDAR")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
        for expected in ["UID:event-ASEAN-US-SUMMIT-2022@chancery", "DTSTAMP:20220512T000000Z", "DTSTART;VALUE=DATE:20220512",
                         "DTEND;VALUE=DATE:20220514", "SUMMARY:Special ASEAN–U.S. Summit",
                         "LOCATION:Washington\\, D.C.\\, United States", "STATUS:CONFIRMED"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
    }

    @Test("TEXT values escape backslash, semicolon, comma and line breaks")
    func escaping() {
        #expect(ICalendarContentLine.escapedText("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf")
        let ics = ICalendarTimelineRenderer(options: .init()).render(
            TimelineSamples.event("2022-05-12", title: "Talks; \"Phase 1\", then\nmore", place: "Phnom Penh, Cambodia"))
        let lines = contentLines(ics)
        #expect(lines.contains("SUMMARY:Talks\\; \"Phase 1\"\\, then\\nmore"))
        #expect(lines.contains("LOCATION:Phnom Penh\\, Cambodia"))
    }

    @Test("long Khmer text folds at 75 octets without splitting a character, and unfolds intact")
    func folding() throws {
        let title = String(repeating: "ហ៊ុន សែន និង Joe Biden ", count: 8)
        let ics = ICalendarTimelineRenderer(options: .init()).render(TimelineSamples.event("2022-05-12", title: title))
        let physical = physicalLines(ics)
        let continuations = physical.filter { $0.utf8.first == UInt8(ascii: " ") }
        #expect(continuations.count > 3)
        // Folds fall between characters: no continuation starts with a combining mark.
        #expect(continuations.allSatisfy { $0.unicodeScalars.dropFirst().first?.properties.generalCategory != .nonspacingMark })
        for line in ics.utf8.split(separator: UInt8(ascii: "\n")) {
            #expect(String(validating: line, as: UTF8.self) != nil, "a fold split a UTF-8 sequence")
        }
        #expect(contentLines(ics).contains("SUMMARY:" + title))
        let folded = ICalendarContentLine.folded("X:" + String(repeating: "é", count: 100))
        #expect(folded.components(separatedBy: "\r\n").dropLast().map(\.utf8.count) == [74, 75, 55])
    }

    @Test("coarse dates cover every possible day and say they are approximate")
    func approximate() {
        let lines = contentLines(ICalendarTimelineRenderer(options: .init()).render(TimelineSamples.event("2022-05", status: "proposed")))
        #expect(lines.contains("DTSTART;VALUE=DATE:20220501"))
        #expect(lines.contains("DTEND;VALUE=DATE:20220601"))
        #expect(lines.contains("STATUS:TENTATIVE"))
        #expect(lines.contains { $0.hasPrefix("DESCRIPTION:") && $0.contains("The date is approximate: May 2022") })
        let exact = contentLines(ICalendarTimelineRenderer(options: .init()).render(TimelineSamples.event("2022-05-12/2022-05-13")))
        #expect(!exact.contains { $0.contains("approximate") })
    }

    @Test("ends roll over months, years and leap days")
    func exclusiveEnds() {
        func end(_ edtf: String) -> String? {
            contentLines(ICalendarTimelineRenderer(options: .init()).render(TimelineSamples.event(edtf))).first { $0.hasPrefix("DTEND") }
        }
        #expect(end("2022-12-31") == "DTEND;VALUE=DATE:20230101")
        #expect(end("2024-02-28") == "DTEND;VALUE=DATE:20240229")
        #expect(end("2024-02") == "DTEND;VALUE=DATE:20240301")
        #expect(end("2023-02-28") == "DTEND;VALUE=DATE:20230301")
    }

    @Test("statuses map to iCalendar's; undated and open-ended events are skipped")
    func statusesAndSkips() {
        func status(_ value: String) -> String? {
            contentLines(ICalendarTimelineRenderer(options: .init()).render(TimelineSamples.event("2022", status: value)))
                .first { $0.hasPrefix("STATUS:") }
        }
        #expect(status("held") == "STATUS:CONFIRMED")
        #expect(status("scheduled") == "STATUS:CONFIRMED")
        #expect(status("postponed") == "STATUS:TENTATIVE")
        #expect(status("cancelled") == "STATUS:CANCELLED")
        for edtf in [nil, "2022-05/..", "/2022-05"] {
            let ics = ICalendarTimelineRenderer(options: .init()).render(TimelineSamples.event(edtf))
            #expect(!ics.contains("BEGIN:VEVENT"), "\(edtf ?? "undated") should be skipped")
        }
        let mixed = contentLines(try! TimelineFormat.ics.render(TimelineSamples.mixed))
        #expect(mixed.filter { $0 == "BEGIN:VEVENT" }.count == 1)
    }

    @Test("reply-by deadlines on request; a given timestamp stamps every event")
    func deadlinesAndTimestamp() throws {
        let options = TimelineRenderOptions(includeDeadlines: true, timestamp: Date(timeIntervalSince1970: 1_652_400_045))
        let lines = contentLines(try TimelineFormat.ics.render(TimelineSamples.mixed, options: options))
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2)
        for expected in ["UID:reply-by-INV-1@chancery", "DTSTART;VALUE=DATE:20220301", "DTEND;VALUE=DATE:20220302",
                         "SUMMARY:Reply due: Invitation to the Special Summit", "TRANSP:TRANSPARENT"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(lines.filter { $0.hasPrefix("DTSTAMP:") }.allSatisfy { $0 == "DTSTAMP:20220513T000045Z" })
        let withoutDeadlines = try TimelineFormat.ics.render(TimelineSamples.mixed)
        #expect(!withoutDeadlines.contains("Reply due"))
    }

    @Test("a first page says so in the calendar's description")
    func truncated() {
        var timeline = TimelineSamples.mixed
        timeline.truncated = true
        #expect(contentLines(ICalendarTimelineRenderer(options: .init()).render(timeline)).contains(
            "X-WR-CALDESC:First 7 items shown\\; more match. Left out (undated\\, open-ended\\, or before 1 AD\\, which a calendar cannot show): event VISIT-1."))
    }

    @Test("events before 1 AD and open-ended ones are left out and named; a set of days says the entry spans them")
    func leftOutAndSets() {
        let timeline = Timeline(title: "Sample", items: [
            TimelineItem(kind: .event, ref: "LUCA", date: TimelineSamples.date("-0055-04"), title: "Meeting at Luca", detail: "meeting, held"),
            TimelineItem(kind: .event, ref: "OPEN", date: TimelineSamples.date("2022-11-10/.."), title: "Talks", detail: "talks, ongoing"),
            TimelineItem(kind: .event, ref: "SET", date: TimelineSamples.date("[2022-12-01,2022-12-03]"), title: "Visit", detail: "visit, held"),
        ])
        let lines = contentLines(ICalendarTimelineRenderer(options: .init()).render(timeline))
        #expect(lines.contains("X-WR-CALDESC:Left out (undated\\, open-ended\\, or before 1 AD\\, which a calendar cannot show): 2 events: LUCA\\, OPEN."), "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("DTSTART") && $0.contains("-") }, "no date with a sign: \(lines)")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
        #expect(lines.contains("DTSTART;VALUE=DATE:20221201") && lines.contains("DTEND;VALUE=DATE:20221204"), "\(lines)")
        #expect(lines.contains { $0.contains("This entry covers every day from the first to the last of them.") }, "\(lines)")
    }
}
