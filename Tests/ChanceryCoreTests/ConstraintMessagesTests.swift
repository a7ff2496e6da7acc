import LibPQClient
import ChanceryModel
import TestSupport
import Testing
@testable import ChanceryCore

/// The backstop for the database's refusals answers in sentences of ours: PostgreSQL's message,
/// detail, hint and the objects it names are kept apart, for the log.
@Suite("Constraint messages")
struct ConstraintMessagesTests {
    /// Refusals of every kind the backstop handles, as the server words them.
    static let refusals: [PostgresError] = [
        PostgresError(code: .server, message: #"duplicate key value violates unique constraint "zz_secret_unique""#, sqlState: "23505",
                      detail: "Key (zz_column)=(x) already exists.", constraint: "zz_secret_unique", table: "zz_table", schema: "public"),
        PostgresError(code: .server, message: #"insert or update on table "zz_table" violates foreign key constraint "zz_fk""#,
                      sqlState: "23503", detail: #"Key (zz_column)=(7) is not present in table "zz_other"."#, constraint: "zz_fk",
                      table: "zz_table"),
        PostgresError(code: .server, message: #"new row for relation "zz_table" violates check constraint "zz_check""#, sqlState: "23514",
                      detail: "Failing row contains (zz_value).", hint: "zz_hint", constraint: "zz_check", table: "zz_table"),
        PostgresError(code: .server, message: #"null value in column "zz_column" of relation "zz_table" violates not-null constraint"#,
                      sqlState: "23502", table: "zz_table", column: "zz_column"),
        PostgresError(code: .server, message: #"value too long for type character varying(zz)"#, sqlState: "22001"),
        PostgresError(code: .server, message: #"relation "zz_table" does not exist"#, sqlState: "42P01"),
        PostgresError(code: .server, message: "terminating connection due to zz_administrator command", sqlState: "57P01"),
        PostgresError(code: .server, message: "canceling statement due to zz_statement timeout", sqlState: "57014"),
        PostgresError(code: .server, message: "could not serialize access due to zz_concurrent update", sqlState: "40001"),
        PostgresError(code: .server, message: #"function zz_function() does not exist"#, sqlState: "42883", hint: "zz_hint"),
        PostgresError(code: .connectionFailed, message: "zz_connection refused", connectionTarget: "host db.example:5432"),
    ]

    @Test("messages and hints are ours; the server's words are the diagnostic", arguments: refusals)
    func serverWordsStayInTheDiagnostic(_ refusal: PostgresError) throws {
        let translated = ConstraintMessages.translate(refusal)
        // Every word the server supplied starts with zz_ here.
        #expect(!translated.description.contains("zz_"), "\(translated.description)")
        #expect(translated.field == nil)
        let diagnostic = try #require(translated.diagnostic)
        #expect(diagnostic.contains(refusal.message), "\(diagnostic)")
        if let detail = refusal.detail { #expect(diagnostic.contains(detail), "\(diagnostic)") }
        if let table = refusal.table { #expect(diagnostic.contains("table " + (refusal.schema.map { $0 + "." } ?? "") + table)) }
        if let column = refusal.column { #expect(diagnostic.contains("column " + column)) }
        if let sqlState = refusal.sqlState { #expect(diagnostic.contains(sqlState)) }
        #expect(!diagnostic.contains("\n"), "one log line: \(diagnostic)")
    }

    @Test("a constraint the services know keeps its specific sentence")
    func knownConstraintsKeepTheirSentence() {
        let refusal = PostgresError(code: .server, message: #"duplicate key value violates unique constraint "letter_ref_unique""#,
                                    sqlState: "23505", detail: "Key (ref)=(X) already exists.", constraint: "letter_ref_unique")
        let translated = ConstraintMessages.translate(refusal)
        #expect(translated.kind == .conflict)
        #expect(translated.message == "a letter with that reference already exists")
        #expect(translated.field == "ref")
        #expect(translated.diagnostic?.contains("letter_ref_unique") == true)
    }

    @Test("text the database cannot store is the client's fault, not a bug: a NUL bound as text, a \\u0000 in jsonb")
    func unstorableTextIsInvalidInput() async throws {
        try await TestDatabase.withScratchConnection { connection in
            let statements: [PostgresQuery] = ["SELECT \("a\u{0}b")::text AS t", "SELECT \(#"{"a": "\u0000"}"#)::jsonb AS j"]
            for statement in statements {
                let error = await #expect(throws: ChanceryError.self) {
                    try await ChanceryError.translatingDatabaseErrors { _ = try await connection.query(statement) }
                }
                #expect(error?.kind == .invalidInput, "\(String(describing: error))")
            }
        }
    }

    @Test("the connection target, which is ours, names where the database was sought")
    func connectionTargetIsNamed() {
        let translated = ConstraintMessages.translate(
            PostgresError(code: .connectionFailed, message: "zz_connection refused", connectionTarget: "host db.example:5432"))
        #expect(translated.kind == .databaseUnavailable)
        #expect(translated.message == "cannot reach PostgreSQL at host db.example:5432")
    }
}
