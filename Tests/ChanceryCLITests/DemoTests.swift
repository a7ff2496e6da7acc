import Foundation
import Testing

/// `chancery demo`: the founding example, loaded once and shown as the US–KH timeline.
@Suite("chancery demo")
struct DemoTests {
    /// The five items of the US–KH timeline, in date order.
    static let expectedOrder = ["INV-US-2022-001", "US-KH-2022-001", "KH-US-2022-001", "INV-US-2022-001", "ASEAN-US-SUMMIT-2022"]

    @Test("demo loads the founding example and prints the timeline in date order")
    func demoText() async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            let result = try await database.run("demo")
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("Loaded the founding example"), "\(result)")
            let text = result.stdout
            // Invitation, the two letters, Hun Sen's acceptance, then the summit.
            let lines = text.split(separator: "\n").map(String.init)
            let invitation = lines.firstIndex { $0.contains("invitation") && $0.contains("INV-US-2022-001") }
            let usKH = lines.firstIndex { $0.contains("US-KH-2022-001") && $0.contains("letter") }
            let khUS = lines.firstIndex { $0.contains("KH-US-2022-001") && $0.contains("letter") && !$0.contains("response") }
            let response = lines.firstIndex { $0.contains("response") && $0.contains("INV-US-2022-001") }
            let event = lines.firstIndex { $0.contains("ASEAN-US-SUMMIT-2022") && $0.contains("Special ASEAN–U.S. Summit") }
            let found = try [invitation, usKH, khUS, response, event].map { try #require($0, "missing timeline line in:\n\(text)") }
            #expect(found == found.sorted() && Set(found).count == 5, "out of order:\n\(text)")
            #expect(lines.contains { $0.contains("Hun Sen accepted") }, "\(text)")
        }
    }

    @Test("running demo twice changes nothing and says it is already loaded")
    func demoIsIdempotent() async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            let first = try await database.run("demo")
            try #require(first.status == 0, "\(first)")
            let tables = ["letter", "actor", "invitation", "history", "letter_participant", "letter_link", "event", "citation", "source"]
            let before = try await database.counts(tables)
            #expect(before["letter"] == 3 && before["invitation"] == 1 && before["event"] == 1, "\(before)")
            let second = try await database.run("demo")
            #expect(second.status == 0, "\(second)")
            #expect(second.stdout.lowercased().contains("already loaded"), "\(second)")
            let after = try await database.counts(tables)
            #expect(after == before)
            // The timeline is still printed.
            #expect(appearInOrder(["INV-US-2022-001", "US-KH-2022-001", "KH-US-2022-001", "ASEAN-US-SUMMIT-2022"], in: second.stdout),
                    "\(second)")
        }
    }

    @Test("demo --format json is a timeline of five items in order")
    func demoJSON() async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            let result = try await database.run("demo", "--format", "json")
            #expect(result.status == 0, "\(result)")
            let timeline = try result.jsonObject()
            let items = timeline.objects("items")
            #expect(items.count == 5, "\(result)")
            #expect(refs(items) == Self.expectedOrder)
            #expect(items.map { $0.string("kind") ?? "" } == ["invitation", "letter", "letter", "response", "event"])
            #expect(items.last?.string("title")?.contains("Special ASEAN–U.S. Summit") == true)
            #expect(items[3].string("status") == "accepted")
            for item in items {
                let date = try #require(item.object("date"), "item without a date: \(item)")
                #expect(date["edtf"] is String && date["precision"] is String && date["display"] is String)
            }
        }
    }

    @Test("demo --format md is a Markdown table")
    func demoMarkdown() async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            let result = try await database.run("demo", "--format", "md")
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("# ") == true, "\(result)")
            let header = try #require(lines.firstIndex { $0.hasPrefix("| Date |") }, "no table header in \(result)")
            #expect(lines[header + 1].hasPrefix("|---"), "\(result)")
            let rows = lines[(header + 2)...].filter { $0.hasPrefix("|") && $0.hasSuffix("|") }
            #expect(rows.count == 5, "\(result)")
            #expect(appearInOrder(Self.expectedOrder, in: rows.joined(separator: "\n")))
            // No status line mixed into the Markdown.
            #expect(!result.stdout.contains("Loaded the founding example"))
        }
    }

    @Test("demo rejects an unknown --format with a usage error")
    func demoBadFormat() async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            let result = try await database.run("demo", "--format", "pdf")
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains("--format"), "\(result)")
            #expect(try await database.counts(["letter"])["letter"] == 0)
        }
    }
}
