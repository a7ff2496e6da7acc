@testable import ChanceryCore
import LibPQClient
import Testing

/// schema.sql keeps bad rows out even when the service layer is bypassed.
@Suite("Constraints hold for plain SQL")
struct PlainSQLConstraintTests {
    private func refusal(_ sql: String, on database: ChanceryDatabase) async throws -> PostgresError? {
        try await database.read { connection in
            do {
                try await connection.withTransaction { transaction in try await transaction.executeScript(PostgresQuery(unsafeSQL: sql)) }
                return nil
            } catch let error as PostgresError {
                return error
            }
        }
    }

    @Test("a letter without participants cannot be committed")
    func letterNeedsParticipants() async throws {
        try await withChancery { database in
            let error = try await refusal(
                """
                INSERT INTO letter (ref, sent_edtf, sent_earliest, sent_latest, sent_precision, subject)
                VALUES ('X-1', '2022', '2022-01-01', '2022-12-31', 'year', 'No one wrote this')
                """, on: database)
            #expect(error?.constraint == "letter_has_author")
            #expect(try await rowCounts(database)["letter"] == 0)
        }
    }

    @Test("rows breaking a rule are refused, naming the constraint", arguments: [
        ("INSERT INTO actor (kind, name, iso_code) VALUES ('person', 'Someone', 'US')", "actor_iso_code_only_for_states"),
        ("INSERT INTO actor (kind, name, iso_code) VALUES ('state', 'Atlantis', 'ZZ')", "actor_iso_code_fkey"),
        ("INSERT INTO actor (kind, name) VALUES ('person', '   ')", "actor_name_not_blank"),
        ("INSERT INTO actor (kind, name, wikidata_id) VALUES ('person', 'X', 'P31')", "actor_wikidata_format"),
        ("""
         INSERT INTO letter (ref, sent_edtf, sent_earliest, sent_latest, sent_precision, subject)
         VALUES ('X-2', 'sometime', '2022-01-01', '2022-12-31', 'year', 'Bad date')
         """, "letter_sent_shape"),
        ("""
         INSERT INTO letter (ref, sent_edtf, sent_earliest, sent_latest, sent_precision, subject)
         VALUES ('X-3', '2022', '2022-12-31', '2022-01-01', 'year', 'Reversed')
         """, "letter_sent_order"),
        ("""
         INSERT INTO letter (ref, sent_edtf, sent_earliest, sent_latest, sent_precision, subject)
         VALUES ('bad ref', '2022', '2022-01-01', '2022-12-31', 'year', 'Ref')
         """, "letter_ref_format"),
        ("INSERT INTO citation (source_id) VALUES (1)", "citation_supports_one_record"),
    ])
    func refusedRows(sql: String, constraint: String) async throws {
        try await withChancery(foundingExample: true) { database in
            let before = try await rowCounts(database)
            let error = try await refusal(sql, on: database)
            #expect(error?.constraint == constraint)
            #expect(try await rowCounts(database) == before)
        }
    }

    @Test("history is append-only")
    func historyAppendOnly() async throws {
        try await withChancery(foundingExample: true) { database in
            let error = try await refusal("DELETE FROM history", on: database)
            #expect(error?.message.contains("append-only") == true)
        }
    }
}
