@testable import ChanceryCore
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// The register's kept counts (`census_by_*`, schema.sql) answer `stats` and the network over the
/// whole register. After every kind of write they must equal the counts taken over the letters.
@Suite("The register's kept counts stay exact")
struct CensusExactnessTests {
    /// A count as both readers give it, in an order that does not depend on ties.
    struct Counts: Equatable, CustomStringConvertible {
        var total: Int
        var byCountry: [String]
        var byYear: [String]
        var byKind: [String]
        var actorPairs: [String]
        var topActorPairs: [String]
        var countryPairs: [String]
        var topCountryPairs: [String]
        var networks: [String]
        var records: RecordCounts

        var description: String {
            "total \(total)\ncountries \(byCountry)\nyears \(byYear)\nkinds \(byKind)\nactor pairs \(actorPairs)\ntop \(topActorPairs)\n"
                + "country pairs \(countryPairs)\ntop \(topCountryPairs)\nnetworks \(networks)\nrecords \(records)"
        }
    }

    static func counts(_ reader: any LetterCounting, records: () async throws -> RecordCounts,
                       edges: (NetworkRequest) async throws -> [NetworkEdge]) async throws -> Counts {
        func pairs(_ list: [CorrespondentPair]) -> [String] { list.map { "\($0.from)→\($0.to): \($0.letters)" }.sorted() }
        var networks: [String] = []
        for level in NetworkLevel.allCases {
            for includeCC in [false, true] {
                let request = NetworkRequest(level: level, includeCC: includeCC)
                networks += try await edges(request).map { "\(level) cc=\(includeCC) \($0.source)→\($0.target): \($0.weight)" }
            }
        }
        return Counts(
            total: try await reader.total(),
            byCountry: try await reader.byCountry().map { "\($0.code) \($0.name) \($0.sent)/\($0.received)/\($0.conveyed)/\($0.total)" },
            byYear: try await reader.byYear().map { "\($0.year.map(String.init) ?? "undated"): \($0.letters)" },
            byKind: try await reader.byKind().map { "\($0.kind): \($0.letters)" }.sorted(),
            actorPairs: pairs(try await reader.topPairs(countries: false, limit: 100_000)),
            // The busiest three in order: the kept counts read them off an index.
            topActorPairs: try await reader.topPairs(countries: false, limit: 3).map { "\($0.from)→\($0.to): \($0.letters)" },
            countryPairs: pairs(try await reader.topPairs(countries: true, limit: 100_000)),
            topCountryPairs: try await reader.topPairs(countries: true, limit: 3).map { "\($0.from)→\($0.to): \($0.letters)" },
            networks: networks, records: try await records())
    }

    /// The kept counts, and the counts over the letters; also checks that writers left one row per key.
    static func bothCounts(_ database: ChanceryDatabase) async throws -> (kept: Counts, counted: Counts, extraRows: Int) {
        try await database.read { connection in
            let kept = try await counts(LetterCensusQueries(connection: connection),
                                        records: { try await RecordCensusQueries(connection: connection).counts() }) { request in
                try await LetterCensusQueries(connection: connection).networkEdges(level: request.level, includeCC: request.includeCC)
            }
            let everything = try DateWindow(since: nil, until: nil)
            let counted = try await counts(LetterStatisticsQueries(connection: connection, window: everything),
                                           records: { try await RecordStatisticsQueries(connection: connection, window: everything).counts() }) { request in
                try await NetworkService.edges(request, window: everything, on: connection)
            }
            let extraRows: Int = try await connection.query(
                """
                SELECT (SELECT count(*) - count(DISTINCT (year, kind)) FROM census_by_year_kind)
                     + (SELECT count(*) - count(DISTINCT party_id) FROM census_by_party)
                     + (SELECT count(*) - count(DISTINCT (sender_id, recipient_id)) FROM census_by_actor_pair)
                     + (SELECT count(*) - count(DISTINCT (sender_code, recipient_code)) FROM census_by_country_pair)
                     + (SELECT count(*) - count(DISTINCT measure) FROM census_of_records) AS n
                """).rows[0].decode("n")
            return (kept, counted, extraRows)
        }
    }

    static func expectExact(_ database: ChanceryDatabase, after step: String, letters: Int? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let (kept, counted, extraRows) = try await bothCounts(database)
        #expect(kept == counted, "after \(step):\nkept\n\(kept)\ncounted\n\(counted)", sourceLocation: sourceLocation)
        // The networks the service keeps between requests follow every write too.
        for level in NetworkLevel.allCases {
            for includeCC in [false, true] {
                let served = try await NetworkService(database: database).network(NetworkRequest(level: level, includeCC: includeCC))
                let read = try await database.read { connection in
                    try await NetworkService.wholeRegister(KeptNetworks.Key(level: level, includeCC: includeCC), on: connection)
                }
                #expect(served == read, "after \(step): the \(level) network (cc \(includeCC)) served is not the register's",
                        sourceLocation: sourceLocation)
            }
        }
        #expect(extraRows == 0, "after \(step): sequential writes leave one row per key", sourceLocation: sourceLocation)
        if let letters { #expect(kept.total == letters, "after \(step)", sourceLocation: sourceLocation) }
    }

    @Test("every write keeps the counts equal to the counts over the letters")
    func everyWrite() async throws {
        try await withChancery(foundingExample: true) { database in
            try await Self.expectExact(database, after: "the founding example", letters: 3)
            let actors = ActorService(database: database)
            _ = try await actors.add(ActorDraft(kind: .state, name: "Freedonia"))
            _ = try await actors.add(ActorDraft(kind: .person, name: "Rufus Firefly"))
            _ = try await actors.add(ActorDraft(kind: .person, name: "R. T. Firefly"))
            let letters = LetterService(database: database)
            func draft(_ from: [ParticipantDraft], _ to: [ParticipantDraft], cc: [ParticipantDraft] = [], via: [ParticipantDraft] = [],
                       date: String, kind: LetterKind = .letter) -> LetterDraft {
                var draft = LetterDraft()
                (draft.from, draft.to, draft.cc, draft.via, draft.date, draft.kind) = (from, to, cc, via, date, kind)
                draft.subject = "Census \(from.map(\.name)) to \(to.map(\.name)) \(date)"
                return draft
            }
            let firefly = ParticipantDraft(name: "Rufus Firefly", onBehalfOf: "Freedonia")
            let namesake = ParticipantDraft(name: "R. T. Firefly", onBehalfOf: "Freedonia")
            var refs: [String] = []
            for (index, date) in ["2022-06", "2021", "../2021", "2019/2020", "1990-05-03", "2022-06-01/2022-07-15"].enumerated() {
                refs.append(try await letters.add(draft([index.isMultiple(of: 2) ? firefly : namesake],
                                                        [ParticipantDraft(name: "Hun Sen", onBehalfOf: "KH")],
                                                        cc: [ParticipantDraft(name: "Joe Biden"), ParticipantDraft(name: "ASEAN")],
                                                        via: [ParticipantDraft(name: "Indonesia")], date: date,
                                                        kind: index == 3 ? .noteVerbale : .letter)))
            }
            // The same pair twice in one letter (author and signatory, recipient and copy) counts once.
            refs.append(try await letters.add(draft([firefly], [ParticipantDraft(name: "Joe Biden")], cc: [ParticipantDraft(name: "ASEAN")],
                                                    date: "2023-01", kind: .telegram)))
            _ = try await letters.addParticipant(to: refs[6], ifRevision: nil, role: .signatory, participant: firefly)
            _ = try await letters.addParticipant(to: refs[6], ifRevision: nil, role: .cc, participant: ParticipantDraft(name: "Hun Sen"))
            try await Self.expectExact(database, after: "adding letters and participants", letters: 10)

            var revision = try await letters.show(refs[0]).revision
            _ = try await letters.update(refs[0], ifRevision: revision, changes: LetterChanges(kind: .cable))
            try await Self.expectExact(database, after: "changing a kind alone")
            revision = try await letters.show(refs[0]).revision
            _ = try await letters.update(refs[0], ifRevision: revision, changes: LetterChanges(date: "1999"))
            revision = try await letters.show(refs[6]).revision
            _ = try await letters.removeParticipant(from: refs[6], ifRevision: revision, role: .cc, position: 1)
            try await Self.expectExact(database, after: "changing a kind, a date and the participants")

            try await letters.delete(refs[1], ifRevision: nil)
            try await letters.delete(refs[2], ifRevision: nil)
            _ = try await letters.restore(refs[2], ifRevision: nil)
            try await Self.expectExact(database, after: "deleting and restoring", letters: 9)

            try await Self.writeRecords(database)

            var coded = ActorChanges()
            coded.isoCode = .set("FR")
            _ = try await actors.edit("Freedonia", coded)
            try await Self.expectExact(database, after: "a state gaining an ISO code")
            _ = try await actors.merge("R. T. Firefly", into: "Rufus Firefly")
            try await Self.expectExact(database, after: "merging two actors")

            try await withTemporaryFolder { folder in
                let records = baseRecords + (1...5).map { letterRecord("CENSUS-\($0)", date: "20\(10 + $0)") }
                let path = try writeDataset(records, named: "census.jsonl", in: folder)
                _ = try await ImportService(database: database).run([path], options: ImportOptions())
            }
            try await Self.expectExact(database, after: "an import", letters: 14)
            // The networks of states served above were brought up to date, not only read whole.
            #expect(database.keptNetworks.tally.updated > 0)

            // Writers at once never wait for each other's count rows; the sums stay exact.
            try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        try await letters.add(draft([ParticipantDraft(name: "Joe Biden")], [ParticipantDraft(name: "Hun Sen")],
                                                    date: "2024-0\(index + 1)"))
                    }
                }
                try await group.waitForAll()
            }
            let (kept, counted, _) = try await Self.bothCounts(database)
            #expect(kept == counted, "after concurrent writers:\nkept\n\(kept)\ncounted\n\(counted)")
            #expect(kept.total == 20)
            // Settling folds the keys writers left partial; what they count does not change.
            _ = try await database.write { connection in try await connection.execute("SELECT settle_census()") }
            let partial: Int = try await database.read { connection in
                try await connection.query(
                    """
                    SELECT (SELECT count(*) FROM census_by_actor_pair WHERE partial)
                         + (SELECT count(*) FROM census_by_country_pair WHERE partial) AS n
                    """).rows[0].decode("n")
            }
            #expect(partial == 0)
            try await Self.expectExact(database, after: "settling")

            // Counting afresh (as upgrade-12.sql and upgrade-14.sql do) gives what the writers kept.
            _ = try await database.write { connection in
                try await connection.execute("SELECT rebuild_letter_census()")
                try await connection.execute("SELECT rebuild_record_census()")
            }
            let (rebuilt, _, extraRows) = try await Self.bothCounts(database)
            #expect(rebuilt == kept)
            #expect(extraRows == 0)
        }
    }

    /// Invitations, answers and events written every way the services write them, the counts
    /// checked after each; two writers answering one invitation at once included.
    static func writeRecords(_ database: ChanceryDatabase) async throws {
        let invitations = InvitationService(database: database)
        var draft = InvitationDraft()
        draft.from = ParticipantDraft(name: "Joe Biden")
        draft.invitees = ["Hun Sen", "Indonesia", "Rufus Firefly", "R. T. Firefly"]
        draft.date = "2023-02"
        let ref = try await invitations.add(draft)
        try await expectExact(database, after: "an invitation with four invitees")

        _ = try await invitations.respond(ResponseDraft(invitation: ref, invitee: "Hun Sen", status: .accepted, date: "2023-03"))
        _ = try await invitations.respond(ResponseDraft(invitation: ref, invitee: "Hun Sen", status: .tentative, date: "2023-03-02"))
        var removal = InvitationChanges()
        removal.removedInvitees = ["Indonesia"]
        _ = try await invitations.edit(ref, removal)
        try await expectExact(database, after: "answering, answering again and removing an invitee")

        // The last two unanswered invitees answer in two transactions at once, the second while
        // the first is still open: it must count after the first commits (the invitation is then
        // no longer open), not from the state both started from.
        let openBefore = try await database.read { try await RecordCensusQueries(connection: $0).counts().openInvitations }
        var second: Task<Void, any Error>?
        try await database.write { connection in
            _ = try await invitations.record(ResponseDraft(invitation: ref, invitee: "Rufus Firefly", status: .declined, date: "2023-04"),
                                             on: connection)
            second = Task {
                _ = try await invitations.respond(ResponseDraft(invitation: ref, invitee: "R. T. Firefly", status: .declined, date: "2023-04"))
            }
            try await waitForLockWait(database)
        }
        try await second?.value
        try await expectExact(database, after: "two answers at once")
        let open = try await database.read { try await RecordCensusQueries(connection: $0).counts().openInvitations }
        #expect(open == openBefore - 1)

        let events = EventService(database: database)
        var event = EventDraft()
        event.name = "Census Summit"
        event.status = .proposed
        event.participants = ["Joe Biden"]
        let eventRef = try await events.add(event)
        var held = EventChanges()
        held.status = .held
        held.date = .set("2023-05")
        _ = try await events.edit(eventRef, held)
        try await expectExact(database, after: "adding an event and holding it")
    }

    /// Returns once another session of the database waits for a lock, or after two seconds.
    static func waitForLockWait(_ database: ChanceryDatabase) async throws {
        for _ in 0..<100 {
            let waiting: Int = try await database.read { connection in
                try await connection.query(
                    """
                    SELECT count(*) AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                    """).rows[0].decode("n")
            }
            if waiting > 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test("a real edition's counts, imported whole, equal the counts over its letters")
    func realEdition() async throws {
        guard RealEditionTests.present else { return }
        try await withChancery { database in
            let path = RealEditionTests.folder.appendingPathComponent("letters.xml").path
            _ = try await ImportService(database: database).run([path], options: ImportOptions())
            try await Self.expectExact(database, after: "importing the Spener edition", letters: 2_434)
        }
    }
}
