import ArgumentParser
import ChanceryCore
import ChanceryModel
import Foundation

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
            // One letter more than the page tells whether more match, which the output says.
            query.limit = min(limit, Int.max - 1) + 1
            query.offset = offset
            let found = try await LetterService(database: database).list(query)
            let letters = Array(found.prefix(limit))
            let more = found.count > limit
                ? "Letters \(offset + 1)–\(offset + letters.count) shown; more match (the next page: --offset \(offset + letters.count))." : nil
            if json {
                try Output.json(letters)
                if let more { FileHandle.standardError.write(Data((more + "\n").utf8)) }
            } else {
                print(LetterText.table(letters))
                if let more { print(more) }
            }
        }
    }
}
