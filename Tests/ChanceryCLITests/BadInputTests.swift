import Foundation
import Testing

/// One refused command: what to run, the exit code, and what stderr must say.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    var status: Int32
    /// Fragments stderr must contain.
    var messages: [String]
    /// A fragment the `hint:` line must contain, when the case has a specific hint.
    var hint: String? = nil
    /// Whether a `hint:` line must follow (every case but one whose message is its own fix).
    var requiresHint = true

    var testDescription: String { name }

    /// `letter add` from Biden to Hun Sen in June 2022, with some flags replaced or added.
    static func letter(to: String = "Hun Sen", date: String = "2022-06", subject: String = "Thanks for attending",
                       _ extra: [String] = []) -> [String] {
        ["letter", "add", "--from", "Jo Biden", "--to", to, "--date", date, "--subject", subject] + extra
    }
}

/// Bad input is refused with a specific message and exit code, and writes nothing.
@Suite("Bad input")
struct BadInputTests {
    static let cases: [BadInput] = [
        BadInput(name: "unknown recipient", arguments: BadInput.letter(to: "Nobody Atall"), status: 66,
                 messages: ["error: (--to)", "no actor named 'Nobody Atall'", "\ntry: chancery actor add --name \"Nobody Atall\" --kind …"],
                 hint: "Record the actor first."),
        BadInput(name: "misspelt recipient lists the close candidate", arguments: BadInput.letter(to: "Hun Sn"), status: 66,
                 messages: ["error: (--to)", "'Hun Sn'", "\n  - Hun Sen (person"], hint: "Did you mean"),
        BadInput(name: "unknown sender", arguments: ["letter", "add", "--from", "Nobody Atall", "--to", "Hun Sen", "--date", "2022-06",
                                                     "--subject", "S"], status: 66, messages: ["error: (--from)", "Nobody Atall"]),
        BadInput(name: "month 13", arguments: BadInput.letter(date: "2022-13"), status: 65,
                 messages: ["error: (--date)", "month 13 out of range at position 6"]),
        BadInput(name: "reversed interval", arguments: BadInput.letter(date: "2023/2022"), status: 65,
                 messages: ["error: (--date)", "2023/2022", "ends before it starts"]),
        BadInput(name: "received before sent", arguments: BadInput.letter(date: "2022-06-10", ["--received", "2022-06-01"]), status: 65,
                 messages: ["error: (--received)", "before it was sent"]),
        BadInput(name: "pre-2019 draft EDTF", arguments: BadInput.letter(date: "201u"), status: 65,
                 messages: ["error: (--date)", "201u"], hint: "201X"),
        BadInput(name: "reply to a letter that does not exist", arguments: BadInput.letter(["--reply-to", "NOPE-1"]), status: 66,
                 messages: ["error: (--reply-to)", "NOPE-1"]),
        BadInput(name: "duplicate reference", arguments: BadInput.letter(["--ref", "US-KH-2022-001"]), status: 68,
                 messages: ["error: (--ref)", "US-KH-2022-001", "already exists"]),
        BadInput(name: "blank subject", arguments: BadInput.letter(subject: "  "), status: 65,
                 messages: ["error: (--subject)", "must not be empty"]),
        BadInput(name: "301-character subject", arguments: BadInput.letter(subject: String(repeating: "x", count: 301)), status: 65,
                 messages: ["error: (--subject)", "301", "at most 300"]),
        BadInput(name: "negative GeoNames id names its flag", arguments: ["event", "add", "--name", "Visit", "--geonames-id=-3"],
                 status: 65, messages: ["error: (--geonames-id)", "positive"]),
        BadInput(name: "bad CAMEO code names its flag", arguments: ["event", "add", "--name", "Visit", "--cameo-code", "9x"],
                 status: 65, messages: ["error: (--cameo-code)", "CAMEO"]),
        BadInput(name: "ISO code ZZ for a state", arguments: ["actor", "add", "--kind", "state", "--name", "Atlantis", "--iso-code", "ZZ"],
                 status: 65, messages: ["error: (--iso-code)", "'ZZ' is not an ISO 3166-1 alpha-2 country code"]),
        BadInput(name: "letters --country ZZ", arguments: ["letters", "--country", "ZZ"], status: 65,
                 messages: ["error: (--country)", "'ZZ' is not an ISO 3166-1 alpha-2 country code"]),
        BadInput(name: "--iso-code on a person", arguments: ["actor", "add", "--kind", "person", "--name", "Zed Person", "--iso-code", "KH"],
                 status: 65, messages: ["error: (--iso-code)", "only states"]),
        BadInput(name: "bad language tag", arguments: BadInput.letter(["--language", "english!"]), status: 65,
                 messages: ["error: (--language)", "english!"], hint: "BCP 47"),
        // The source is checked after the reference is chosen; an explicit --ref keeps this case
        // about the URL alone.
        BadInput(name: "ftp source URL", arguments: BadInput.letter(["--ref", "BAD-URL-1", "--source-url", "ftp://example.org/a",
                                                                     "--source-title", "A"]),
                 status: 65, messages: ["error: (--source-url)", "ftp://example.org/a"], hint: "https://"),
        BadInput(name: "source URL that is not a URL", arguments: BadInput.letter(["--ref", "BAD-URL-2", "--source-url", "not a url",
                                                                                   "--source-title", "A"]),
                 status: 65, messages: ["error: (--source-url)", "not a url"]),
        BadInput(name: "window that ends before it starts", arguments: ["letters", "--since", "2023", "--until", "2022"], status: 65,
                 messages: ["error: (--until)"]),
        BadInput(name: "invalid Wikidata id", arguments: ["actor", "add", "--kind", "person", "--name", "Zed Person", "--wikidata-id", "X1"],
                 status: 65, messages: ["error: (--wikidata-id)", "X1"]),
        BadInput(name: "response from someone not invited",
                 arguments: ["invitation", "respond", "INV-US-2022-001", "--invitee", "Indonesia", "--status", "accepted"],
                 status: 65, messages: ["error: (--invitee)", "Indonesia is not an invitee of INV-US-2022-001"], hint: "Invitees are"),
        BadInput(name: "duplicate person", arguments: ["actor", "add", "--kind", "person", "--name", "hun  sen"], status: 68,
                 messages: ["error: (--name)", "'Hun Sen' already exists"]),
        BadInput(name: "recipient named twice", arguments: BadInput.letter(["--to", "ហ៊ុន សែន"]), status: 65,
                 messages: ["error: (--to)", "Hun Sen is named twice"], requiresHint: false),
        BadInput(name: "response to an unknown invitation",
                 arguments: ["invitation", "respond", "INV-NOPE-1", "--invitee", "ASEAN", "--status", "accepted", "--date", "2022"],
                 status: 66, messages: ["INV-NOPE-1"]),
        BadInput(name: "timeline --country ZZ", arguments: ["timeline", "--country", "ZZ"], status: 65, messages: ["error: (--country)", "ZZ"]),
        BadInput(name: "unknown event", arguments: ["event", "show", "NO-SUCH-EVENT"], status: 66,
                 messages: ["NO-SUCH-EVENT", "\ntry: chancery event list\ntry: chancery event add …"]),
        BadInput(name: "unknown letter", arguments: ["letter", "show", "US-KH-1999-404"], status: 66,
                 messages: ["no letter with ref 'US-KH-1999-404'", "\ntry: chancery letters"], hint: "among the letters"),
        BadInput(name: "unknown person filter", arguments: ["letters", "--person", "Nobody Atall"], status: 66,
                 messages: ["error: (--person)", "Nobody Atall"]),
    ]

    @Test("refused with a specific message, the right exit code, and no rows written", arguments: cases)
    func refused(_ input: BadInput) async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let before = try await database.counts()
            let result = try await database.run(input.arguments)
            #expect(result.status == input.status, "\(result)")
            #expect(result.stderr.hasPrefix("error: "), "\(result)")
            for message in input.messages {
                #expect(result.stderr.contains(message), "stderr lacks \(message.debugDescription): \(result)")
            }
            let hintLine = result.stderr.split(separator: "\n").first { $0.hasPrefix("hint: ") }
            if input.requiresHint { #expect(hintLine != nil, "no hint line: \(result)") }
            if let hint = input.hint {
                #expect(hintLine?.contains(hint) == true, "hint lacks \(hint.debugDescription): \(result)")
            }
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(try await database.counts() == before, "rows changed by a refused command: \(result)")
        }
    }

    @Test("an alias shared by two persons is ambiguous: 67, both candidates listed, nothing written")
    func ambiguousActor() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            for (name, wikidata) in [("Minister A", "Q990001"), ("Minister B", "Q990002")] {
                let added = try await database.run("actor", "add", "--kind", "person", "--name", name, "--alias", "The Minister",
                                                   "--wikidata-id", wikidata)
                try #require(added.status == 0, "\(added)")
            }
            let before = try await database.counts()
            let result = try await database.run(BadInput.letter(to: "The Minister"))
            #expect(result.status == 67, "\(result)")
            #expect(result.stderr.hasPrefix("error: (--to)"), "\(result)")
            #expect(result.stderr.contains("matches 2 actors"), "\(result)")
            #expect(result.stderr.contains("\n  - Minister A (person"), "\(result)")
            #expect(result.stderr.contains("\n  - Minister B (person"), "\(result)")
            #expect(result.stderr.contains("\nhint: "), "\(result)")
            #expect(try await database.counts() == before, "\(result)")

            // The same alias as sender, and as a --person filter.
            let asSender = try await database.run("letter", "add", "--from", "the minister", "--to", "Hun Sen", "--date", "2022",
                                                  "--subject", "S")
            #expect(asSender.status == 67, "\(asSender)")
            let filter = try await database.run("letters", "--person", "The Minister")
            #expect(filter.status == 67, "\(filter)")
        }
    }

    @Test("usage errors exit 64 before touching the database", arguments: [
        ["letter", "add", "--from", "Jo Biden", "--date", "2022", "--subject", "S"],
        ["letter", "add", "--from", "Jo Biden", "--to", "Hun Sen", "--date", "2022", "--subject", "S", "--source-url", "https://example.org"],
        ["letters", "--between", "US"],
        ["letters", "--limit", "0"],
        ["letters", "--no-such-flag"],
        ["timeline", "--country", "KH", "--format", "pdf"],
        ["invitation", "add", "--from", "Jo Biden"],
    ])
    func usageErrors(arguments: [String]) async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let before = try await database.counts()
            let result = try await database.run(arguments)
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains("Error:") || result.stderr.contains("error:"), "\(result)")
            #expect(try await database.counts() == before)
        }
    }
}
