@testable import ChanceryCore
import LibPQClient
import TestSupport
import ChanceryModel

/// A migrated scratch database with Chancery's services over it, dropped afterwards.
func withChancery<T>(foundingExample: Bool = false, collation: TestDatabase.ScratchCollation = .serverDefault,
                     _ body: (ChanceryDatabase) async throws -> T) async throws -> T {
    try await TestDatabase.withScratchDatabase(collation: collation) { configuration in
        let database = ChanceryDatabase(configuration: configuration, changedBy: "test-suite")
        let result: Result<T, any Error>
        do {
            _ = try await database.migrate()
            if foundingExample { _ = try await FoundingExample.load(into: database) }
            result = .success(try await body(database))
        } catch {
            result = .failure(error)
        }
        await database.close()
        return try result.get()
    }
}

/// Row counts of every table a use case writes, to prove a refused use case wrote nothing.
func rowCounts(_ database: ChanceryDatabase) async throws -> [String: Int] {
    try await database.read { connection in
        let row = try await connection.query(
            """
            SELECT (SELECT count(*) FROM actor) AS actor, (SELECT count(*) FROM actor_alias) AS actor_alias,
                   (SELECT count(*) FROM role_held) AS role_held, (SELECT count(*) FROM membership) AS membership,
                   (SELECT count(*) FROM letter) AS letter, (SELECT count(*) FROM letter_participant) AS letter_participant,
                   (SELECT count(*) FROM letter_link) AS letter_link, (SELECT count(*) FROM source) AS source,
                   (SELECT count(*) FROM citation) AS citation, (SELECT count(*) FROM invitation) AS invitation,
                   (SELECT count(*) FROM invitation_invitee) AS invitation_invitee, (SELECT count(*) FROM event) AS event,
                   (SELECT count(*) FROM history) AS history
            """).rows[0]
        var counts: [String: Int] = [:]
        for column in row.columns { counts[column] = try row.decode(column, as: Int.self) }
        return counts
    }
}

/// A letter from Biden to Hun Sen that the tests vary.
func sampleLetter(subject: String = "Follow-up on the summit") -> LetterDraft {
    var draft = LetterDraft()
    draft.from = [ParticipantDraft(name: "Joe Biden")]
    draft.to = [ParticipantDraft(name: "Hun Sen")]
    draft.date = "2022-06"
    draft.subject = subject
    return draft
}
