@testable import ChanceryRendering
@testable import ChanceryModel
import ChanceryInterchange
import EDTF
import Testing

@Suite("Timeline Markdown")
struct MarkdownTimelineRendererTests {
    @Test("grouped: a section per group, each with its own table")
    func grouped() throws {
        var timeline = TimelineSamples.mixed
        timeline.grouping = .year
        let markdown = try TimelineFormat.md.render(timeline)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.filter { $0.hasPrefix("## ") } == timeline.groups.map { "## " + $0.label })
        #expect(lines.filter { $0 == "| Date | Precision | Kind | Ref | What | Who |" }.count == timeline.groups.count)
        #expect(lines.filter { $0.hasPrefix("| ") }.count == timeline.items.count + timeline.groups.count)
    }

    @Test("ungrouped: one table, no sections")
    func ungrouped() throws {
        let markdown = try TimelineFormat.md.render(TimelineSamples.mixed)
        #expect(!markdown.contains("\n## "))
        #expect(markdown.contains("| c. 2022 | year, approx. | letter | `L-CIRCA` |"))
    }

    @Test("pipes and line breaks stay inside their cell; a first page says so")
    func escapingAndTruncation() throws {
        let timeline = Timeline(title: "A | B", items: [
            TimelineItem(kind: .letter, ref: "L-1", date: nil, title: "one | two\nthree", detail: "x"),
        ], truncated: true)
        let markdown = try TimelineFormat.md.render(timeline)
        #expect(markdown.hasPrefix("# Timeline: A \\| B\n\n_First 1 item shown; more match._\n"))
        #expect(markdown.contains("| one \\| two three |"))
    }
}
