import ArgumentParser
import ChanceryCore
import ChanceryRendering
import ChanceryModel

/// `chancery source list|show|edit|delete`.
struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Find, read and correct the sources records cite.",
        discussion: """
            A source is recorded when a letter, invitation or event first cites it, or when letters are \
            imported from an edition. It is named by its number, its URL, or its title.

            Example:
              chancery source list --text "ASEAN"
              chancery source show 3
              chancery source edit 3 --publisher "Khmer Times" --published 2022-02-14
            """,
        subcommands: [List.self, Show.self, Edit.self, Delete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List sources by title, with how many records cite each.",
            discussion: "Example:\n  chancery source list --text khmer --kind news")

        @Option(help: ArgumentHelp("Only sources whose title, publisher or URL holds this text.", valueName: "text"))
        var text: String?
        @Option(help: ArgumentHelp("Only sources of this kind.", valueName: "kind"))
        var kind: SourceKind?
        @Option(help: "How many to list (1–500).")
        var limit = 50
        @Option(help: "How many to skip first.")
        var offset = 0
        @Flag(help: "Print JSON: {sources: [...], total}.")
        var json = false

        func run() async throws {
            try await CommandContext.run { database in
                let page = try await SourceService(database: database).list(containing: text, kind: kind, limit: limit, offset: offset)
                if json { try Output.json(page); return }
                guard !page.sources.isEmpty else {
                    print(page.total == 0 ? "No sources match." : "No sources past \(offset) (\(page.total) match).")
                    return
                }
                print(SourceText.table(page.sources))
                if page.total > offset + page.sources.count {
                    print("\(offset + 1)–\(offset + page.sources.count) of \(page.total); the next with --offset \(offset + page.sources.count).")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a source and the records citing it.",
            discussion: "Example:\n  chancery source show 3\n  chancery source show https://www.khmertimeskh.com/501024155/")

        @Argument(help: "Its number, URL or title.")
        var source: String
        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["source"]) { database in
                let record = try await SourceService(database: database).show(source)
                if json { try Output.json(record) } else { print(SourceText.detail(record)) }
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a source: its title, publisher, URL, dates, excerpt or kind.",
            discussion: """
                The letters citing the source get new revisions when what they show of it (kind, title, \
                publisher, URL, date of publication) changes. The URL (or, without one, the title) of an \
                edition letters were imported from cannot change: a re-import finds its letters by it.

                Example:
                  chancery source edit 3 --publisher "Khmer Times" --published 2022-02-14
                  chancery source edit "Biden invites ASEAN leaders" --clear excerpt
                """)

        @Argument(help: "Its number, URL or title.")
        var source: String
        @Option(help: ArgumentHelp("What kind of source it is.", valueName: "kind"))
        var kind: SourceKind?
        @Option(help: "Its title (a headline).")
        var title: String?
        @Option(help: ArgumentHelp("Where it is published.", valueName: "url"))
        var url: String?
        @Option(help: "Who published it.")
        var publisher: String?
        @Option(help: ArgumentHelp("When it was published, EDTF.", valueName: "edtf"))
        var published: String?
        @Option(help: ArgumentHelp("The day it was read.", valueName: "YYYY-MM-DD"))
        var retrieved: String?
        @Option(help: "A passage of it.")
        var excerpt: String?
        @Option(help: ClearedFields.help(Self.clearable))
        var clear: [String] = []
        @Option(help: ArgumentHelp("Change it only if it is still at this revision (from `source show`).", valueName: "n"))
        var ifRevision: Int?
        @Flag(help: "Print the source as JSON afterwards.")
        var json = false

        static let clearable = ["url", "publisher", "published", "retrieved", "excerpt"]

        func validate() throws {
            let given = ["url": url != nil, "publisher": publisher != nil, "published": published != nil,
                         "retrieved": retrieved != nil, "excerpt": excerpt != nil]
            try ClearedFields(clear).check(clearable: Self.clearable, given: given)
        }

        func run() async throws {
            try await CommandContext.run(positional: ["source"]) { database in
                let cleared = ClearedFields(clear)
                var changes = SourceChanges()
                changes.kind = kind
                changes.title = title
                changes.url = cleared.patch(url, "url")
                changes.publisher = cleared.patch(publisher, "publisher")
                changes.published = cleared.patch(published, "published")
                changes.retrieved = cleared.patch(retrieved, "retrieved")
                changes.excerpt = cleared.patch(excerpt, "excerpt")
                let record = try await SourceService(database: database).edit(.typed(source), ifRevision: ifRevision, changes)
                if json { try Output.json(record) } else { print(SourceText.detail(record)) }
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a source nothing cites and no letter was imported from.",
            discussion: "Example:\n  chancery source delete 7")

        @Argument(help: "Its number, URL or title.")
        var source: String
        @Option(help: ArgumentHelp("Remove it only if it is still at this revision.", valueName: "n"))
        var ifRevision: Int?

        func run() async throws {
            try await CommandContext.run(positional: ["source"]) { database in
                try await SourceService(database: database).delete(.typed(source), ifRevision: ifRevision)
                print("source removed")
            }
        }
    }
}

/// Plain-text forms of sources.
enum SourceText {
    static func table(_ sources: [SourceSummary]) -> String {
        // Letters imported from an edition often cite it too: the two counts are shown apart.
        var table = ReportTable(header: ["NO", "KIND", "PUBLISHED", "CITED BY", "LETTERS FROM IT", "TITLE", "PUBLISHER"],
                                numericColumns: [0, 3, 4], maximumWidth: 60)
        table.rows = sources.map { source in
            ["\(source.id)", source.kind.rawValue, source.published?.display ?? "", "\(source.citations)", "\(source.lettersImported)",
             source.title, source.publisher ?? ""]
        }
        return table.render()
    }

    static func detail(_ source: SourceRecord) -> String {
        var lines = ["Source \(source.id)  " + source.title, "Kind:        " + source.kind.rawValue]
        if let publisher = source.publisher { lines.append("Publisher:   " + publisher) }
        if let published = source.published { lines.append("Published:   " + published.display + " (" + published.edtf + ")") }
        if let url = source.url { lines.append("URL:         " + url) }
        if let retrieved = source.retrieved { lines.append("Read on:     " + retrieved) }
        lines.append("Revision:    \(source.revision)")
        if source.lettersImported > 0 {
            lines.append("Imported:    \(source.lettersImported) \(source.lettersImported == 1 ? "letter" : "letters") came from it")
        }
        if let excerpt = source.excerpt { lines.append("Excerpt:     " + excerpt) }
        if source.citationCount == 0 {
            lines.append("Cited by:    nothing")
        } else {
            let shown = source.citations.count < source.citationCount ? " (the first \(source.citations.count))" : ""
            lines.append("Cited by \(source.citationCount) \(source.citationCount == 1 ? "record" : "records")\(shown):")
            for citation in source.citations {
                var line = "  \(citation.subject.rawValue)  \(citation.ref)"
                if let label = citation.label { line += "  " + label }
                if let quote = citation.quote { line += "\n      “" + quote + "”" }
                lines.append(line)
            }
        }
        if source.hasLetters { lines.append("Its letters: chancery letters --source \(source.id)") }
        return lines.joined(separator: "\n")
    }
}
