@testable import ChanceryCore
import ChanceryModel
import LibPQClient
import TestSupport
import Testing

/// Networks over the whole register are kept between requests (`KeptNetworks`); each request asks
/// the server whether anything they are read from changed since.
@Suite("Networks kept between requests")
struct KeptNetworkTests {
    static let countries = NetworkRequest(level: .country)

    @Test("a network asked for again is served from memory until a write changes it")
    func servedUntilAWrite() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = NetworkService(database: database)
            let first = try await service.network(Self.countries)
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 0, read: 1))
            #expect(try await service.network(Self.countries) == first)
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 1, read: 1))
            // Another flag is another network.
            _ = try await service.network(NetworkRequest(level: .country, includeCC: true))
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 1, read: 2))

            _ = try await LetterService(database: database).add(sampleLetter())
            // The letter counted its pairs again: the kept network follows them.
            let after = try await service.network(Self.countries)
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 1, read: 2, updated: 1))
            #expect(after.edges.contains(NetworkEdge(source: "US", target: "KH", weight: 2)))
            #expect(!first.edges.contains(NetworkEdge(source: "US", target: "KH", weight: 2)))
            #expect(after == (try await database.read { try await NetworkService.wholeRegister(.init(level: .country, includeCC: false), on: $0) }))
            // A window reads the letters; nothing is kept for it.
            _ = try await service.network(NetworkRequest(level: .country, since: "2022"))
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 1, read: 2, updated: 1))
        }
    }

    @Test("a network of states follows the pairs letters count again, and is read whole when a pair loses its last letter")
    func followsPairs() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = NetworkService(database: database)
            func fresh() async throws -> CorrespondenceNetwork {
                try await database.read { try await NetworkService.wholeRegister(.init(level: .country, includeCC: false), on: $0) }
            }
            let first = try await service.network(Self.countries)
            var draft = sampleLetter()
            draft.to = [ParticipantDraft(name: "Indonesia")]
            let ref = try await LetterService(database: database).add(draft)
            // A new pair, and a new state at one end of it.
            let with = try await service.network(Self.countries)
            #expect(with.edges.contains(NetworkEdge(source: "US", target: "ID", weight: 1)))
            #expect(with.nodes.map(\.id).contains("ID") && !first.nodes.map(\.id).contains("ID"))
            #expect(with == (try await fresh()))
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 0, read: 1, updated: 1))
            // Its only letter deleted, the pair has no row left to say so.
            try await LetterService(database: database).delete(ref, ifRevision: nil)
            let without = try await service.network(Self.countries)
            #expect(without == first)
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 0, read: 2, updated: 1))
        }
    }

    @Test("in a register whose collation sorts codes otherwise than bytes, the network followed is the one read")
    func collationOtherThanBytes() async throws {
        try await withChancery(collation: .czech) { database in
            let actors = ActorService(database: database), letters = LetterService(database: database)
            for (name, code) in [("Switzerland", "CH"), ("China", "CN"), ("Hungary", "HU"), ("United States", "US")] {
                _ = try await actors.add(ActorDraft(kind: .state, name: name, isoCode: code))
            }
            func letter(_ from: String, to: String = "United States") -> LetterDraft {
                var draft = LetterDraft()
                draft.from = [ParticipantDraft(name: from)]
                draft.to = [ParticipantDraft(name: to)]
                draft.date = "2022-06"
                draft.subject = "Greetings"
                return draft
            }
            let czechOrder: [String] = try await database.read { connection in
                try await connection.query("SELECT array_agg(c ORDER BY c) AS codes FROM unnest(ARRAY['CH', 'CN', 'HU']::char(2)[]) AS c")
                    .rows[0].decode("codes")
            }
            #expect(czechOrder == ["CN", "HU", "CH"], "the database sorts CH after HU")
            let service = NetworkService(database: database)
            func fresh() async throws -> CorrespondenceNetwork {
                try await database.read { try await NetworkService.wholeRegister(.init(level: .country, includeCC: false), on: $0) }
            }
            for from in ["Switzerland", "China", "Hungary"] { _ = try await letters.add(letter(from)) }
            let first = try await service.network(Self.countries)
            #expect(first.edges.map(\.source) == ["CH", "CN", "HU"])
            // Switzerland's pair again, then a new one beside it: each followed in its place.
            _ = try await letters.add(letter("Switzerland"))
            #expect(try await service.network(Self.countries) == (try await fresh()))
            _ = try await letters.add(letter("United States", to: "Switzerland"))
            let last = try await service.network(Self.countries)
            #expect(last == (try await fresh()))
            #expect(last.edges.contains(NetworkEdge(source: "CH", target: "US", weight: 2)))
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 0, read: 1, updated: 2))
        }
    }

    @Test("the service names the inputs of networks as the schema does")
    func inputsMatchTheSchema() async throws {
        try await withChancery { database in
            let labels: [String] = try await database.read { connection in
                try await connection.query("SELECT enum_range(NULL::network_input)::text[] AS labels").rows[0].decode("labels")
            }
            #expect(labels == NetworkInput.allCases.map(\.rawValue))
        }
    }

    @Test("a change still open while the network is read is seen once it commits")
    func changeOpenDuringTheRead() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = NetworkService(database: database)
            try await database.write { connection in
                try await connection.execute("UPDATE country SET name = 'Kampuchea' WHERE code = 'KH'")
                // Read on another session while the rename is uncommitted: the old name is kept.
                let during = try await service.network(Self.countries)
                #expect(during.nodes.map(\.label) == ["Cambodia", "United States"])
            }
            let after = try await service.network(Self.countries)
            #expect(after.nodes.map(\.label) == ["Kampuchea", "United States"])
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 0, read: 2))
            #expect(try await service.network(Self.countries) == after)
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 1, read: 2))
        }
    }

    @Test("settling forgets the changes every session sees, and a network kept before them is read again")
    func settlingForgetsChanges() async throws {
        try await withChancery(foundingExample: true) { database in
            func settle() async throws {
                _ = try await database.write { connection in try await connection.execute("SELECT settle_census()") }
            }
            // No key left partial: settling below folds nothing, so writes nothing of its own
            // but the row that says it forgot something.
            try await settle()
            let service = NetworkService(database: database)
            let before = try await service.network(Self.countries)
            let renaming: String = try await database.write { connection in
                try await connection.execute("UPDATE country SET name = 'Kampuchea' WHERE code = 'KH'")
                return try await connection.query("SELECT pg_current_xact_id()::text AS txid").rows[0].decode("txid")
            }
            // Settling forgets what every open snapshot sees. A test running beside this one may
            // hold an older snapshot open (anywhere on the server) for longer than this test
            // waits; the network must then still be right, with the rename's own row to say so.
            if try await Self.everySessionSees(renaming, database: database) {
                try await settle()
                let forgotten: Bool = try await database.read { connection in
                    try await connection.query("SELECT NOT EXISTS (SELECT FROM network_change WHERE txid = \(renaming)::xid8) AS gone")
                        .rows[0].decode("gone")
                }
                #expect(forgotten)
            }
            let after = try await service.network(Self.countries)
            #expect(before.nodes.map(\.label) == ["Cambodia", "United States"])
            #expect(after.nodes.map(\.label) == ["Kampuchea", "United States"])
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 0, read: 2))
        }
    }

    @Test("a forgetting run that forgets nothing new leaves a kept network current")
    func forgettingNothingNewKeepsTheNetwork() async throws {
        try await withChancery(foundingExample: true) { database in
            // What the service's forgetter runs (settling would also fold, and write).
            func forget() async throws { try await NetworkService(database: database).forgetSeenChanges() }
            func marker() async throws -> String? {
                try await database.read { connection in
                    try await connection.query(
                        "SELECT max(txid)::text AS txid FROM network_change WHERE marks_forgetting AND input = 'countries'"
                    ).rows[0].decode("txid")
                }
            }
            let renaming: String = try await database.write { connection in
                try await connection.execute("UPDATE country SET name = 'Kampuchea' WHERE code = 'KH'")
                return try await connection.query("SELECT pg_current_xact_id()::text AS txid").rows[0].decode("txid")
            }
            // Both runs below must be able to forget what came before them; a test running
            // beside this one may hold an older snapshot open for longer than this test waits.
            guard try await Self.everySessionSees(renaming, database: database) else { return }
            try await forget()
            let forgetting = try #require(try await marker(), "the run that forgot the rename says so")
            let service = NetworkService(database: database)
            let network = try await service.network(Self.countries)
            guard try await Self.everySessionSees(forgetting, database: database) else { return }
            // Nothing written since: this run could forget only the rows the last one wrote.
            try await forget()
            #expect(try await marker() == forgetting)
            #expect(try await service.network(Self.countries) == network)
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 1, read: 1))
        }
    }

    /// Whether, within 20 s, every session on the server came to see the transaction `txid`
    /// (the oldest snapshot's xmin passed it).
    static func everySessionSees(_ txid: String, database: ChanceryDatabase) async throws -> Bool {
        for _ in 0..<200 {
            let seen: Bool = try await database.read { connection in
                try await connection.query("SELECT pg_snapshot_xmin(pg_current_snapshot()) > \(txid)::xid8 AS seen").rows[0].decode("seen")
            }
            if seen { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("a network kept from another server is never served")
    func anotherServer() async throws {
        try await withChancery(foundingExample: true) { database in
            let snapshot: String = try await database.read { connection in
                try await connection.query("SELECT pg_current_snapshot()::text AS snapshot").rows[0].decode("snapshot")
            }
            let stranger = CorrespondenceNetwork(level: .country, nodes: [], edges: [])
            database.keptNetworks.keep(KeptNetworks.Reading(server: "another cluster", snapshot: snapshot, network: stranger),
                                       for: KeptNetworks.Key(level: .country, includeCC: false))
            let network = try await NetworkService(database: database).network(Self.countries)
            #expect(network.edges.count == 2)
            #expect(database.keptNetworks.tally.served == 0)
            // Both are kept now, one per server, and this server's is the one served.
            #expect(try await NetworkService(database: database).network(Self.countries) == network)
            #expect(database.keptNetworks.tally.served == 1)
        }
    }

    @Test("two services over one database: a write through one is in the other's next network")
    func twoServices() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let writer = ChanceryDatabase(configuration: configuration, changedBy: "writer")
            let reader = ChanceryDatabase(configuration: configuration, changedBy: "reader")
            let outcome: Result<Void, any Error>
            do {
                _ = try await writer.migrate()
                _ = try await FoundingExample.load(into: writer)
                let before = try await NetworkService(database: reader).network(Self.countries)
                #expect(try await NetworkService(database: reader).network(Self.countries) == before)
                _ = try await LetterService(database: writer).add(sampleLetter())
                let after = try await NetworkService(database: reader).network(Self.countries)
                #expect(after.edges.contains(NetworkEdge(source: "US", target: "KH", weight: 2)))
                #expect(!before.edges.contains(NetworkEdge(source: "US", target: "KH", weight: 2)))
                #expect(reader.keptNetworks.tally == KeptNetworks.Tally(served: 1, read: 1, updated: 1))
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            await writer.close()
            await reader.close()
            try outcome.get()
        }
    }

    @Test("requests arriving while a network is read wait for that reading instead of reading it too")
    func burstReadsOnce() async throws {
        try await withChancery(foundingExample: true) { database in
            let first = try await HeldReading.begin(on: database)
            // Three more, while the pool's fourth connection reads.
            let others = (0..<3).map { _ in Task { try await NetworkService(database: database).network(Self.countries) } }
            try await first.waitUntil(requestsWaiting: 3)
            let network = try await first.finish()
            for other in others { #expect(try await other.value == network) }
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 3, read: 1))
        }
    }

    @Test("a request waiting for another's reading stops waiting when it is cancelled")
    func cancelledWhileWaiting() async throws {
        try await withChancery(foundingExample: true) { database in
            let held = try await HeldReading.begin(on: database)
            let waiting = Task { try await NetworkService(database: database).network(Self.countries) }
            try await held.waitUntil(requestsWaiting: 1)
            waiting.cancel()
            // It stops waiting while the reading is still held (10 s at most).
            let deadline = ContinuousClock.now + .seconds(10)
            while database.keptNetworks.requestsWaiting(for: HeldReading.key) > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(database.keptNetworks.requestsWaiting(for: HeldReading.key) == 0, "the cancelled request still waits")
            let network = try await held.finish()
            await #expect(throws: CancellationError.self) { try await waiting.value }
            #expect(try await NetworkService(database: database).network(Self.countries) == network)
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 1, read: 1))
        }
    }

    @Test("a request that waited for a reading begun before a write it must see reads for itself")
    func waitedForAnOlderReading() async throws {
        try await withChancery(foundingExample: true) { database in
            // Its snapshot is taken before `read` runs, so before the letter below commits.
            let older = try await HeldReading.begin(on: database)
            _ = try await LetterService(database: database).add(sampleLetter())
            let newer = Task { try await NetworkService(database: database).network(Self.countries) }
            try await older.waitUntil(requestsWaiting: 1)
            let before = try await older.finish(), after = try await newer.value
            #expect(!before.edges.contains(NetworkEdge(source: "US", target: "KH", weight: 2)))
            #expect(after.edges.contains(NetworkEdge(source: "US", target: "KH", weight: 2)))
            // It brought the older reading up to date.
            #expect(database.keptNetworks.tally == KeptNetworks.Tally(served: 0, read: 1, updated: 1))
        }
    }

    @Test("the networks kept longest are let go when the edges kept would pass the budget")
    func edgeBudget() {
        let kept = KeptNetworks(edgeBudget: 10)
        func reading(_ edges: Int) -> KeptNetworks.Reading {
            let network = CorrespondenceNetwork(level: .country, nodes: [],
                                                edges: (0..<edges).map { NetworkEdge(source: "A\($0)", target: "B", weight: 1) })
            return KeptNetworks.Reading(server: "here", snapshot: "1:1:", network: network)
        }
        let plain = KeptNetworks.Key(level: .country, includeCC: false), copies = KeptNetworks.Key(level: .country, includeCC: true)
        let actors = KeptNetworks.Key(level: .actor, includeCC: false)
        kept.keep(reading(4), for: plain)
        kept.keep(reading(4), for: copies)
        #expect(kept.readings(for: plain).count == 1 && kept.readings(for: copies).count == 1)
        kept.keep(reading(5), for: actors)
        #expect(kept.readings(for: plain).isEmpty)
        #expect(kept.readings(for: copies).map(\.network.edges.count) == [4])
        #expect(kept.readings(for: actors).map(\.network.edges.count) == [5])
        // Larger than the whole budget: read for every request, and nothing else let go.
        kept.keep(reading(11), for: plain)
        #expect(kept.readings(for: plain).isEmpty)
        #expect(kept.readings(for: copies).count == 1 && kept.readings(for: actors).count == 1)
        #expect(kept.tally.read == 4)
    }
}

/// A country network's reading held open inside its snapshot until the test lets it finish.
private struct HeldReading {
    static let key = KeptNetworks.Key(level: .country, includeCC: false)
    let database: ChanceryDatabase
    let reading: Task<CorrespondenceNetwork, any Error>
    let gateOpener: AsyncStream<Void>.Continuation

    /// Starts the reading and returns once it holds its snapshot.
    static func begin(on database: ChanceryDatabase) async throws -> HeldReading {
        let (started, startedSignal) = AsyncStream.makeStream(of: Void.self)
        let (gate, gateOpener) = AsyncStream.makeStream(of: Void.self)
        let reading = Task {
            try await database.read { connection in
                var source = NetworkService.wholeRegister(key)
                source.read = { transaction in
                    startedSignal.yield()
                    for await _ in gate { break }
                    return try await NetworkService.wholeRegister(key, on: transaction)
                }
                return try await KeptNetworkReader(kept: database.keptNetworks, connection: connection).network(key, source)
            }
        }
        for await _ in started { break }
        return HeldReading(database: database, reading: reading, gateOpener: gateOpener)
    }

    /// Waits (10 s at most) until `count` requests wait for this reading.
    func waitUntil(requestsWaiting count: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while database.keptNetworks.requestsWaiting(for: Self.key) < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(database.keptNetworks.requestsWaiting(for: Self.key) == count, "requests waiting for the held reading",
                sourceLocation: sourceLocation)
    }

    /// Lets the reading finish, and returns its network.
    func finish() async throws -> CorrespondenceNetwork {
        gateOpener.yield()
        return try await reading.value
    }
}
