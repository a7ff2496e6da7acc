@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// What an own export says of actors, their roles and memberships, and of sources, given back
/// after the register changed them: an ended role or membership is not opened again beside
/// the ended one, a cleared id or note and a removed other name do not come back, a retitled
/// source is not recorded twice, and a source removed since is not recorded again for a letter
/// that keeps the register's version. `--revert-newer` puts the file's back.
@Suite("Own exports and actors, roles, memberships and sources changed since")
struct ChangedSinceExportActorTests {
    static func scalar(_ database: ChanceryDatabase, _ sql: PostgresQuery) async throws -> String? {
        try await ChangedSinceExportImportTests.scalar(database, sql)
    }

    /// The founding example with Cambodia's membership of ASEAN, exported into `folder`.
    static func export(in folder: URL, _ database: ChanceryDatabase) async throws -> String {
        _ = try await ImportService(database: database).loadFoundingExample()
        _ = try await ActorService(database: database).addMembership(member: "Cambodia", organization: "ASEAN", period: "1999-04-30/..")
        return try await ChangedSinceExportImportTests.foundingExportOnly(database, in: folder)
    }

    static let stored: PostgresQuery = """
        SELECT concat_ws(' | ',
            (SELECT coalesce(wikidata_id, '-') || ' ' || coalesce(note, '-') FROM actor WHERE name = 'Joe Biden'),
            (SELECT string_agg(alias, ', ' ORDER BY alias) FROM actor_alias al JOIN actor a ON a.id = al.actor_id WHERE a.name = 'Joe Biden'),
            (SELECT string_agg(coalesce(r.period_edtf, '-'), ', ' ORDER BY r.id) FROM role_held r JOIN actor a ON a.id = r.holder_id
              WHERE a.name = 'Indonesia'),
            (SELECT string_agg(coalesce(r.period_edtf, '-'), ', ' ORDER BY r.id) FROM role_held r JOIN actor a ON a.id = r.holder_id
              WHERE a.name = 'Cambodia'),
            (SELECT string_agg(m.period_edtf, ', ' ORDER BY m.id) FROM membership m JOIN actor a ON a.id = m.member_id
              WHERE a.name = 'Cambodia'))
        """

    @Test("an ended membership, a corrected or removed role, a cleared id and note, a removed other name stay so", arguments: [false, true])
    func actorParts(revertNewer: Bool) async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.export(in: folder, database)
                let before = try await Self.scalar(database, Self.stored)
                #expect(before == "Q6279 The seed article spells him once as 'Jo Biden'. | Jo Biden, Joseph R. Biden Jr., President Biden | - | 2022 | 1999-04-30/..",
                        "\(before ?? "nil")")
                let actors = ActorService(database: database)
                _ = try await actors.endMembership(MembershipSelector(member: "Cambodia", organization: "ASEAN"), on: "2026-01-01")
                var role = RoleChanges()
                role.period = .set("2021/2024")
                _ = try await actors.editRole(RoleSelector(holder: "Indonesia"), role)
                _ = try await database.write { connection in
                    try await connection.execute(
                        "DELETE FROM role_held WHERE holder_id = (SELECT id FROM actor WHERE name = 'Cambodia') AND title = 'ASEAN Chair'")
                }
                var biden = ActorChanges()
                biden.wikidataId = .clear
                biden.note = .clear
                biden.removedAliases = ["Jo Biden"]
                _ = try await actors.edit("Joe Biden", biden)
                let changed = try await Self.scalar(database, Self.stored)

                var options = ImportOptions()
                options.revertNewer = revertNewer
                let report = try await ImportService(database: database).run([export], options: options)
                #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                let said = report.warnings.map(\.message)
                // Biden's record once (three changes), the membership, two roles.
                #expect(report.changedSinceExport == 4, "\(said)")
                for start in ["wikidataId: the Wikidata id “Q6279” of Joe Biden was removed in this register on ",
                              "note: the note “The seed article spells him once as 'Jo Biden'.” of Joe Biden was removed in this register on ",
                              "aliases: the other name “Jo Biden” of Joe Biden was removed in this register on ",
                              "membership: the membership of Cambodia in ASEAN (1999-04-30/..) was changed in this register on ",
                              "role: the role 'Country Coordinator for the United States in ASEAN' of ASEAN held by Indonesia was changed in this register on ",
                              "role: the role 'ASEAN Chair' of ASEAN held by Cambodia (2022) was changed in this register on "] {
                    #expect(said.contains { $0.hasPrefix(start) }, "\(start) in \(said)")
                }
                if revertNewer {
                    #expect(try await Self.scalar(database, Self.stored) == before)
                    #expect(report.putBackSinceExport == 4)
                    #expect(report.counts["role"] == ImportCounts(new: 1, unchanged: 2, updated: 1), "\(report.counts)")
                    #expect(report.counts["membership"]?.updated == 1 && report.counts["membership"]?.new == 0, "\(report.counts)")
                    #expect(report.counts["actor"]?.updated == 1, "\(report.counts)")
                } else {
                    #expect(said.contains { $0.hasSuffix("(`chancery actor history 'Joe Biden'` shows the change)") }, "\(said)")
                    #expect(try await Self.scalar(database, Self.stored) == changed)
                    #expect(changed == "- - | Joseph R. Biden Jr., President Biden | 2021/2024 | 1999-04-30/2026-01-01", "\(changed ?? "nil")")
                    #expect(report.counts["role"] == ImportCounts(unchanged: 4), "\(report.counts)")
                    #expect(report.counts["membership"]?.updated == 0 && report.counts["membership"]?.new == 0, "\(report.counts)")
                    #expect(report.counts["actor"]?.new == 0 && report.counts["actor"]?.updated == 0, "\(report.counts)")
                }
                // Given again, the file changes nothing more.
                let again = try await ImportService(database: database).run([export], options: ImportOptions())
                #expect(again.counts.values.allSatisfy { $0.new == 0 && $0.updated == 0 }, "\(again.counts)")
            }
        }
    }

    @Test("a source retitled since the export is the file's source, recorded once; the letters citing it are unchanged")
    func retitledSource() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.export(in: folder, database)
                var changes = SourceChanges()
                changes.title = "The exchange, retitled"
                _ = try await SourceService(database: database).edit(ChangedSinceExportImportTests.articleTitle, changes)

                let report = try await ImportService(database: database).run([export], options: ImportOptions())
                #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                #expect(report.changedSinceExport == 0, "\(report.warnings.map(\.message))")
                #expect(report.counts["source"] == ImportCounts(unchanged: 1), "\(report.counts)")
                #expect(report.counts["letter"] == ImportCounts(unchanged: 3), "\(report.counts)")
                #expect(report.warnings.contains { $0.message.hasPrefix("source \"Exchange of Correspondence") && $0.message.contains(
                    "of this register's own export is \"The exchange, retitled\", retitled or given another URL in the register after the export") },
                        "\(report.warnings.map(\.message))")
                #expect(try await Self.scalar(database, "SELECT string_agg(title, ' | ') FROM source") == "The exchange, retitled")
                #expect(try await Self.scalar(database, "SELECT count(*)::text FROM citation") == "5")
            }
        }
    }

    @Test("a source removed since from letters that keep the register's version, and deleted, is not recorded again")
    func deletedSourceOfKeptLetters() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let export = try await Self.export(in: folder, database)
                // Only the letters of the file cite the article.
                let lettersOnly = folder.appendingPathComponent("letters-cite.jsonl").path
                let lines = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n").map { line -> String in
                    guard var record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                          ["event", "invitation"].contains(record["type"] as? String) else { return String(line) }
                    record["sources"] = nil
                    return String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
                }
                try (lines.joined(separator: "\n") + "\n").write(toFile: lettersOnly, atomically: true, encoding: .utf8)
                var letter = LetterEdit()
                letter.removedSources = [ChangedSinceExportImportTests.articleTitle]
                for ref in ["US-KH-2022-001", "KH-US-2022-001", "US-ASEAN-2022-001"] {
                    _ = try await LetterService(database: database).edit(ref, ifRevision: nil, letter)
                }
                try await database.write { connection in
                    try await connection.execute("DELETE FROM citation")
                    try await connection.execute("DELETE FROM source")
                }

                let report = try await ImportService(database: database).run([lettersOnly], options: ImportOptions())
                #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                #expect(report.changedSinceExport == 3, "\(report.warnings.map(\.message))")
                #expect(try await Self.scalar(database, "SELECT count(*)::text FROM source") == "0")
                #expect(try await Self.scalar(database, "SELECT count(*)::text FROM citation") == "0")

                // Put back, the letters cite it again.
                var revert = ImportOptions()
                revert.revertNewer = true
                let reverted = try await ImportService(database: database).run([lettersOnly], options: revert)
                #expect(reverted.putBackSinceExport == 3, "\(reverted.warnings.map(\.message))")
                #expect(try await Self.scalar(database, "SELECT count(*)::text FROM citation WHERE letter_id IS NOT NULL") == "3")
                #expect(try await Self.scalar(database, "SELECT count(*)::text FROM source") == "1")
            }
        }
    }

    @Test("what the register changed before merging an actor into another stays so; an id changed and then cleared, an other name respelt")
    func mergedAndRespelt() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                _ = try await ImportService(database: database).loadFoundingExample()
                let actors = ActorService(database: database)
                _ = try await actors.add(ActorDraft(kind: .person, name: "Z. One"))
                _ = try await actors.addRole(holder: "Z. One", title: "Envoy", of: "KH", period: "1990/1995")
                _ = try await actors.add(ActorDraft(kind: .person, name: "Dup One", aliases: ["Dup One alias"], viafId: "881", note: "n1"))
                _ = try await actors.add(ActorDraft(kind: .person, name: "Dup Two", viafId: "882"))
                _ = try await actors.add(ActorDraft(kind: .person, name: "Keep One"))
                _ = try await actors.add(ActorDraft(kind: .person, name: "Keep Two"))
                _ = try await actors.add(ActorDraft(kind: .person, name: "Q Person", aliases: ["Mixed Case Alias"], wikidataId: "Q1000001"))
                let export = try await ChangedSinceExportImportTests.foundingExportOnly(database, in: folder)

                var envoy = RoleChanges()
                envoy.period = .set("1990/1996")
                _ = try await actors.editRole(RoleSelector(holder: "Z. One", title: "Envoy"), envoy)
                _ = try await actors.merge("Z. One", into: "Hun Sen")
                var one = ActorChanges()
                one.removedAliases = ["Dup One alias"]
                one.note = .clear
                _ = try await actors.edit("Dup One", one)
                _ = try await actors.merge("Dup One", into: "Keep One")
                var two = ActorChanges()
                two.viafId = .clear
                _ = try await actors.edit("Dup Two", two)
                _ = try await actors.merge("Dup Two", into: "Keep Two")
                var q = ActorChanges()
                q.wikidataId = .set("Q1000002")
                _ = try await actors.edit("Q Person", q)
                q.wikidataId = .clear
                q.removedAliases = ["Mixed Case Alias"]
                q.addedAliases = ["mixed case alias"]
                _ = try await actors.edit("Q Person", q)
                let changed = try await Self.scalar(database, Self.mergedState)

                let report = try await ImportService(database: database).run([export], options: ImportOptions())
                #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                #expect(report.counts["actor"]?.new == 0 && report.counts["actor"]?.updated == 0, "\(report.counts)")
                #expect(report.counts["role"]?.new == 0, "\(report.counts)")
                #expect(try await Self.scalar(database, Self.mergedState) == changed)
                #expect(changed == "Envoy 1990/1996 | Dup One, n- | Dup Two, - | - | mixed case alias", "\(changed ?? "nil")")
                let said = report.warnings.map(\.message)
                for start in ["role: the role 'Envoy' of Cambodia held by Hun Sen (1990/1995) was changed in this register on ",
                              "aliases: the other name “Dup One alias” of Keep One was removed in this register on ",
                              "note: the note “n1” of Keep One was removed in this register on ",
                              "viafId: the VIAF id “882” of Keep Two was removed in this register on ",
                              "wikidataId: the Wikidata id “Q1000001” of Q Person was removed in this register on "] {
                    #expect(said.contains { $0.hasPrefix(start) }, "\(start) in \(said)")
                }
            }
        }
    }

    /// Hun Sen's Envoy roles; Keep One's other names and note, Keep Two's and its VIAF id; Q Person's Wikidata id and other names.
    static let mergedState: PostgresQuery = """
        SELECT concat_ws(' | ',
            (SELECT string_agg(r.title || ' ' || r.period_edtf, ', ' ORDER BY r.id) FROM role_held r JOIN actor a ON a.id = r.holder_id
              WHERE a.name = 'Hun Sen' AND r.title = 'Envoy'),
            (SELECT string_agg(al.alias, ', ' ORDER BY al.alias) || ', n' || coalesce(a.note, '-') FROM actor a
              LEFT JOIN actor_alias al ON al.actor_id = a.id WHERE a.name = 'Keep One' GROUP BY a.note),
            (SELECT string_agg(al.alias, ', ' ORDER BY al.alias) || ', ' || coalesce(a.viaf_id, '-') FROM actor a
              LEFT JOIN actor_alias al ON al.actor_id = a.id WHERE a.name = 'Keep Two' GROUP BY a.viaf_id),
            (SELECT coalesce(wikidata_id, '-') FROM actor WHERE name = 'Q Person'),
            (SELECT string_agg(al.alias, ', ' ORDER BY al.alias) FROM actor_alias al JOIN actor a ON a.id = al.actor_id WHERE a.name = 'Q Person'),
            (SELECT string_agg(name, ', ') FROM actor WHERE name LIKE 'Dup %'))
        """

    @Test("joined exports that would put one role back twice put back the first; the other is named")
    func joinedPutBack() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                _ = try await ImportService(database: database).loadFoundingExample()
                let actors = ActorService(database: database)
                let first = try await ChangedSinceExportImportTests.foundingExportOnly(database, in: folder)
                var role = RoleChanges()
                role.period = .set("1985-01-14/2023-08")
                _ = try await actors.editRole(RoleSelector(holder: "Hun Sen", title: "Prime Minister"), role)
                let second = try await ChangedSinceExportImportTests.foundingExportOnly(database, in: folder)
                role.period = .set("1985-01-14/2023-08-22")
                _ = try await actors.editRole(RoleSelector(holder: "Hun Sen", title: "Prime Minister"), role)
                // Actors, roles and memberships only: both files' letters and events name the same refs.
                func rolesOnly(_ path: String, _ name: String) throws -> String {
                    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
                        .filter { !$0.contains(#""type":"letter""#) && !$0.contains(#""type":"event""#)
                                  && !$0.contains(#""type":"invitation""#) && !$0.contains(#""type":"response""#) }
                    let path = folder.appendingPathComponent(name).path
                    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
                    return path
                }
                var revert = ImportOptions()
                revert.revertNewer = true
                let report = try await ImportService(database: database).run([try rolesOnly(first, "a.jsonl"), try rolesOnly(second, "b.jsonl")],
                                                                             options: revert)
                #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                #expect(report.counts["role"]?.new == 0 && report.counts["role"]?.updated == 1, "\(report.counts)")
                #expect(try await Self.scalar(database, """
                    SELECT string_agg(r.period_edtf, ', ') FROM role_held r JOIN actor a ON a.id = r.holder_id
                    WHERE a.name = 'Hun Sen' AND r.title = 'Prime Minister'
                    """) == "1985-01/2023-08")
                #expect(report.warnings.contains { $0.message.hasPrefix("role: the role 'Prime Minister' of Cambodia held by Hun Sen (1985-01-14/2023-08) "
                                                                        + "is put back by an earlier record of the files (") && $0.message.contains("a.jsonl:") },
                        "\(report.warnings.map(\.message))")
            }
        }
    }
}
