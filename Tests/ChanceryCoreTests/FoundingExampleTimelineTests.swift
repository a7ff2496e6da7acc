@testable import ChanceryCore
import ChanceryModel
import ChanceryRendering
import Foundation
import Testing

/// The renderers' golden files are made from hand-built timelines (Tests/ChanceryRenderingTests);
/// these tests close the loop: the service reads exactly those timelines from a loaded register.
@Suite("Founding example timelines as the service reads them")
struct FoundingExampleTimelineTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../ChanceryRenderingTests/Golden").standardizedFileURL

    static func expectGoldenJSON(_ timeline: Timeline, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)
        #expect(try TimelineFormat.json.render(timeline) == expected, sourceLocation: sourceLocation)
    }

    @Test("the summit's dossier, ungrouped and by month, and the US–KH timeline")
    func foundingExample() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = TimelineService(database: database)
            try Self.expectGoldenJSON(try await service.timeline(.event("ASEAN-US-SUMMIT-2022")), "summit.json")
            let byMonth = try await service.timeline(TimelineRequest(.event("ASEAN-US-SUMMIT-2022"), grouping: .month))
            try Self.expectGoldenJSON(byMonth, "summit-by-month.json")
            try Self.expectGoldenJSON(try await service.timeline(.between("US", "KH")), "us-kh.json")
        }
    }
}
