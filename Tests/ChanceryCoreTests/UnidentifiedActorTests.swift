@testable import ChanceryCore
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// Actors that stand for someone the sources do not name ("einen Amtsbruder", "Unknown") are
/// marked unidentified and left out of the busiest correspondents; their letters stay.
@Suite("Unidentified correspondents")
struct UnidentifiedActorTests {
    /// Spener writes three letters to "einen Amtsbruder", two to Anna, one to Bob.
    static let records = [
        #"{"type":"actor","kind":"person","name":"Philipp Jakob Spener","gndId":"118616099"}"#,
        #"{"type":"actor","kind":"person","name":"einen Amtsbruder"}"#,
        #"{"type":"actor","kind":"person","name":"Anna"}"#,
        #"{"type":"actor","kind":"person","name":"Bob"}"#,
    ] + [("einen Amtsbruder", 3), ("Anna", 2), ("Bob", 1)].flatMap { recipient, count in
        (1...count).map { index in
            #"{"type":"letter","ref":"SP-\#(recipient.prefix(3))-\#(index)","from":[{"name":"Philipp Jakob Spener"}],"to":[{"name":"\#(recipient)"}],"date":"1680-0\#(index)","subject":"A letter"}"#
        }
    }

    static func unidentified(_ name: String, _ database: ChanceryDatabase) async throws -> Bool {
        try await ActorService(database: database).show(name).unidentified
    }

    @Test("a description or a word for unknown makes an actor unidentified; a name, an authority id or a state does not",
          arguments: [
              ("einen Amtsbruder", nil, true), ("eine Unbekannte", nil, true), ("a fellow minister", nil, true),
              ("[einen Amtsbruder] im Elsaß", nil, true), ("[Unbekannt?]", nil, true), ("N. N.", nil, true),
              ("Unknown", nil, true), ("Anonymus", nil, true),
              ("eines Freundes", nil, true), ("un ami", nil, true),
              ("Anna", nil, false), ("A. Smith", nil, false), ("Adam Rechenberg", nil, false), ("Einen Weg", nil, false),
              ("a Lasco, Johannes", nil, false), ("an der Heiden, Hans", nil, false),
              ("an den kurfürstlich-sächsischen Geheimen Rat", nil, false),
              ("einen Amtsbruder", "118616099", false),
          ] as [(String, String?, Bool)])
    func recorded(name: String, gnd: String?, expected: Bool) async throws {
        try await withChancery { database in
            _ = try await ActorService(database: database).add(ActorDraft(kind: .person, name: name, gndId: gnd))
            #expect(try await Self.unidentified(name, database) == expected, "\(name)")
        }
    }

    @Test("the busiest correspondents leave unidentified actors out, over the whole register and in a window; their letters stay")
    func leftOutOfRankings() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let report = try await ImportService(database: database)
                    .run([try writeDataset(Self.records, named: "spener.jsonl", in: folder)], options: ImportOptions())
                #expect(report.committed)
                // The import says whom the rule took for a description, once, where it first met one.
                let said = report.warnings.filter { $0.message.contains("marked unidentified") }
                #expect(said.count == 1 && said[0].message.hasPrefix("'einen Amtsbruder' is a description of someone unnamed"), "\(said)")
                #expect(said.first?.location.line == 3)
            }
            #expect(try await Self.unidentified("einen Amtsbruder", database))
            #expect(try await !Self.unidentified("Anna", database))
            let statistics = StatisticsService(database: database)
            let expected = [CorrespondentPair(from: "Philipp Jakob Spener", to: "Anna", letters: 2),
                            CorrespondentPair(from: "Philipp Jakob Spener", to: "Bob", letters: 1)]
            #expect(try await statistics.statistics(StatisticsRequest(top: 2)).topCorrespondents == expected)
            #expect(try await statistics.statistics(StatisticsRequest(since: "1680", top: 2)).topCorrespondents == expected)
            // The letters are counted and listed as before.
            #expect(try await statistics.statistics().letters == 6)
            var byPerson = LetterQuery()
            byPerson.person = "einen Amtsbruder"
            #expect(try await LetterService(database: database).list(byPerson).count == 3)
            // The network keeps its letters and marks its node, over the whole register and in a window.
            for request in [NetworkRequest(), NetworkRequest(since: "1680")] {
                let network = try await NetworkService(database: database).network(request)
                let marked = network.nodes.filter { $0.unidentified == true }.map(\.label)
                #expect(marked == ["einen Amtsbruder"], "\(network.nodes)")
                #expect(network.edges.map(\.weight).sorted() == [1, 2, 3])
            }
            // An actor's own busiest correspondents (its page) leave it out too.
            let ranking = try await ActorService(database: database).correspondents(of: "Philipp Jakob Spener")
            #expect(ranking?.correspondents.map(\.name) == ["Anna", "Bob"])
            #expect(ranking?.lettersWithUnidentified == 3)

            // Set by hand, the flag puts the actor back among the ranked.
            let profile = try await ActorService(database: database).edit("einen Amtsbruder", {
                var changes = ActorChanges()
                changes.unidentified = false
                return changes
            }()).value
            #expect(!profile.unidentified)
            let ranked = [CorrespondentPair(from: "Philipp Jakob Spener", to: "einen Amtsbruder", letters: 3)]
            #expect(try await statistics.statistics(StatisticsRequest(top: 1)).topCorrespondents == ranked)
            #expect(try await statistics.statistics(StatisticsRequest(since: "1680", top: 1)).topCorrespondents == ranked)
            let reranked = try await ActorService(database: database).correspondents(of: "Philipp Jakob Spener")
            #expect(reranked?.correspondents.first?.name == "einen Amtsbruder" && reranked?.lettersWithUnidentified == 0)
            #expect(try await NetworkService(database: database).network(NetworkRequest()).nodes.allSatisfy { $0.unidentified == nil })
        }
    }

    @Test("a new name or id decides again unless the same change sets the flag")
    func renamed() async throws {
        try await withChancery { database in
            let actors = ActorService(database: database)
            _ = try await actors.add(ActorDraft(kind: .person, name: "einen Freund"))
            func edit(_ name: String, _ body: (inout ActorChanges) -> Void) async throws -> ActorProfile {
                var changes = ActorChanges()
                body(&changes)
                return try await actors.edit(name, changes).value
            }
            // Identified by name: no longer a description.
            #expect(try await !edit("einen Freund") { $0.name = "Johann Freund" }.unidentified)
            // A note changes nothing about who it is.
            #expect(try await edit("Johann Freund") { $0.unidentified = true }.unidentified)
            #expect(try await edit("Johann Freund") { $0.note = .set("A friend") }.unidentified)
            // A name and the flag in one change: the flag holds.
            #expect(try await !edit("Johann Freund") { $0.name = "einen Bekannten"; $0.unidentified = false }.unidentified)
            // The flag given with a new name holds also when it is the one the actor had.
            #expect(try await !edit("einen Bekannten") { $0.unidentified = false }.unidentified)
            #expect(try await !edit("einen Bekannten") { $0.name = "einen Bekannten X"; $0.unidentified = false }.unidentified)
            #expect(try await edit("einen Bekannten X") { $0.unidentified = true }.unidentified)
            #expect(try await edit("einen Bekannten X") { $0.name = "Hans Helfer"; $0.unidentified = true }.unidentified)
            #expect(try await edit("Hans Helfer") { $0.name = "einen Bekannten" }.unidentified)
            // An authority id identifies.
            #expect(try await edit("einen Bekannten") { $0.name = "eine Bekannte" }.unidentified)
            #expect(try await !edit("eine Bekannte") { $0.gndId = .set("118616099") }.unidentified)
        }
    }

    @Test("JSON Lines keeps a flag set by hand through an export into an empty register, and writes none the name decides")
    func roundTrip() async throws {
        try await withTemporaryFolder { folder in
            let exported = folder.appendingPathComponent("export.jsonl").path
            try await withChancery { database in
                let path = try writeDataset(Self.records, named: "spener.jsonl", in: folder)
                #expect(try await ImportService(database: database).run([path], options: ImportOptions()).committed)
                var cleared = ActorChanges()
                cleared.unidentified = false
                _ = try await ActorService(database: database).edit("einen Amtsbruder", cleared)
                var marked = ActorChanges()
                marked.unidentified = true
                _ = try await ActorService(database: database).edit("Bob", marked)
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: exported)
            }
            let text = try String(contentsOfFile: exported, encoding: .utf8)
            #expect(text.contains(#""name":"einen Amtsbruder","unidentified":false}"#), "\(text)")
            #expect(text.contains(#""name":"Bob","unidentified":true}"#))
            #expect(!text.contains(#""name":"Anna","unidentified""#))
            try await withChancery { (database: ChanceryDatabase) async throws in
                // A register holding the actors as the rule marks them keeps them so, and names each
                // record saying otherwise.
                let service = ImportService(database: database)
                #expect(try await service.run([try writeDataset(Self.records, named: "spener.jsonl", in: folder)], options: ImportOptions())
                    .committed)
                let report = try await service.run([exported], options: ImportOptions())
                #expect(report.warnings.map(\.message).filter { $0.hasPrefix("unidentified:") }.sorted() == [
                    "unidentified: Bob is recorded as identified; the import leaves it so (`chancery actor edit \"Bob\" --unidentified true` changes it)",
                    "unidentified: einen Amtsbruder is recorded as unidentified; the import leaves it so "
                        + "(`chancery actor edit \"einen Amtsbruder\" --unidentified false` changes it)",
                ])
                #expect(try await Self.unidentified("einen Amtsbruder", database))
            }
            try await withChancery { (database: ChanceryDatabase) async throws in
                #expect(try await ImportService(database: database).run([exported], options: ImportOptions()).committed)
                #expect(try await !Self.unidentified("einen Amtsbruder", database))
                #expect(try await Self.unidentified("Bob", database))
                #expect(try await !Self.unidentified("Anna", database))
            }
        }
    }
}
