import ArgumentParser
import ChanceryCore
import Foundation

/// `chancery timeline`: letters, invitations, responses and events of a scope in date order.
struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Produce a timeline report for a country, a pair of countries or an event.",
        discussion: """
            Items are ordered by their earliest possible date, then their latest; each shows its \
            date as known ("Jan–Apr 2022", "c. 2022") and its precision.

            Example:
              chancery timeline --between US KH --format md --output us-kh.md
              chancery timeline --event "Special ASEAN–U.S. Summit"
            """
    )

    @Option(help: ArgumentHelp("Everything involving this country (ISO code).", valueName: "cc"))
    var country: String?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Everything between two countries.", valueName: "cc cc"))
    var between: [String] = []
    @Option(help: ArgumentHelp("An event's dossier (reference or name).", valueName: "event"))
    var event: String?
    @Option(help: ArgumentHelp("Output format: text, md or json.", valueName: "format"))
    var format: String = "text"
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"))
    var output: String?

    func validate() throws {
        let scopes = [country != nil, !between.isEmpty, event != nil].filter { $0 }.count
        if scopes != 1 { throw ValidationError("Give exactly one of --country, --between or --event.") }
        if !between.isEmpty && between.count != 2 { throw ValidationError("--between takes two country codes, e.g. --between US KH.") }
        if TimelineFormat(rawValue: format) == nil {
            throw ValidationError("Unknown --format '\(format)'; use text, md or json.")
        }
    }

    func run() async throws {
        let scope: TimelineScope
        if let country { scope = .country(country) } else if let event { scope = .event(event) } else { scope = .between(between[0], between[1]) }
        try await CommandContext.run { database in
            let timeline = try await TimelineService(database: database).timeline(scope)
            try Self.emit(try TimelineFormat(rawValue: format)!.render(timeline), to: output)
        }
    }

    static func emit(_ text: String, to path: String?) throws {
        guard let path else { print(text); return }
        do {
            try (text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ChanceryError(.invalidInput, "cannot write '\(path)': \(error.localizedDescription)", field: "output")
        }
    }
}
