@testable import ChanceryCore
import Foundation
import Testing
import ChanceryRendering

@Suite("Timeline reports")
struct TimelineRenderingTests {
    @Test("text shows dates as known, their precision and every item")
    func text() async throws {
        try await withChancery(foundingExample: true) { database in
            let timeline = try await TimelineService(database: database).timeline(.country("KH"))
            let text = try TimelineFormat.text.render(timeline)
            #expect(text.contains("Timeline: Cambodia (KH)"))
            #expect(text.contains("Jan–Apr 2022"))
            #expect(text.contains("month range"))
            #expect(text.contains("12–13 May 2022"))
            for ref in ["INV-US-2022-001", "US-KH-2022-001", "KH-US-2022-001", "ASEAN-US-SUMMIT-2022"] {
                #expect(text.contains(ref))
            }
            let lines = text.split(separator: "\n")
            let letterLine = try #require(lines.firstIndex { $0.contains("US-KH-2022-001") })
            let eventLine = try #require(lines.firstIndex { $0.contains("ASEAN-US-SUMMIT-2022") })
            #expect(letterLine < eventLine)
        }
    }

    @Test("Markdown is a table with one row per item")
    func markdown() async throws {
        try await withChancery(foundingExample: true) { database in
            let timeline = try await TimelineService(database: database).timeline(.between("KH", "US"))
            let markdown = try TimelineFormat.md.render(timeline)
            let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }
            #expect(rows.count == timeline.items.count + 1)
            #expect(markdown.hasPrefix("# Timeline: Cambodia (KH) – United States (US)"))
        }
    }

    @Test("JSON carries each item's EDTF date with bounds and precision")
    func json() async throws {
        try await withChancery(foundingExample: true) { database in
            let timeline = try await TimelineService(database: database).timeline(.event("ASEAN-US-SUMMIT-2022"))
            let object = try JSONSerialization.jsonObject(with: Data(try TimelineFormat.json.render(timeline).utf8)) as? [String: Any]
            let items = try #require(object?["items"] as? [[String: Any]])
            #expect(items.map { $0["kind"] as? String } == ["letter", "invitation", "letter", "response", "event"])
            let event = try #require(items.last?["date"] as? [String: Any])
            #expect(event["edtf"] as? String == "2022-05-12/2022-05-13")
            #expect(event["earliest"] as? String == "2022-05-12")
            #expect(event["latest"] as? String == "2022-05-13")
            #expect(event["precision"] as? String == "day")
        }
    }

    @Test("an empty scope says so")
    func empty() async throws {
        try await withChancery(foundingExample: true) { database in
            let timeline = try await TimelineService(database: database).timeline(.country("FR"))
            #expect(timeline.items.isEmpty)
            #expect(try TimelineFormat.text.render(timeline).contains("(nothing recorded)"))
        }
    }
}
