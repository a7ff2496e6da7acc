@testable import ChanceryCore
import ChanceryModel
import LibPQClient
import TestSupport
import Testing

/// A write that names an actor while a merge deletes that actor: the write waits for the merge
/// and then lands on the actor kept, instead of failing on a vanished row (found by the
/// concurrent-editors drill, drills/chancerydrills/editors.py).
@Suite("Writes racing a merge")
struct ConcurrentMergeTests {
    @Test("a letter logged while a merge holds its sender waits and names the actor kept")
    func letterWaitsForTheMerge() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let database = ChanceryDatabase(configuration: configuration, changedBy: "test-suite")
            let merger = try await PostgresConnection.connect(configuration)
            do {
                _ = try await database.migrate()
                _ = try await FoundingExample.load(into: database)
                let actors = ActorService(database: database)
                _ = try await actors.add(ActorDraft(kind: .person, name: "Joseph Biden"))

                // What a merge does, held open: the duplicate locked, its name an alias of the kept
                // actor, the duplicate deleted, and only then the commit.
                _ = try await merger.execute("BEGIN")
                let duplicate = try await merger.query("SELECT id FROM actor WHERE name = 'Joseph Biden' FOR UPDATE")
                    .rows[0].decode("id", as: Int64.self)
                var draft = sampleLetter(subject: "Logged during a merge")
                draft.from = [ParticipantDraft(name: "Joseph Biden")]
                let logging = Task { try await LetterService(database: database).add(draft) }

                let waiting = try await Self.eventuallyWaitingOnALock(merger)
                #expect(waiting, "letter add did not wait for the merge's lock")
                _ = try await merger.execute(
                    "INSERT INTO actor_alias (actor_id, alias) SELECT id, 'Joseph Biden' FROM actor WHERE name = 'Joe Biden'")
                _ = try await merger.execute("DELETE FROM actor WHERE id = \(duplicate)")
                _ = try await merger.execute("COMMIT")

                let ref = try await logging.value
                let letter = try await LetterService(database: database).show(ref)
                #expect(letter.participants.filter { $0.role == .author }.map(\.name) == ["Joe Biden"])
            } catch {
                merger.close()
                await database.close()
                throw error
            }
            merger.close()
            await database.close()
        }
    }

    @Test("two merges of one duplicate at once: one merges, the other says it is done, nothing traps")
    func twoMergesOfOneDuplicate() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            _ = try await actors.add(ActorDraft(kind: .person, name: "Joseph Biden"))
            async let first = Self.outcome { try await actors.merge("Joseph Biden", into: "Joe Biden") }
            async let second = Self.outcome { try await actors.merge("Joseph Biden", into: "Joe Biden") }
            let outcomes = await [first, second].sorted()
            #expect(outcomes == ["conflict", "merged"], "\(outcomes)")
        }
    }

    static func outcome(_ merge: () async throws -> WriteOutcome<ActorMergeReport>) async -> String {
        do {
            _ = try await merge()
            return "merged"
        } catch let error as ChanceryError where error.kind == .conflict {
            return "conflict"
        } catch {
            return "\(error)"
        }
    }

    /// Whether another session of this database waits on a lock within a few seconds.
    static func eventuallyWaitingOnALock(_ connection: PostgresConnection) async throws -> Bool {
        for _ in 0..<100 {
            let waiting = try await connection.query(
                """
                SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'
                """).rows[0].decode("n", as: Int.self)
            if waiting > 0 { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
