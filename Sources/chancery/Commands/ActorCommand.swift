import ArgumentParser
import ChanceryCore
import ChanceryRendering
import ChanceryModel

/// `chancery actor add|alias|list|show|edit|merge`.
struct ActorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor",
        abstract: "Record, look up, correct and merge persons, states and organizations.",
        discussion: "Example:\n  chancery actor add --kind state --name Cambodia --iso-code KH\n  chancery actor show \"Jo Biden\"",
        subcommands: [Add.self, Alias.self, List.self, Show.self, History.self, Edit.self, Merge.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a person, state or organization.",
            discussion: """
                Example:
                  chancery actor add --kind person --name "Hun Sen" --alias "ហ៊ុន សែន" \\
                      --alias "Samdech Techo Hun Sen"
                  chancery actor add --kind state --name Cambodia --iso-code KH \\
                      --wikidata-id Q424
                """
        )

        @Option(help: ArgumentHelp("What the actor is.", valueName: "kind"))
        var kind: ActorKind
        @Option(help: "Display name.")
        var name: String
        @Option(help: ArgumentHelp("Another name, in any script (repeatable).", valueName: "alias"))
        var alias: [String] = []
        @Option(help: ArgumentHelp("ISO 3166-1 alpha-2 code, for states (e.g. KH).", valueName: "cc"))
        var isoCode: String?
        @Option(help: ArgumentHelp("Wikidata id (e.g. Q424).", valueName: "qid"))
        var wikidataId: String?
        @Option(help: ArgumentHelp("VIAF id (e.g. 44318817).", valueName: "id"))
        var viafId: String?
        @Option(help: ArgumentHelp("GND id (e.g. 118616242).", valueName: "id"))
        var gndId: String?
        @Option(help: "A short note.")
        var note: String?
        @Option(help: ArgumentHelp("Whether it stands for someone the sources do not name (true or false); by default its name decides: \"einen Amtsbruder\", \"a fellow minister\" and \"Unknown\" do.",
                                   valueName: "bool"))
        var unidentified: Bool?

        func run() async throws {
            try await CommandContext.run { database in
                let draft = ActorDraft(kind: kind, name: name, aliases: alias,
                                       isoCode: isoCode, wikidataId: wikidataId, viafId: viafId, gndId: gndId, note: note,
                                       unidentified: unidentified)
                let actor = try await ActorService(database: database).add(draft)
                print(actor.label)
            }
        }
    }

    struct Alias: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add other names to an actor: spellings met in sources, names in other scripts.",
            discussion: """
                Example:
                  chancery actor alias "Joe Biden" "Jo Biden" "Joseph Robinette Biden Jr."
                """
        )

        @Argument(help: "The actor: name, alias, ISO code, Wikidata id, gnd:/viaf: id, or id:N (its number in the register).")
        var actor: String
        @Argument(help: "The names to add.")
        var aliases: [String]

        func validate() throws {
            if aliases.isEmpty { throw ValidationError("Give at least one alias after the actor's name.") }
        }

        func run() async throws {
            try await CommandContext.run(positional: ["actor", "alias"]) { database in
                let all = try await ActorService(database: database).addAliases(to: actor, aliases)
                let shown = all.prefix(Show.namesShown)
                print("Aliases: " + shown.joined(separator: "; ")
                      + (all.count > shown.count ? "; and \(all.count - shown.count) more (`chancery actor show --all-names` lists them)" : ""))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List actors.",
            discussion: "Example:\n  chancery actor list --kind state --json\n  chancery actor list --unidentified"
        )

        @Option(help: ArgumentHelp("Only actors of this kind.", valueName: "kind"))
        var kind: ActorKind?
        @Flag(help: "Only actors that stand for someone the sources do not name (\"einen Amtsbruder\"), to check them.")
        var unidentified = false
        @Flag(help: "Print a JSON array.")
        var json = false

        func run() async throws {
            try await CommandContext.run { database in
                let actors = try await ActorService(database: database).list(kind: kind, unidentified: unidentified ? true : nil)
                if json { try Output.json(actors); return }
                guard !actors.isEmpty else { print("No actors recorded."); return }
                var table = ReportTable(header: ["NAME", "KIND", "ISO", "WIKIDATA", "ALIASES"], maximumWidth: 60)
                table.rows = actors.map { listing in
                    [listing.actor.name, listing.actor.kind.rawValue, listing.actor.isoCode ?? "", listing.actor.wikidataId ?? "",
                     listing.aliases.joined(separator: "; ")]
                }
                print(table.render())
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an actor: aliases, authority ids, roles, memberships and letter count.",
            discussion: "Example:\n  chancery actor show \"Jo Biden\""
        )

        @Argument(help: "Name, alias, ISO code, Wikidata id, gnd:/viaf: id, or id:N (its number in the register).")
        var name: String
        @Flag(help: "Print JSON.")
        var json = false
        @Flag(help: "List every other name (a state has one in each of some hundred languages); otherwise the first \(Self.namesShown).")
        var allNames = false

        static let namesShown = 20

        func run() async throws {
            try await CommandContext.run(positional: ["actor"]) { database in
                let profile = try await ActorService(database: database).show(name)
                if json { try Output.json(profile); return }
                print(ActorText.profile(profile, allNames: allNames))
            }
        }
    }
}

extension ActorCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who changed what in an actor, its other names, roles and memberships, and when, newest first.",
            discussion: "Example:\n  chancery actor history \"Hun Sen\"\n  chancery actor history KH --json"
        )

        @Argument(help: "Name, alias, ISO code, Wikidata id, gnd:/viaf: id, or id:N (its number in the register).")
        var name: String
        @Flag(help: "Print every change as JSON, oldest first, with the values before and after.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["actor"]) { database in
                let entries = try await ActorService(database: database).history(of: name)
                if json { try Output.json(entries) } else { print(LetterHistoryView(entries, limit: nil).text) }
            }
        }
    }
}
