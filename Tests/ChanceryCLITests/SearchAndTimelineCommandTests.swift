import Foundation
import Testing

@Suite("chancery search and timeline scopes")
struct SearchAndTimelineCommandTests {
    @Test("search finds letters by words and names, with snippets; --json has the documented shape")
    func search() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let text = try await database.run("search", "centrality")
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout.contains("US-KH-2022-001"), "\(text)")
            #expect(text.stdout.contains("**centrality**"), "\(text)")

            let json = try await database.run("search", "ហ៊ុន", "សែន", "--json")
            #expect(json.status == 0, "\(json)")
            let object = try json.jsonObject()
            let actors = try #require(object["actors"] as? [[String: Any]], "\(json)")
            #expect(actors.map { $0["name"] as? String } == ["Hun Sen"], "\(json)")
            let letters = try #require(object["letters"] as? [[String: Any]], "\(json)")
            let refs = Set(letters.compactMap { ($0["letter"] as? [String: Any])?["ref"] as? String })
            #expect(refs == ["US-KH-2022-001", "KH-US-2022-001"], "\(json)")
        }
    }

    @Test("an excluded -word given as its own argument is a word to exclude, not an option, wherever the options are")
    func excludedWordsAsArguments() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            func refs(_ arguments: String...) async throws -> Set<String> {
                let result = try await database.run(["search"] + arguments + ["--json"])
                #expect(result.status == 0 && !result.stdout.contains("USAGE"), "\(arguments): \(result)")
                let letters = try result.jsonObject()["letters"] as? [[String: Any]] ?? []
                return Set(letters.compactMap { ($0["letter"] as? [String: Any])?["ref"] as? String })
            }
            let all = try await refs("Hun")
            let excluded = try await refs("Hun", "-centrality")
            #expect(all.contains("US-KH-2022-001") && !excluded.contains("US-KH-2022-001") && excluded.isSubset(of: all), "\(all) \(excluded)")
            #expect(try await refs("Hun -centrality") == excluded, "quoted as one argument, the same")
            let limited = try await database.run("search", "--limit", "1", "Hun", "-centrality")
            #expect(limited.status == 0 && !limited.stdout.contains("USAGE"), "\(limited)")
            let help = try await database.run("search", "--help")
            #expect(help.stdout.contains("USAGE"), "\(help)")
            // A mistyped option, or one missing its value, is still refused, not searched for.
            for arguments in [["search", "Hun", "-centrality", "--ofset", "20"], ["search", "Hun", "--jsn"], ["search", "Hun", "--limit"]] {
                let refused = try await database.run(arguments)
                #expect(refused.status == 64, "\(arguments): \(refused)")
            }
        }
    }

    @Test("search refuses an empty query and a query of common words, writing nothing")
    func badSearches() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let empty = try await database.run("search", " ")
            #expect(empty.status == 64, "\(empty)")
            let common = try await database.run("search", "the", "of")
            #expect(common.status != 0, "\(common)")
            #expect(common.stderr.contains("too common"), "\(common)")
        }
    }

    @Test("letters --text is full-text search; --offset pages")
    func lettersTextAndOffset() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let found = try await database.run("letters", "--text", "CENTRALITY", "--json")
            #expect(found.status == 0, "\(found)")
            #expect(try found.jsonArray().compactMap { $0["ref"] as? String } == ["US-KH-2022-001"], "\(found)")
            let page = try await database.run("letters", "--country", "KH", "--limit", "1", "--offset", "1", "--json")
            #expect(page.status == 0, "\(page)")
            #expect(try page.jsonArray().compactMap { $0["ref"] as? String } == ["KH-US-2022-001"], "\(page)")
        }
    }

    @Test("timeline scopes: a person, an organization with its members, a side, a window, everything")
    func timelineScopes() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            func refs(_ arguments: String...) async throws -> [String] {
                let result = try await database.run(["timeline"] + arguments + ["--format", "json"])
                #expect(result.status == 0, "\(result)")
                let items = try #require(try result.jsonObject()["items"] as? [[String: Any]], "\(result)")
                return items.map { item in ((item["kind"] as? String) ?? "?") + ":" + ((item["ref"] as? String) ?? "?") }
            }
            let person = try await refs("--person", "Hun Sen")
            #expect(person.contains("letter:KH-US-2022-001") && person.contains("letter:US-KH-2022-001"), "\(person)")
            #expect(person.contains("response:INV-US-2022-001"), "\(person)")

            let organization = try await refs("--org", "ASEAN")
            #expect(organization.contains("letter:US-ASEAN-2022-001"), "\(organization)")
            #expect(!organization.contains("letter:KH-US-2022-001"), "\(organization)")
            let withMembers = try await refs("--org", "ASEAN", "--members")
            #expect(withMembers.contains("letter:KH-US-2022-001"), "\(withMembers)")

            let sent = try await refs("--country", "KH", "--side", "sender")
            #expect(sent.filter { $0.hasPrefix("letter:") } == ["letter:KH-US-2022-001"], "\(sent)")
            let received = try await refs("--country", "KH", "--side", "recipient")
            #expect(received.filter { $0.hasPrefix("letter:") } == ["letter:US-KH-2022-001"], "\(received)")

            let june = try await refs("--all", "--since", "2022-05-12", "--until", "2022-06")
            #expect(june == ["event:ASEAN-US-SUMMIT-2022"], "\(june)")
            let first = try await refs("--all", "--limit", "2")
            #expect(first.count == 2, "\(first)")
        }
    }

    @Test("timeline writes every format to --output; bad options are usage errors")
    func timelineFormats() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-timeline-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            for format in ["text", "md", "json", "csv", "html", "ics"] {
                let path = folder.appendingPathComponent("summit." + format).path
                let result = try await database.run("timeline", "--event", "ASEAN-US-SUMMIT-2022", "--format", format, "--output", path)
                #expect(result.status == 0, "\(result)")
                let written = try String(contentsOfFile: path, encoding: .utf8)
                #expect(written.contains("ASEAN-US-SUMMIT-2022") || written.contains("Special ASEAN"), "\(format): \(written.prefix(300))")
            }
            let ics = try String(contentsOfFile: folder.appendingPathComponent("summit.ics").path, encoding: .utf8)
            #expect(ics.contains("BEGIN:VEVENT\r\n") && ics.contains("DTSTART;VALUE=DATE:20220512\r\n"), "\(ics)")
            #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF in the iCalendar file")

            for arguments in [["--country", "KH", "--side", "left"], ["--person", "Hun Sen", "--side", "sender"],
                              ["--org", "ASEAN", "--format", "pdf"], ["--country", "KH", "--deadlines"],
                              ["--country", "KH", "--group-by", "week"], ["--country", "KH", "--limit", "0"],
                              ["--members", "--country", "KH"]] {
                let result = try await database.run(["timeline"] + arguments)
                #expect(result.status == 64, "\(result)")
            }
            let reversed = try await database.run("timeline", "--all", "--since", "2023", "--until", "2022")
            #expect(reversed.status == 65, "\(reversed)")
            #expect(reversed.stderr.contains("Swap --since and --until"), "\(reversed)")
        }
    }
}
