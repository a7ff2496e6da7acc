import ArgumentParser
import ChanceryCore
import ChanceryModel

/// `chancery letters`: query exchanges by country, person, organization or date.
struct LettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "List letters by country, person, organization, date, kind or text.",
        discussion: """
            Date filters match letters whose uncertain date overlaps the window; --strict keeps only \
            those certainly inside it. Countries are ISO 3166 codes and match a participant that is \
            the state or acts for it.

            Example:
              chancery letters --between US KH --since 2022-01-01 --until 2022-12-31
              chancery letters --person "Jo Biden" --json
            """
    )

    @OptionGroup var filter: LetterFilterOptions
    @Option(help: "At most this many letters.")
    var limit: Int = 100
    @Option(help: "Skip this many letters first (later pages).")
    var offset: Int = 0
    @Flag(help: "Print a JSON array of letters.")
    var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if offset < 0 { throw ValidationError("--offset cannot be negative.") }
    }

    func run() async throws {
        try await CommandContext.run { database in
            var query = try filter.query()
            query.limit = limit
            query.offset = offset
            let letters = try await LetterService(database: database).list(query)
            if json { try Output.json(letters) } else { print(LetterText.table(letters)) }
        }
    }
}
