@testable import ChanceryRendering
@testable import ChanceryModel
import ChanceryInterchange
import EDTF
import Foundation
import Testing

/// Every format pinned on the founding example's timelines, built by hand (see `GoldenFile` for
/// regenerating; `FoundingExampleTimelineTests` in the Core tests checks the service still reads them).
@Suite("Timeline golden files")
struct TimelineGoldenTests {
    static func fileExtension(_ format: TimelineFormat) -> String {
        format == .text ? "txt" : format.rawValue
    }

    @Test("the summit's dossier in every format, and grouped by month")
    func summit() throws {
        for format in TimelineFormat.allCases {
            try GoldenFile.expectMatches(try format.render(FoundingExampleTimelines.summit), "summit." + Self.fileExtension(format))
        }
        for format in TimelineFormat.allCases where format != .ics {
            try GoldenFile.expectMatches(try format.render(FoundingExampleTimelines.summitByMonth),
                                         "summit-by-month." + Self.fileExtension(format))
        }
    }

    @Test("the United States – Cambodia timeline in every format")
    func unitedStatesCambodia() throws {
        for format in TimelineFormat.allCases {
            try GoldenFile.expectMatches(try format.render(FoundingExampleTimelines.unitedStatesCambodia),
                                         "us-kh." + Self.fileExtension(format))
        }
    }
}
