@testable import ChanceryRendering
@testable import ChanceryModel
import ChanceryInterchange
import EDTF
import Foundation
import Testing

@Suite("Timeline text")
struct TextTimelineRendererTests {
    @Test("dates read as people write them, with their precision")
    func datesAsPeopleReadThem() throws {
        let text = try TimelineFormat.text.render(TimelineSamples.mixed)
        let lines = text.split(separator: "\n")
        for (date, precision) in [("Jan–Apr 2022", "month range"), ("12–13 May 2022", "day range"), ("c. 2022", "year, approx."),
                                  ("until Apr 2022 (start unknown)", "month range"), ("10 February 2022", "day"), ("undated", "-")] {
            #expect(lines.contains { $0.hasPrefix(date + " ") && $0.contains(" " + precision + " ") }, "\(date), \(precision)")
        }
        #expect(text.hasPrefix("Timeline: Cambodia (KH) – United States (US)\n7 items\n"))
    }

    @Test("columns line up in terminal columns, whatever the script")
    func alignment() throws {
        let wide = Timeline(title: "Widths", items: [
            TimelineItem(kind: .letter, ref: "ហ៊ុន-សែន-1", date: TimelineSamples.date("2022-05-12/2022-05-13"), title: "Khmer ref",
                         detail: "ហ៊ុន សែន → Joe Biden"),
            TimelineItem(kind: .event, ref: "會議-1", date: TimelineSamples.date("2022"), title: "CJK ref", detail: "-"),
            TimelineItem(kind: .response, ref: "PLAIN-REFERENCE-1", date: TimelineSamples.date("2022-01/2022-04"), title: "ASCII ref",
                         detail: "-"),
        ])
        let lines = try TimelineFormat.text.render(wide).split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("DATE") })
        let whatColumn = TerminalColumns.width(of: header[..<(try #require(header.range(of: "WHAT"))).lowerBound])
        for title in ["Khmer ref", "CJK ref", "ASCII ref"] {
            let line = try #require(lines.first { $0.hasSuffix(title) })
            #expect(TerminalColumns.width(of: line.dropLast(title.count)) == whatColumn, "\(line)")
        }
        let detail = try #require(lines.first { $0.hasSuffix("ហ៊ុន សែន → Joe Biden") })
        #expect(detail.prefix(while: { $0 == " " }).count == whatColumn)
    }

    @Test("a grouped timeline has a heading per group")
    func grouped() throws {
        var timeline = TimelineSamples.mixed
        timeline.grouping = .month
        let text = try TimelineFormat.text.render(timeline)
        #expect(text.contains("7 items, by month"))
        for label in timeline.groups.map(\.label) {
            #expect(text.contains("\n\n" + label + "\n" + String(repeating: "-", count: label.count) + "\n"))
        }
        #expect(timeline.groups.map(\.label).contains("Undated"))
    }

    @Test("a first page says so")
    func truncated() throws {
        var timeline = TimelineSamples.mixed
        timeline.truncated = true
        #expect(try TimelineFormat.text.render(timeline).contains("\nFirst 7 items shown; more match.\n"))
        #expect(try !TimelineFormat.text.render(TimelineSamples.mixed).contains("First"))
    }

    @Test("terminal widths: combining marks take none, wide characters two")
    func terminalColumns() {
        #expect(TerminalColumns.width(of: "12–13 May 2022") == 14)
        #expect(TerminalColumns.width(of: "ហ៊ុន") == 2)
        // The vowel sign ែ is a spacing mark: it takes a column, as wcwidth counts it.
        #expect(TerminalColumns.width(of: "ហ៊ុន សែន") == 6)
        #expect(TerminalColumns.width(of: "會議") == 4)
        #expect(TerminalColumns.width(of: "e\u{301}") == 1)
        #expect(TerminalColumns.padded("ហ៊ុន", to: 4) == "ហ៊ុន  ")
    }

    @Test("a section names the span an item's dates lie in, not the first month of it", arguments: [
        ("2022-05-12", "May 2022", "2022"), ("2022-05", "May 2022", "2022"),
        ("2022", "2022, month unknown", "2022"), ("2022-01/2022-04", "January–April 2022", "2022"),
        ("2021-12/2022-01", "December 2021 – January 2022", "2021–2022"), ("1541/1542", "1541–1542, month unknown", "1541–1542"),
        ("2022-05-12/..", "From May 2022", "From 2022"), ("../2022-04", "Until April 2022", "Until 2022"),
        ("1542/..", "From 1542", "From 1542"), ("../1542", "Until 1542", "Until 1542"),
        ("[1542-01,1542-12]", "January–December 1542", "1542"), ("1542-XX-05", "1542, month unknown", "1542"),
        ("-0001-12/0001-01", "December 2 BC – January 1 AD", "2 BC – 1 AD"), ("XXXX", "Undated", "Undated"),
    ])
    func sectionSpans(edtf: String, month: String, year: String) throws {
        let date = TimelineSamples.date(edtf)
        #expect(Timeline.groupLabel(of: date, by: .month) == month)
        #expect(Timeline.groupLabel(of: date, by: .year) == year)
    }

    @Test("sections and the chart's axis name years before the common era as people do (45 BC, not -44)")
    func yearsBeforeTheCommonEra() throws {
        let timeline = Timeline(title: "Cicero", items: [
            TimelineItem(kind: .letter, ref: "C-1", date: TimelineSamples.date("-0049~"), title: "Letter: c. 50 BC", detail: "Cicero → Atticus"),
            TimelineItem(kind: .letter, ref: "C-2", date: TimelineSamples.date("-0044-03-14"), title: "Letter: the Ides", detail: "Cicero → Atticus"),
        ], grouping: .year)
        #expect(timeline.groups.map(\.label) == ["50 BC", "45 BC"])
        var byMonth = timeline
        byMonth.grouping = .month
        #expect(byMonth.groups.map(\.label) == ["50 BC, month unknown", "March 45 BC"])
        for format in [TimelineFormat.text, .md, .csv] {
            let written = try format.render(timeline)
            #expect(!written.contains("-44") && !written.contains("-49"), "\(format): \(written)")
        }
        let html = try TimelineFormat.html.render(timeline)
        #expect(html.contains(">50 BC<") && !html.contains(">-4"), "the axis's ticks")
        // A span within one year of the era: month ticks, the first labelled with its year.
        var ides = timeline
        ides.items = [timeline.items[1]]
        #expect(try TimelineFormat.html.render(ides).contains("Mar 45 BC"))
    }

    @Test("an undated letter's precision reads undated, not century")
    func undatedPrecision() throws {
        let timeline = Timeline(title: "Sample", items: [
            TimelineItem(kind: .letter, ref: "L-UNDATED", date: TimelineSamples.date("XXXX"), title: "Letter: undated", detail: "A → B"),
        ])
        for format in [TimelineFormat.text, .md, .html] {
            let written = try format.render(timeline)
            #expect(written.contains("undated") && !written.contains("century"), "\(format): \(written)")
        }
    }
}
