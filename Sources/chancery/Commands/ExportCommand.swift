import ArgumentParser
import ChanceryCore

/// `chancery export`: the register, or a selection of letters, in an interchange format.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export letters (and what they refer to) as JSON Lines, CSV, CMIF or full TEI.",
        discussion: """
            Without filters everything is exported. JSON Lines keeps everything and imports back
            unchanged; CSV has one row per letter; CMIF is the correspSearch exchange format; TEI keeps
            what CMIF cannot (transmitters, reply links, summaries).

            Examples:
              chancery export --format jsonl --output register.jsonl
              chancery export --format cmif --between US KH --output us-kh.xml
            """
    )

    @Option(help: ArgumentHelp("jsonl, csv, cmif or tei.", valueName: "format"))
    var format: String = "jsonl"

    @OptionGroup var filter: LetterFilterOptions

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() async throws {
        try await CommandContext.run { database in
            let format = try InterchangeFormat.parse(format)
            let query = filter.isEmpty ? nil : try filter.query()
            try await ExportService(database: database).export(format: format, query: query, to: output)
        }
    }
}
