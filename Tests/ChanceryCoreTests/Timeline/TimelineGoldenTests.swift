@testable import ChanceryCore
import Foundation
import Testing

/// Every format pinned on the founding example (see `GoldenFile` for regenerating).
@Suite("Timeline golden files")
struct TimelineGoldenTests {
    static func fileExtension(_ format: TimelineFormat) -> String {
        format == .text ? "txt" : format.rawValue
    }

    @Test("the summit's dossier in every format, and grouped by month")
    func summit() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = TimelineService(database: database)
            let timeline = try await service.timeline(.event("ASEAN-US-SUMMIT-2022"))
            for format in TimelineFormat.allCases {
                try GoldenFile.expectMatches(try format.render(timeline), "summit." + Self.fileExtension(format))
            }
            let byMonth = try await service.timeline(TimelineRequest(.event("ASEAN-US-SUMMIT-2022"), grouping: .month))
            #expect(byMonth.grouping == .month)
            for format in TimelineFormat.allCases where format != .ics {
                try GoldenFile.expectMatches(try format.render(byMonth), "summit-by-month." + Self.fileExtension(format))
            }
        }
    }

    @Test("the United States – Cambodia timeline in every format")
    func unitedStatesCambodia() async throws {
        try await withChancery(foundingExample: true) { database in
            let timeline = try await TimelineService(database: database).timeline(.between("US", "KH"))
            for format in TimelineFormat.allCases {
                try GoldenFile.expectMatches(try format.render(timeline), "us-kh." + Self.fileExtension(format))
            }
        }
    }
}
