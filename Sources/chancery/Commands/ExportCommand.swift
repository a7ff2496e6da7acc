import ArgumentParser
import ChanceryCore
import ChanceryInterchange

/// `chancery export`: the register, or a selection of letters, in an interchange format.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export letters (and what they refer to) as JSON Lines, CSV, CMIF or full TEI.",
        discussion: """
            Without filters everything is exported. JSON Lines keeps everything and imports back \
            unchanged; CSV has one row per letter; CMIF is the correspSearch exchange format; TEI keeps \
            what CMIF cannot (transmitters, reply links, summaries).

            Examples:
              chancery export --format jsonl --output register.jsonl
              chancery export --format cmif --between US KH --output us-kh.xml
              chancery export --format cmif --url https://example.org/cmif/us-kh.xml \\
                  --editor "A. Editor" \\
                  --license https://creativecommons.org/licenses/by/4.0/
            """
    )

    @Option(help: ArgumentHelp("The file format (json, ndjson and jsonlines name jsonl; xml names cmif).", valueName: "format"))
    var format: InterchangeFormat = .jsonl

    @OptionGroup var filter: LetterFilterOptions

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("CMIF/TEI: the URL the file will be published at (correspSearch harvests it there).", valueName: "url"))
    var url: String?
    @Option(help: ArgumentHelp("CMIF/TEI: the file's title.", valueName: "text"))
    var title: String?
    @Option(help: ArgumentHelp("CMIF/TEI: the file's editor.", valueName: "name"))
    var editor: String?
    @Option(help: ArgumentHelp("CMIF/TEI: who publishes it.", valueName: "name"))
    var publisher: String?
    @Option(help: ArgumentHelp("CMIF/TEI: its licence URL, e.g. https://creativecommons.org/licenses/by/4.0/.", valueName: "url"))
    var license: String?
    @Option(help: ArgumentHelp("CMIF/TEI: a web page per letter, this URL followed by the letter's reference.", valueName: "url"))
    var letterURLPrefix: String?

    func run() async throws {
        try await CommandContext.run { database in
            let query = filter.isEmpty ? nil : try filter.query()
            let publication = CMIFPublication(title: title, editor: editor, publisher: publisher, url: url, licenceURL: license,
                                              letterURLPrefix: letterURLPrefix)
            try await ExportService(database: database).export(format: format, query: query, to: output, publication: publication)
        }
    }
}
