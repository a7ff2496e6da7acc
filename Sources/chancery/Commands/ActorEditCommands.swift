import ArgumentParser
import ChanceryCore
import ChanceryModel

extension ActorCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct an actor: its name, authority ids, note and other names.",
            discussion: """
                Renaming keeps the old name as an alias, so letters and imports that spell it so still \
                find the actor (--drop-old-name forgets it). An id another actor holds is refused: \
                merge the two instead (chancery actor merge).

                Example:
                  chancery actor edit "Jo Biden" --name "Joe Biden" --wikidata-id Q6279
                  chancery actor edit "Hun Sen" --add-alias "Samdech Hun Sen" \\
                      --gnd-id 119358042
                  chancery actor edit Cambodia --clear note
                  chancery actor edit "einen Amtsbruder" --unidentified false
                """
        )

        @Argument(help: "The actor: name, alias, ISO code, Wikidata id, gnd:/viaf: id, or id:N (its number in the register).")
        var actor: String
        @Option(help: "New display name.")
        var name: String?
        @Flag(help: "With --name: forget the old name instead of keeping it as an alias.")
        var dropOldName = false
        @Option(help: ArgumentHelp("ISO 3166-1 alpha-2 code (states only).", valueName: "cc"))
        var isoCode: String?
        @Option(help: ArgumentHelp("Wikidata id.", valueName: "qid"))
        var wikidataId: String?
        @Option(help: ArgumentHelp("VIAF id.", valueName: "id"))
        var viafId: String?
        @Option(help: ArgumentHelp("GND id.", valueName: "id"))
        var gndId: String?
        @Option(help: ArgumentHelp("When the state existed, EDTF interval (states only).", valueName: "edtf"))
        var existed: String?
        @Option(help: "A short note.")
        var note: String?
        @Option(help: ArgumentHelp("Add another name (repeatable).", valueName: "alias"))
        var addAlias: [String] = []
        @Option(help: ArgumentHelp("Remove another name (repeatable).", valueName: "alias"))
        var removeAlias: [String] = []
        @Option(help: ArgumentHelp("Whether it stands for someone the sources do not name (true or false); a new name or id decides again otherwise.",
                                   valueName: "bool"))
        var unidentified: Bool?
        @Option(help: ClearedFields.help(Self.clearable))
        var clear: [String] = []
        @Flag(help: "Print the actor as JSON afterwards.")
        var json = false

        static let clearable = ["iso-code", "wikidata-id", "viaf-id", "gnd-id", "existed", "note"]

        func validate() throws {
            let given = ["iso-code": isoCode, "wikidata-id": wikidataId, "viaf-id": viafId, "gnd-id": gndId, "existed": existed, "note": note]
            try ClearedFields(clear).check(clearable: Self.clearable, given: given.mapValues { $0 != nil })
            if dropOldName && name == nil { throw ValidationError("--drop-old-name goes with --name.") }
        }

        func run() async throws {
            try await CommandContext.run(positional: ["actor"]) { database in
                let cleared = ClearedFields(clear)
                var changes = ActorChanges()
                changes.name = name
                changes.dropOldName = dropOldName
                changes.isoCode = cleared.patch(isoCode, "iso-code")
                changes.wikidataId = cleared.patch(wikidataId, "wikidata-id")
                changes.viafId = cleared.patch(viafId, "viaf-id")
                changes.gndId = cleared.patch(gndId, "gnd-id")
                changes.existed = cleared.patch(existed, "existed")
                changes.note = cleared.patch(note, "note")
                changes.addedAliases = addAlias
                changes.removedAliases = removeAlias
                changes.unidentified = unidentified
                let profile = try await ActorService(database: database).edit(actor, changes).value
                if json { try Output.json(profile) } else { print(ActorText.profile(profile, allNames: false)) }
            }
        }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a duplicate actor into another: everything recorded of it moves, its name becomes an alias.",
            discussion: """
                Letters, roles, memberships, events, invitations, sources, aliases and authority ids all \
                move to the actor kept, in one transaction recorded in the history. Two different ids \
                of one authority (two Wikidata ids, say) are refused: correct the wrong one first.

                Example:
                  chancery actor merge "Samdech Hun Sen" --into "Hun Sen"
                """
        )

        @Argument(help: "The duplicate, which ceases to exist: name, alias, ISO code, Wikidata id, gnd:/viaf: id, or id:N.")
        var actor: String
        @Option(help: ArgumentHelp("The actor kept.", valueName: "name"))
        var into: String
        @Flag(help: "Print the report as JSON.")
        var json = false

        func run() async throws {
            try await CommandContext.run(positional: ["actor"]) { database in
                let report = try await ActorService(database: database).merge(actor, into: into).value
                if json { try Output.json(report); return }
                var moved: [String] = []
                for (count, one, many) in [(report.participations, "letter participation", "letter participations"),
                                           (report.roles, "role", "roles"), (report.memberships, "membership", "memberships"),
                                           (report.events, "place in an event", "places in events"),
                                           (report.invitations, "place in an invitation", "places in invitations"),
                                           (report.citations, "citation", "citations"), (report.aliases, "other name", "other names")]
                    where count > 0 {
                    moved.append("\(count) " + (count == 1 ? one : many))
                }
                var lines = ["Merged '\(report.merged)' into '\(report.kept.actor.name)'"
                             + (report.letters > 0 ? " (\(report.letters) letter\(report.letters == 1 ? "" : "s") changed)" : "") + "."]
                lines.append("Moved: " + (moved.isEmpty ? "nothing but the name" : moved.joined(separator: ", ")) + ".")
                if report.combined > 0 { lines.append("Combined \(report.combined) record\(report.combined == 1 ? "" : "s") both actors had.") }
                let labels = ["isoCode": "ISO code", "wikidataId": "Wikidata id", "viafId": "VIAF id", "gndId": "GND id",
                              "existed": "existence period", "note": "note"]
                if !report.fieldsTaken.isEmpty {
                    lines.append("Taken over: " + report.fieldsTaken.map { labels[$0] ?? $0 }.joined(separator: ", ") + ".")
                }
                print(lines.joined(separator: "\n") + "\n\n" + ActorText.profile(report.kept, allNames: false))
            }
        }
    }
}
