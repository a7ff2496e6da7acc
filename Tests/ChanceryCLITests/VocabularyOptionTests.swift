import Foundation
import Testing

/// One option whose values are a closed vocabulary.
struct VocabularyOption: Sendable, CustomTestStringConvertible {
    var command: [String]
    var option: String
    var valueName: String
    var values: [String]

    var testDescription: String { (command + [option]).joined(separator: " ") }

    static let letterKinds = ["letter", "note_verbale", "message", "telegram", "cable", "email", "memorandum", "call_readout", "other"]
    static let actorKinds = ["person", "state", "organization"]
    static let timelineFormats = ["text", "md", "json", "csv", "html", "ics"]
    static let interchangeFormats = ["jsonl", "csv", "cmif", "tei"]

    static let all: [VocabularyOption] = [
        VocabularyOption(command: ["letter", "add"], option: "--kind", valueName: "kind", values: letterKinds),
        VocabularyOption(command: ["letter", "add"], option: "--classification", valueName: "level",
                         values: ["public", "unclassified", "restricted", "confidential", "secret", "top_secret"]),
        VocabularyOption(command: ["letters"], option: "--kind", valueName: "kind", values: letterKinds),
        VocabularyOption(command: ["export"], option: "--kind", valueName: "kind", values: letterKinds),
        VocabularyOption(command: ["actor", "add"], option: "--kind", valueName: "kind", values: actorKinds),
        VocabularyOption(command: ["actor", "list"], option: "--kind", valueName: "kind", values: actorKinds),
        VocabularyOption(command: ["event", "add"], option: "--kind", valueName: "kind",
                         values: ["summit", "state_visit", "official_visit", "working_visit", "ministerial_meeting", "session",
                                  "conference", "call", "signing", "other"]),
        VocabularyOption(command: ["event", "add"], option: "--status", valueName: "status",
                         values: ["proposed", "scheduled", "postponed", "held", "cancelled"]),
        // (An answer is given: `pending` is no answer, and the service refuses it.)
        VocabularyOption(command: ["invitation", "respond"], option: "--status", valueName: "status",
                         values: ["accepted", "declined", "tentative"]),
        VocabularyOption(command: ["token", "create"], option: "--role", valueName: "role", values: ["reader", "editor", "admin"]),
        VocabularyOption(command: ["timeline"], option: "--side", valueName: "side", values: ["any", "sender", "recipient"]),
        VocabularyOption(command: ["timeline"], option: "--group-by", valueName: "unit", values: ["none", "year", "month"]),
        VocabularyOption(command: ["timeline"], option: "--format", valueName: "format", values: timelineFormats),
        VocabularyOption(command: ["demo"], option: "--format", valueName: "format", values: timelineFormats),
        VocabularyOption(command: ["network"], option: "--format", valueName: "format", values: ["dot", "gexf"]),
        VocabularyOption(command: ["network"], option: "--level", valueName: "level", values: ["actor", "country"]),
        VocabularyOption(command: ["export"], option: "--format", valueName: "format", values: interchangeFormats),
        VocabularyOption(command: ["import"], option: "--format", valueName: "format", values: interchangeFormats),
        VocabularyOption(command: ["serve"], option: "--log-level", valueName: "level",
                         values: ["trace", "debug", "info", "notice", "warning", "error", "critical"]),
    ]
}

/// Options taking a closed vocabulary are checked by the argument parser: help lists the values,
/// and any other value is a usage error naming them, before a database is touched.
@Suite("Vocabulary options")
struct VocabularyOptionTests {
    /// Help wraps at the terminal's width; one space between words reads the same at any width.
    static func unwrapped(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("--help lists the values", arguments: VocabularyOption.all)
    func helpListsTheValues(_ option: VocabularyOption) async throws {
        let (environment, home) = HelpTests.isolatedEnvironment()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await CLI.run(option.command + ["--help"], environment: environment)
        #expect(result.status == 0, "\(result)")
        let help = Self.unwrapped(result.stdout)
        #expect(help.contains("\(option.option) <\(option.valueName)>"), "\(result)")
        #expect(help.contains("values: " + option.values.joined(separator: ", ")), "\(result)")
    }

    @Test("a value outside the vocabulary is refused by the parser, which names the valid ones", arguments: VocabularyOption.all)
    func badValueIsAUsageError(_ option: VocabularyOption) async throws {
        let (environment, home) = HelpTests.isolatedEnvironment()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await CLI.run(option.command + [option.option, "bogus"], environment: environment)
        #expect(result.status == 64, "\(result)")
        let message = Self.unwrapped(result.stderr)
        #expect(message.contains("The value 'bogus' is invalid for '\(option.option) <\(option.valueName)>'"), "\(result)")
        for value in option.values {
            #expect(message.contains(value), "the refusal does not name \(value): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: home.path), "a refused option created an embedded cluster")
    }

    @Test("values are read in any case and with - for _, as the services read them")
    func lenientSpelling() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let before = try await database.run("letters", "--kind", "NOTE_VERBALE", "--json")
            #expect(before.status == 0, "\(before)")
            let added = try await database.run(BadInput.letter(["--kind", "Note-Verbale", "--classification", "TOP-SECRET"]))
            #expect(added.status == 0, "\(added)")
            let after = try await database.run("letters", "--kind", "note-verbale", "--json")
            #expect(after.status == 0, "\(after)")
            #expect(try after.jsonArray().count == before.jsonArray().count + 1, "\(after)")
        }
    }
}
