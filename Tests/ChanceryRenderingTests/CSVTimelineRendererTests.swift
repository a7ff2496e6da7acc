@testable import ChanceryRendering
@testable import ChanceryModel
import ChanceryInterchange
import EDTF
import Foundation
import Testing

@Suite("Timeline CSV")
struct CSVTimelineRendererTests {
    /// Rebuilds items from the CSV, checking the derived date columns against the EDTF column.
    private func items(fromCSV csv: String, grouped: Bool = false) throws -> [TimelineItem] {
        let records = try StrictCSVReader.records(csv)
        let header = CSVTimelineRenderer.columns + (grouped ? ["group"] : [])
        #expect(records.first == header)
        return try records.dropFirst().map { fields in
            #expect(fields.count == header.count)
            let cell = Dictionary(uniqueKeysWithValues: zip(header, fields))
            func optional(_ column: String) -> String? { cell[column]!.isEmpty ? nil : cell[column] }
            let date = try optional("date_edtf").map { try UncertainDate(parsing: $0, field: "date") }
            #expect(cell["date_earliest"] == (date?.earliest?.description ?? ""))
            #expect(cell["date_latest"] == (date?.latest?.description ?? ""))
            #expect(cell["date_precision"] == (date?.precision.rawValue ?? ""))
            #expect(cell["date_display"] == (date?.display ?? ""))
            return TimelineItem(kind: try #require(TimelineItem.Kind(rawValue: cell["kind"]!)), ref: cell["ref"]!, date: date,
                                title: cell["title"]!, detail: cell["detail"]!, status: optional("status"),
                                place: optional("place"), replyBy: optional("reply_by"))
        }
    }

    /// Items as their JSON, which leaves out the recording time a CSV does not carry.
    private func comparable(_ items: [TimelineItem]) throws -> String {
        try JSONOutput.encode(items)
    }

    @Test("the founding example's timeline reads back to the same items")
    func roundTripFoundingExample() throws {
        let timeline = FoundingExampleTimelines.unitedStatesCambodia
        #expect(!timeline.items.isEmpty)
        let csv = try TimelineFormat.csv.render(timeline)
        #expect(try comparable(items(fromCSV: csv)) == comparable(timeline.items))
    }

    @Test("quotes, commas, line breaks and Khmer survive")
    func awkwardText() throws {
        let item = TimelineItem(kind: .event, ref: "EV-1", date: TimelineSamples.date("2022-05?"),
                                title: "He said \"yes\", then\nleft", detail: "ហ៊ុន សែន, Prime Minister;\r\n\"Samdech\"",
                                status: "held", place: "Washington, D.C.")
        let timeline = Timeline(title: "Awkward", items: [item] + TimelineSamples.mixed.items)
        let csv = try TimelineFormat.csv.render(timeline)
        #expect(csv.contains(",\"He said \"\"yes\"\", then\nleft\","))
        #expect(csv.contains(",\"Washington, D.C.\","))
        #expect(try comparable(items(fromCSV: csv)) == comparable(timeline.items))
    }

    @Test("open ends leave the bound empty; undated items leave every date column empty")
    func openAndUndated() throws {
        let records = try StrictCSVReader.records(try TimelineFormat.csv.render(TimelineSamples.mixed))
        let open = try #require(records.first { $0[1] == "ENCL-1" })
        #expect(Array(open[2...6]) == ["/2022-04", "", "2022-04-30", "month", "until Apr 2022 (start unknown)"])
        let undated = try #require(records.first { $0[1] == "VISIT-1" })
        #expect(undated[2...6].allSatisfy { $0.isEmpty })
    }

    @Test("grouped: a last group column")
    func grouped() throws {
        var timeline = TimelineSamples.mixed
        timeline.grouping = .year
        let csv = try TimelineFormat.csv.render(timeline)
        // Rows follow the groups, which may reorder items (an open start is grouped by its end).
        #expect(try comparable(items(fromCSV: csv, grouped: true)) == comparable(timeline.groups.flatMap(\.items)))
        let records = try StrictCSVReader.records(csv)
        #expect(records.dropFirst().map { $0.last! } == timeline.groups.flatMap { group in group.items.map { _ in group.label } })
    }
}
