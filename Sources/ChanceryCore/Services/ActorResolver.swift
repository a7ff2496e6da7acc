import LibPQClient
import ChanceryModel

/// Finds the one actor a user means by a name, an alias, an ISO code or a Wikidata id.
///
/// Matching ignores case and repeated spaces and goes through aliases, so "Jo Biden" (the seed
/// article's spelling) is Joe Biden once that alias is recorded. No match or several matches is
/// an error listing the closest names, so the user can correct the input.
struct ActorResolver {
    let connection: PostgresConnection
    /// Whether each actor found is held (`FOR KEY SHARE`) until the transaction ends.
    let holdsActorsFound: Bool

    /// A resolver for reading: finds actors, locks nothing.
    init(connection: PostgresConnection) {
        self.connection = connection
        holdsActorsFound = false
    }

    /// A resolver for a write that will point rows at the actors it finds. Each is held until the
    /// transaction ends, so that a merge running at the same time cannot delete it under the
    /// write: the merge waits and then moves the new rows too. An actor merged away between the
    /// lookup and the hold is looked up again, and its name now leads to the actor kept.
    static func forWriting(_ connection: PostgresConnection) -> ActorResolver {
        ActorResolver(connection: connection, holdsActorsFound: true)
    }

    private init(connection: PostgresConnection, holdsActorsFound: Bool) {
        self.connection = connection
        self.holdsActorsFound = holdsActorsFound
    }

    func resolve(_ input: String, field: String, kinds: [ActorKind] = ActorKind.allCases) async throws -> Actor {
        guard holdsActorsFound else { return try await find(input, field: field, kinds: kinds) }
        for _ in 1...3 {
            let actor = try await find(input, field: field, kinds: kinds)
            // Each statement sees what was committed when it started: a merge that committed
            // after the lookup shows here as a missing row, and the next lookup sees the alias.
            let held = try await connection.query("SELECT id FROM actor WHERE id = \(actor.id) FOR KEY SHARE").rows
            if !held.isEmpty { return actor }
        }
        throw ChanceryError(.conflict, "'\(input)' kept changing while it was looked up (merged at the same time)", field: field,
                            hint: "Retry the request.")
    }

    private func find(_ input: String, field: String, kinds: [ActorKind]) async throws -> Actor {
        let name = InputValidation.normalizedName(try InputValidation.storable(input, field: field))
        guard !name.isEmpty else {
            throw ChanceryError.invalid(field, "\(field) must name an actor", hint: "Give a name, alias, ISO code, Wikidata id, gnd:/viaf: id, or id:N.")
        }
        let kindNames = kinds.map(\.rawValue)
        let isoCandidate: String? = name.count == 2 && name.allSatisfy({ $0.isASCII && $0.isUppercase }) ? name : nil
        // `gnd:118616315` and `viaf:…`, as datasets name actors by their authority records.
        let gnd = Self.authorityID(name, prefix: "gnd:"), viaf = Self.authorityID(name, prefix: "viaf:")
        // `id:42`: the register's own number, the one handle two actors of one name always differ by.
        let registerID = Self.authorityID(name, prefix: "id:").flatMap { Int64($0) }
        // The actors the text names, of any kind. A union of index lookups: OR-ed conditions would read every actor.
        // `id:N` names register number N and nothing else: a name of that form is not looked up.
        let named: PostgresQuery = registerID != nil ? "(SELECT id FROM actor WHERE id = \(registerID))" : """
            (SELECT id FROM actor WHERE lower(name) = lower(\(name))
             UNION SELECT id FROM actor WHERE iso_code = \(isoCandidate)::char(2)
             UNION SELECT id FROM actor WHERE wikidata_id = upper(\(name))
             UNION SELECT id FROM actor WHERE gnd_id = \(gnd)
             UNION SELECT id FROM actor WHERE viaf_id = \(viaf)
             UNION SELECT actor_id FROM actor_alias WHERE lower(alias) = lower(\(name)))
            """
        let rows = try await connection.query(
            """
            SELECT a.id, a.kind::text AS kind, a.name, a.iso_code, a.wikidata_id,
                   coalesce(lower(a.name) = lower(\(name)) OR a.iso_code = \(isoCandidate)::char(2) OR a.wikidata_id = upper(\(name))
                            OR a.gnd_id = \(gnd) OR a.viaf_id = \(viaf) OR a.id = \(registerID), false) AS own
            FROM actor a
            WHERE a.id IN \(named)
              AND a.kind = ANY(\(kindNames)::text[]::actor_kind[])
            ORDER BY a.name, a.id
            """
        ).rows
        // An actor's own name, code or id outranks another actor's alias spelled the same.
        let own = try rows.filter { try $0.decode("own", as: Bool.self) }
        let matches = try (own.count == 1 ? own : rows).map(Self.actor(from:))

        let wanted = kinds.count == ActorKind.allCases.count ? "actor" : kinds.map(\.rawValue).joined(separator: " or ")
        if matches.count == 1 { return matches[0] }
        // "Cambodian" names Cambodia when nothing bears that name: demonyms come last.
        if matches.isEmpty, kinds.contains(.state) {
            let states = try await connection.query(
                """
                SELECT a.id, a.kind::text AS kind, a.name, a.iso_code, a.wikidata_id
                FROM actor a WHERE a.id IN (SELECT state_id FROM demonym WHERE lower(word) = lower(\(name))) ORDER BY a.name, a.id
                """).rows.map(Self.actor(from:))
            if states.count == 1 { return states[0] }
            if states.count > 1 {
                throw ChanceryError(.ambiguous, "'\(name)' is the demonym of \(states.count) states", field: field,
                                    hint: "Use the ISO code or the name of the one meant.", candidates: states.map(\.label))
            }
        }
        if matches.count > 1 {
            throw ChanceryError(.ambiguous, "'\(name)' matches \(matches.count) actors", field: field,
                                hint: "Use a Wikidata id or ISO code, a more specific name or alias, or the id: of one of them.",
                                // "Johann Schmidt (person, id:42)": the handle that tells them apart.
                                candidates: matches.map { String($0.label.dropLast()) + ", id:\($0.id))" })
        }
        // An actor of another kind by that name: say so, rather than suggest recording it again.
        if kinds.count < ActorKind.allCases.count, let other = try await connection.query(
            """
            SELECT a.name, a.kind::text AS kind FROM actor a
            WHERE a.id IN \(named)
            ORDER BY a.name, a.id LIMIT 1
            """).rows.first {
            let otherName: String = try other.decode("name"), otherKind: String = try other.decode("kind")
            throw ChanceryError(.notFound, "no \(wanted) named '\(name)': \(otherName) is \(Self.article(otherKind)) \(otherKind)", field: field,
                                hint: "Look for \(otherName) as \(Self.article(otherKind)) \(otherKind).")
        }
        if let registerID {
            throw ChanceryError(.notFound, "no \(wanted) has the id \(registerID) in this register", field: field,
                                hint: "An actor's id:N is listed where a name matches several actors; or name the actor.")
        }
        if gnd != nil || viaf != nil {
            throw ChanceryError(.notFound, "no \(wanted) has the authority id '\(name)'", field: field,
                                hint: "Give the id to its actor first (its GND or VIAF id), or name the actor.")
        }
        let closest = try await closestNames(to: name, kinds: kindNames)
        throw ChanceryError(.notFound, "no \(wanted) named '\(name)'", field: field,
                            hint: closest.isEmpty ? "Record the actor first." : "Did you mean one of these? Or record the actor first.",
                            candidates: closest.map(\.label), next: [.addActor(name: name)])
    }

    /// The id of `gnd:N` or `viaf:N` (any letter case of the prefix); nil for other names.
    private static func authorityID(_ name: String, prefix: String) -> String? {
        guard name.lowercased().hasPrefix(prefix) else { return nil }
        let id = String(name.dropFirst(prefix.count).filter { !$0.isWhitespace })
        return id.isEmpty ? nil : id.uppercased()
    }

    private static func article(_ kind: String) -> String { kind.first.map { "aeiou".contains($0) } == true ? "an" : "a" }

    /// Up to five actors whose names or aliases look like `name` (trigram similarity or substring).
    func closestNames(to name: String, kinds: [String]) async throws -> [Actor] {
        try await connection.query(
            """
            SELECT a.id, a.kind::text AS kind, a.name, a.iso_code, a.wikidata_id, max(s.score) AS score
            FROM (
                SELECT id AS actor_id, similarity(lower(name), lower(\(name))) AS score
                FROM actor
                WHERE lower(name) % lower(\(name)) OR strpos(lower(name), lower(\(name))) > 0
                UNION ALL
                SELECT actor_id, similarity(lower(alias), lower(\(name)))
                FROM actor_alias
                WHERE lower(alias) % lower(\(name)) OR strpos(lower(alias), lower(\(name))) > 0
            ) s
            JOIN actor a ON a.id = s.actor_id
            WHERE a.kind = ANY(\(kinds)::text[]::actor_kind[])
            GROUP BY a.id
            ORDER BY score DESC, a.name
            LIMIT 5
            """
        ).rows.map(Self.actor(from:))
    }

    static func actor(from row: PostgresRow) throws -> Actor {
        Actor(
            id: try row.decode("id"),
            kind: ActorKind(rawValue: try row.decode("kind", as: String.self)) ?? .person,
            name: try row.decode("name"),
            isoCode: try row.decode("iso_code", as: String?.self),
            wikidataId: try row.decode("wikidata_id", as: String?.self))
    }
}
