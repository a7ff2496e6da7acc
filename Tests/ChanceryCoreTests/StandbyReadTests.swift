@testable import ChanceryCore
import Foundation
import LibPQClient
import Testing
import TestSupport
import ChanceryModel

/// Reads a standby may serve go to the test server's hot standby; a read bound to a commit waits
/// for the standby to replay it or goes to the primary; a lagging standby is skipped. Serialized:
/// the tests pause the standby's replay, which every database on it shares.
@Suite("Reads from a hot standby", .serialized)
struct StandbyReadTests {
    /// A migrated scratch database on the primary, with the standby as a read replica; replay is
    /// resumed at the end whatever happened. The limits are generous unless a test is about them:
    /// a loaded test machine replays slowly.
    private func withStandby(maximumLag: Double = 60, wait: Int = 20_000,
                             _ body: (ChanceryDatabase, PostgresConnection) async throws -> Void) async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let standby = try #require(try await TestDatabase.replayedStandby(of: configuration),
                                       "no standby: run the tests with scripts/run-tests.sh, which starts one")
            let migrated = ChanceryDatabase(configuration: configuration, changedBy: "test-suite")
            _ = try await migrated.migrate()
            _ = try await FoundingExample.load(into: migrated)
            await migrated.close()
            try await TestDatabase.waitForReplay(of: configuration, on: standby)
            var settings = StandbyReads.Settings()
            settings.maximumLagSeconds = maximumLag
            settings.catchUpWait = .milliseconds(wait)
            settings.refreshInterval = .milliseconds(100)
            let database = ChanceryDatabase(configuration: configuration, changedBy: "test-suite", standbys: [standby], standbySettings: settings)
            // The standby's own session, to pause and resume its replay.
            let control = try await PostgresConnection.connect(standby)
            let result: Result<Void, any Error>
            do { result = .success(try await body(database, control)) } catch { result = .failure(error) }
            _ = try? await control.query("SELECT pg_wal_replay_resume()")
            control.close()
            await database.close()
            try result.get()
        }
    }

    private func reads(_ database: ChanceryDatabase) throws -> (primary: Int, standby: Int) {
        let targets = try #require(database.readTargets)
        return (targets.primaryReads, targets.standbys[0].reads)
    }

    /// Writes a letter recording its commit position, as a request through the HTTP layer does.
    private func write(_ subject: String, _ database: ChanceryDatabase) async throws -> (ref: String, position: CommitPosition) {
        let receipt = CommitReceipt()
        let ref = try await ReadYourWrites.$receipt.withValue(receipt) { try await LetterService(database: database).add(sampleLetter(subject: subject)) }
        return (ref, try #require(receipt.position))
    }

    @Test("listings, letters, search and reports are served by the standby; writes and their positions by the primary")
    func readsGoToTheStandby() async throws {
        try await withStandby { database, _ in
            let (ref, position) = try await write("Standby reads", database)
            let letter = try await ReadYourWrites.$required.withValue(position) { try await LetterService(database: database).show(ref) }
            #expect(letter.subject == "Standby reads")
            _ = try await LetterService(database: database).list(LetterQuery())
            _ = try await SearchService(database: database).search("summit")
            _ = try await StatisticsService(database: database).statistics()
            #expect(try reads(database) == (primary: 0, standby: 4))
            // The position is the primary's, after the commit: the standby has replayed it.
            #expect(position > CommitPosition("0/0")!)
        }
    }

    @Test("a read that must see a write the standby has not replayed goes to the primary after the wait, and to the standby once replayed")
    func readYourWrites() async throws {
        try await withStandby(wait: 200) { database, control in
            _ = try await LetterService(database: database).list(LetterQuery())   // the standby is known to be fresh
            _ = try await control.query("SELECT pg_wal_replay_pause()")
            let (ref, position) = try await write("Written while replay is paused", database)
            let before = try reads(database)
            let started = ContinuousClock.now
            let seen = try await ReadYourWrites.$required.withValue(position) { try await LetterService(database: database).show(ref) }
            #expect(seen.subject == "Written while replay is paused")
            #expect(ContinuousClock.now - started >= .milliseconds(200), "the read waited for the standby first")
            #expect(try reads(database) == (primary: before.primary + 1, standby: before.standby))
            // Without the position, the paused standby still serves (within the lag limit) and does not know the letter.
            await #expect(throws: ChanceryError.self) { try await LetterService(database: database).show(ref) }

            _ = try await control.query("SELECT pg_wal_replay_resume()")
            let resumed = try await ReadYourWrites.$required.withValue(position) { try await LetterService(database: database).show(ref) }
            #expect(resumed.subject == "Written while replay is paused")
            #expect(try reads(database).standby == before.standby + 1)
        }
    }

    @Test("a standby lagging past the limit is skipped until it catches up")
    func laggingStandbyIsSkipped() async throws {
        try await withStandby(maximumLag: 0.3) { database, control in
            #expect(try await servedByStandby(database, within: .seconds(20)), "a fresh standby serves")
            _ = try await control.query("SELECT pg_wal_replay_pause()")
            _ = try await write("Lagging", database)
            // Past the limit and a check later, reads go to the primary, which knows the letter.
            try await Task.sleep(for: .milliseconds(800))
            #expect(try await servedByPrimary(database, within: .seconds(5)))
            let lagging = try await LetterService(database: database).list(LetterQuery())
            #expect(lagging.contains { $0.subject == "Lagging" })
            // The check under way finds the lag (until then the standby counts as unchecked).
            var lag: Double?
            for _ in 0..<50 where lag == nil {
                try await Task.sleep(for: .milliseconds(100))
                _ = try await LetterService(database: database).list(LetterQuery())
                lag = database.readTargets?.standbys[0].lagSeconds
            }
            #expect(try #require(lag) > 0.3)
            _ = try await control.query("SELECT pg_wal_replay_resume()")
            #expect(try await servedByStandby(database, within: .seconds(20)), "caught up, the standby serves again")
        }
    }

    /// Lists letters until the standby serves one listing (true), or the time is up.
    private func servedByStandby(_ database: ChanceryDatabase, within limit: Duration) async throws -> Bool {
        try await served(database, within: limit) { before, after in after.standby > before.standby }
    }

    private func servedByPrimary(_ database: ChanceryDatabase, within limit: Duration) async throws -> Bool {
        try await served(database, within: limit) { before, after in after.primary > before.primary }
    }

    private func served(_ database: ChanceryDatabase, within limit: Duration,
                        by test: ((primary: Int, standby: Int), (primary: Int, standby: Int)) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let before = try reads(database)
            _ = try await LetterService(database: database).list(LetterQuery())
            if test(before, try reads(database)) { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// A hot standby's `pg_current_snapshot()` lists no transaction in progress: a network kept
    /// with it would count a writer still open when it was read as seen.
    @Test("a network kept from the standby is read again when a change open while it was read commits")
    func keptNetworkOnTheStandby() async throws {
        try await withStandby { database, _ in
            let countries = NetworkRequest(level: .country)
            let renaming = CommitReceipt()
            try await ReadYourWrites.$receipt.withValue(renaming) {
                try await database.write { connection in
                    try await connection.execute("UPDATE country SET name = 'Kampuchea' WHERE code = 'KH'")
                    // A later writer commits while the rename is open, so that the standby's
                    // snapshot runs past the rename's transaction id.
                    let (_, position) = try await write("Committed during the rename", database)
                    let before = try reads(database)
                    let during = try await ReadYourWrites.$required.withValue(position) { try await NetworkService(database: database).network(countries) }
                    #expect(try reads(database).standby == before.standby + 1)
                    #expect(during.nodes.map(\.label) == ["Cambodia", "United States"])
                    #expect(during.edges.contains(NetworkEdge(source: "US", target: "KH", weight: 2)))
                }
            }
            let position = try #require(renaming.position)
            let before = try reads(database)
            let after = try await ReadYourWrites.$required.withValue(position) { try await NetworkService(database: database).network(countries) }
            #expect(try reads(database).standby == before.standby + 1)
            #expect(after.nodes.map(\.label) == ["Kampuchea", "United States"])
        }
    }

    @Test("a standby that cannot be reached is skipped, and reads go to the primary")
    func unreachableStandby() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let primary = ChanceryDatabase(configuration: configuration, changedBy: "test-suite")
            _ = try await primary.migrate()
            await primary.close()
            let nowhere = PostgresConfiguration(conninfo: "host=127.0.0.1 port=1 connect_timeout=2")
            let database = ChanceryDatabase(configuration: configuration, changedBy: "test-suite", standbys: [nowhere])
            let letters = try await LetterService(database: database).list(LetterQuery())
            #expect(letters.isEmpty)
            #expect(try reads(database) == (primary: 1, standby: 0))
            #expect(database.readTargets?.standbys[0].lagSeconds == nil)
            await database.close()
        }
    }

    @Test("log positions read and print as PostgreSQL writes them, and order as numbers")
    func positions() {
        #expect(PostgresLSN("16/B374D848")?.offset == 0x16_B374_D848)
        #expect(PostgresLSN("16/B374D848")?.description == "16/B374D848")
        #expect(PostgresLSN("0/0")?.description == "0/0")
        #expect(PostgresLSN("1/0")! > PostgresLSN("0/FFFFFFFF")!)
        for bad in ["", "16", "16/", "/1", "G/1", "1/2/3", "123456789/0", " 1/0"] { #expect(PostgresLSN(bad) == nil, "\(bad)") }
    }
}
