import ArgumentParser
import ChanceryCore
import ChanceryModel
import Foundation

/// `chancery search`: full-text search over letters and the names of those taking part.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search letters' subjects, summaries and texts, and actors' names and aliases.",
        discussion: """
            Accents and case are ignored, English words match their other forms (summit, summits) \
            and each word matches as a prefix (negot finds negotiations). Write "quoted phrases", \
            `or` between alternatives and -word to exclude. Khmer and other scripts match by \
            their space-separated phrases. Best matches first; matches are shown between **.

            Example:
              chancery search "special summit" washington
              chancery search ហ៊ុន --json
            """
    )

    @Argument(help: "What to look for.")
    var words: [String]
    @Option(help: "At most this many letters.")
    var limit: Int = 20
    @Option(help: "Skip this many letters first (later pages).")
    var offset: Int = 0
    @Flag(help: "Print the results as JSON: {query, actors, letters: [{letter, rank, snippet, matchedNames}]}, with rankedAmong when more than 1,000 letters match.")
    var json = false

    func validate() throws {
        if words.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("Give one or more words to search for, e.g. chancery search summit.")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if offset < 0 { throw ValidationError("--offset cannot be negative.") }
    }

    func run() async throws {
        // The service names the words `query`: here they are the command's arguments, not an option.
        try await CommandContext.run(positional: ["query"]) { database in
            let results = try await SearchService(database: database).search(words.joined(separator: " "), limit: limit, offset: offset)
            if json { try Output.json(results) } else { print(Self.text(results)) }
        }
    }

    static func text(_ results: SearchResults) -> String {
        var lines: [String] = []
        if !results.actors.isEmpty {
            lines.append("Actors:")
            for actor in results.actors {
                lines.append("  " + actor.name + " (" + actor.kind.rawValue + (actor.matchedAlias.map { ", as " + $0 } ?? "")
                             + "), " + String(actor.letters) + " letter" + (actor.letters == 1 ? "" : "s"))
            }
            lines.append("")
        }
        guard !results.letters.isEmpty else { return (lines + ["No letters match '" + results.query + "'."]).joined(separator: "\n") }
        lines.append("Letters (best first):")
        for hit in results.letters {
            let letter = hit.letter
            lines.append("  " + letter.ref + "  " + letter.date.display + "  " + letter.subject)
            lines.append("      " + letter.from.joined(separator: ", ") + " → " + letter.to.joined(separator: ", "))
            lines.append("      " + hit.snippet)
            if !hit.matchedNames.isEmpty { lines.append("      names: " + hit.matchedNames.joined(separator: ", ")) }
        }
        if let ranked = results.rankedAmong {
            lines.append("")
            lines.append("More letters match than search ranks: these are the best of the first \(ranked) found. "
                         + "Add words to narrow the search, or list every match by date with chancery letters --text.")
        }
        return lines.joined(separator: "\n")
    }
}
