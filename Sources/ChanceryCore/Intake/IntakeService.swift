import Foundation
import LibPQClient
public import ChanceryIntake
import ChanceryModel

/// Article intake: reads a news article with gazetteers built from the register (its actors,
/// aliases, demonyms and offices) and proposes draft records as a dataset that the normal import
/// takes, all or nothing, once a person has reviewed it.
public struct IntakeService: Sendable {
    let database: ChanceryDatabase

    public init(database: ChanceryDatabase) { self.database = database }

    /// Proposes drafts for an article, with references in the register's style that are free now.
    public func draft(_ article: Article) async throws -> IntakeDrafts {
        try await database.replicaRead { connection in
            let gazetteer = try await Self.gazetteer(on: connection)
            let proposals = Extractor.propose(article: article, gazetteer: gazetteer)
            let dataset = IntakeDataset(proposals: proposals, gazetteer: gazetteer)
            var letterRefs = try await Self.number(dataset.letterPrefixes, table: "letter", on: connection)
            // Letters of this article imported before keep their references.
            for (n, key) in dataset.letterKeys.enumerated() {
                if let stored = try await connection.query("SELECT ref FROM letter WHERE external_key = \(key) AND deleted_at IS NULL LIMIT 1").rows.first {
                    letterRefs[n] = try stored.decode("ref")
                }
            }
            var invitationRefs = try await Self.number(dataset.invitationPrefixes, table: "invitation", on: connection)
            // An invitation carried by a letter imported before keeps its reference too.
            for (n, invitation) in proposals.invitations.enumerated() {
                guard let letter = invitation.letter else { continue }
                if let stored = try await connection.query(
                    "SELECT i.ref FROM invitation i JOIN letter l ON l.id = i.letter_id WHERE l.ref = \(letterRefs[letter]) AND l.external_key IS NOT NULL ORDER BY i.id LIMIT 1"
                ).rows.first {
                    invitationRefs[n] = try stored.decode("ref")
                }
            }
            let eventRefs = try await Self.freeEventRefs(dataset.eventRefBases, known: proposals.events.map(\.known), on: connection)
            return IntakeDrafts(proposals: proposals, dataset: dataset, letterRefs: letterRefs, invitationRefs: invitationRefs, eventRefs: eventRefs)
        }
    }

    /// Each sentence with the names intake read in it and whom they name.
    public func explain(_ article: Article) async throws -> [String] {
        try await database.replicaRead { connection in
            Extractor.explain(article: article, gazetteer: try await Self.gazetteer(on: connection))
        }
    }

    /// The register as intake reads names: every actor with its aliases and demonyms, every office.
    static func gazetteer(on connection: PostgresConnection) async throws -> Gazetteer {
        var actors: [Gazetteer.KnownActor] = []
        var position: [Int64: Int] = [:]
        for row in try await connection.query("SELECT id, kind::text AS kind, name, iso_code FROM actor ORDER BY id").rows {
            let id: Int64 = try row.decode("id")
            guard let kind = ActorKind(rawValue: try row.decode("kind", as: String.self)) else { continue }
            position[id] = actors.count
            actors.append(Gazetteer.KnownActor(name: try row.decode("name"), kind: kind, isoCode: try row.decode("iso_code", as: String?.self)))
        }
        for row in try await connection.query("SELECT actor_id, alias FROM actor_alias ORDER BY actor_id, alias").rows {
            if let n = position[try row.decode("actor_id", as: Int64.self)] { actors[n].aliases.append(try row.decode("alias")) }
        }
        for row in try await connection.query("SELECT state_id, word FROM demonym ORDER BY state_id, word").rows {
            if let n = position[try row.decode("state_id", as: Int64.self)] { actors[n].demonyms.append(try row.decode("word")) }
        }
        let roles = try await connection.query(
            """
            SELECT h.name AS holder, r.title, o.name AS of_name,
                   to_char(r.period_earliest, 'YYYY-MM-DD') AS from_day, to_char(r.period_latest, 'YYYY-MM-DD') AS until_day
            FROM role_held r JOIN actor h ON h.id = r.holder_id JOIN actor o ON o.id = r.of_id
            ORDER BY r.id
            """).rows.map { row in
                Gazetteer.KnownRole(holder: try row.decode("holder"), title: try row.decode("title"), of: try row.decode("of_name"),
                                    from: try row.decode("from_day", as: String?.self), until: try row.decode("until_day", as: String?.self))
            }
        var events: [Gazetteer.KnownEvent] = []
        for row in try await connection.query("SELECT ref, name, kind::text AS kind FROM event ORDER BY id").rows {
            guard let kind = EventKind(rawValue: try row.decode("kind", as: String.self)) else { continue }
            events.append(Gazetteer.KnownEvent(ref: try row.decode("ref"), name: try row.decode("name"), kind: kind))
        }
        return Gazetteer(actors: actors, roles: roles, events: events)
    }

    /// New events' references, made free by a number when the register (or an earlier one in the
    /// list) has the name already; the register's own ref for an event it has.
    static func freeEventRefs(_ bases: [String], known: [String?], on connection: PostgresConnection) async throws -> [String] {
        var taken: Set<String> = []
        var refs: [String] = []
        for (base, existing) in zip(bases, known) {
            if let existing { refs.append(existing); continue }
            var candidate = base
            var n = 2
            while true {
                let stored = try await connection.query("SELECT 1 FROM event WHERE ref = \(candidate)").rows
                if !taken.contains(candidate) && stored.isEmpty { break }
                candidate = base + "-" + String(n)
                n += 1
            }
            taken.insert(candidate)
            refs.append(candidate)
        }
        return refs
    }

    /// The next free number after each prefix, counting those given out earlier in the list.
    static func number(_ prefixes: [String], table: String, on connection: PostgresConnection) async throws -> [String] {
        var next: [String: Int] = [:]
        var refs: [String] = []
        for prefix in prefixes {
            if next[prefix] == nil {
                let query: PostgresQuery = table == "letter"
                    ? "SELECT ref FROM letter WHERE starts_with(ref, \(prefix))"
                    : "SELECT ref FROM invitation WHERE starts_with(ref, \(prefix))"
                let highest = try await connection.query(query).rows
                    .compactMap { Int(String(try $0.decode("ref", as: String.self).dropFirst(prefix.count))) }.max() ?? 0
                next[prefix] = highest + 1
            }
            refs.append(prefix + String(format: "%03d", next[prefix]!))
            next[prefix]! += 1
        }
        return refs
    }
}

/// What intake proposes for one article, and the dataset that records it.
public struct IntakeDrafts: Sendable {
    public let proposals: IntakeProposals
    public let dataset: IntakeDataset
    public let letterRefs: [String]
    public let invitationRefs: [String]
    public let eventRefs: [String]

    /// The drafts as a Chancery dataset (JSON Lines) for `chancery import`.
    public var jsonLines: String { dataset.jsonLines(letterRefs: letterRefs, invitationRefs: invitationRefs, eventRefs: eventRefs) }
}
