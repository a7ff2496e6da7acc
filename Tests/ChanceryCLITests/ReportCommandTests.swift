import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `chancery thread`, `pending`, `stats` and `network`, run as the real binary against the founding example.
@Suite("Report commands")
struct ReportCommandTests {
    @Test("thread KH-US-2022-001: Biden's letter is the root, with the enclosure and the reply (this letter) under it")
    func threadText() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run("thread", "KH-US-2022-001")
            #expect(result.status == 0, "\(result)")
            // The heading, a blank line, then one line per letter.
            let lines = result.stdout.split(separator: "\n").map(String.init)
            try #require(lines.count == 4, "\(result)")
            #expect(lines[0] == "Thread of KH-US-2022-001: 3 letters", "\(result)")
            #expect(lines[1].hasPrefix("Jan–Apr 2022  US-KH-2022-001  Letter: "), "\(result)")
            #expect(lines[2].hasPrefix("├─ enclosure: ") && lines[2].contains("US-ASEAN-2022-001"), "\(result)")
            #expect(lines[3].hasPrefix("└─ ▶ reply: Jan–Apr 2022  KH-US-2022-001") && lines[3].hasSuffix("(this letter)"), "\(result)")
        }
    }

    @Test("thread --json: the documented nested shape")
    func threadJSON() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run("thread", "KH-US-2022-001", "--json")
            #expect(result.status == 0, "\(result)")
            let root = try result.jsonObject()
            #expect(root.string("ref") == "US-KH-2022-001")
            #expect(root["relation"] is NSNull, "\(root)")
            #expect(root["isRequested"] as? Bool == false)
            #expect(root.object("date")?.string("edtf") == "2022-01/2022-04")
            #expect(root.string("kind") == "letter" && root.strings("from") == ["Joe Biden"] && root.strings("to") == ["Hun Sen"])
            let children = root.objects("children")
            #expect(refs(children) == ["US-ASEAN-2022-001", "KH-US-2022-001"])
            #expect(children.map { $0.string("relation") } == ["enclosure", "reply"])
            #expect(children.map { $0["isRequested"] as? Bool } == [false, true])
            #expect(children.allSatisfy { $0.objects("children").isEmpty && $0["children"] is [Any] })
        }
    }

    @Test("thread of an unknown reference exits 66 and suggests the close one")
    func threadUnknown() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let result = try await database.run("thread", "KH-US-2022-01")
            #expect(result.status == 66, "\(result)")
            #expect(result.stderr.contains("error: (ref) no letter with ref 'KH-US-2022-01'"), "\(result)")
            #expect(result.stderr.contains("  - KH-US-2022-001"), "\(result)")
        }
    }

    @Test("pending lists the invitation ASEAN has not answered, and a letter until its reply is logged")
    func pending() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let text = try await database.run("pending")
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout.contains("Invitations awaiting answers: 1"), "\(text)")
            #expect(appearInOrder(["INV-US-2022-001", "Joe Biden", "Special ASEAN–U.S. Summit", "ASEAN (1 answered)"], in: text.stdout), "\(text)")
            #expect(text.stdout.contains("Letters awaiting a reply: 0"), "\(text)")

            let asked = try await database.run("letter", "add", "--from", "Joe Biden", "--to", "Hun Sen", "--date", "2022-06",
                                               "--subject", "Will you attend?", "--awaiting-reply")
            #expect(asked.status == 0, "\(asked)")
            let ref = asked.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let listed = try await database.run("pending", "--json").jsonObject()
            #expect(refs(listed.objects("letters")) == [ref], "\(listed)")
            #expect(refs(listed.objects("invitations")) == ["INV-US-2022-001"])
            #expect(listed.objects("invitations").first?.strings("pendingInvitees") == ["ASEAN"])

            let answered = try await database.run("letter", "add", "--from", "Hun Sen", "--to", "Joe Biden", "--date", "2022-06",
                                                  "--subject", "I will", "--reply-to", ref)
            #expect(answered.status == 0, "\(answered)")
            let after = try await database.run("pending", "--json").jsonObject()
            #expect(after.objects("letters").isEmpty, "\(after)")
            let old = try await database.run("pending", "--older-than", "1y", "--json").jsonObject()
            #expect(old.string("olderThan") == "1y")
            #expect(refs(old.objects("invitations")) == ["INV-US-2022-001"], "\(old)")
        }
    }

    @Test("stats prints aligned tables and the documented JSON")
    func stats() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let text = try await database.run("stats")
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout.hasPrefix("Letters: 3\n"), "\(text)")
            #expect(text.stdout.contains("US       United States     2         1    0      3"), "\(text)")
            #expect(text.stdout.contains("Hun Sen    Joe Biden        1"), "\(text)")

            let json = try await database.run("stats", "--top", "1", "--json").jsonObject()
            #expect(Set(json.keys) == ["since", "until", "letters", "byCountry", "byYear", "byKind", "invitations", "openInvitations",
                                       "invitationResponses", "eventsByStatus", "topCorrespondents", "topCountryPairs"], "\(json)")
            #expect(json["letters"] as? Int == 3)
            #expect(json.objects("byCountry").map { $0.string("code") } == ["US", "KH", "ID"])
            #expect(json.objects("byYear").first?["year"] as? Int == 2022)
            #expect(json.objects("topCorrespondents").count == 1)
            #expect(json["since"] is NSNull)
        }
    }

    @Test("network: DOT on standard output and well-formed GEXF 1.3 in a file")
    func network() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let dot = try await database.run("network", "--format", "dot")
            #expect(dot.status == 0, "\(dot)")
            #expect(dot.stdout.hasPrefix("digraph chancery {\n"), "\(dot)")
            #expect(dot.stdout.components(separatedBy: " -> ").count - 1 == 3, "\(dot)")
            #expect(dot.stdout.contains("[label=\"Joe Biden\", shape=ellipse, kind=\"person\", country=\"US\"]"), "\(dot)")

            let file = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-network-\(UUID().uuidString).gexf")
            defer { try? FileManager.default.removeItem(at: file) }
            let gexf = try await database.run("network", "--format", "gexf", "--level", "country", "--output", file.path)
            #expect(gexf.status == 0 && gexf.stdout.isEmpty, "\(gexf)")
            let counter = ElementCounter()
            let parser = XMLParser(data: try Data(contentsOf: file))
            parser.delegate = counter
            #expect(parser.parse(), "\(String(describing: parser.parserError))")
            #expect(counter.counts["gexf"] == 1 && counter.counts["node"] == 2 && counter.counts["edge"] == 2, "\(counter.counts)")
        }
    }

    @Test("bad report input exits non-zero with a specific message", arguments: [
        (["pending", "--older-than", "3x"], Int32(65), "error: (--older-than) '3x' is not an age"),
        (["stats", "--top", "0"], 64, "--top must be at least 1"),
        (["network", "--format", "xml"], 64, "The value 'xml' is invalid for '--format <format>'. Please provide one of 'dot' and 'gexf'."),
        (["network", "--level", "planet"], 64, "The value 'planet' is invalid for '--level <level>'. Please provide one of 'actor' and 'country'."),
        (["stats", "--since", "2023", "--until", "2022"], 65, "error: (--until) the window ends (2022) before it starts (2023)"),
    ])
    func badInput(arguments: [String], status: Int32, message: String) async throws {
        try await ScratchDatabase.with { database in
            let result = try await database.run(arguments)
            #expect(result.status == status, "\(result)")
            #expect(result.stderr.contains(message), "\(result)")
        }
    }

    @Test("each report command's --help shows an example", arguments: ["thread", "pending", "stats", "network"])
    func help(command: String) async throws {
        let result = try await CLI.run([command, "--help"], environment: CLI.neutralEnvironment)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Example") && result.stdout.contains("USAGE: chancery " + command), "\(result)")
    }
}

/// Counts the elements of an XML document by name.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
    }
}
