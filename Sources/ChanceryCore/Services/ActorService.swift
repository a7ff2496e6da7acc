import Foundation
import LibPQClient
public import ChanceryModel
/// Records and looks up actors, the roles they hold and the organizations they belong to.
public struct ActorService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// Records a new actor with its aliases.
    public func add(_ draft: ActorDraft) async throws -> Actor {
        try await database.write { connection in try await insert(draft, on: connection) }
    }

    /// Records a new actor with its aliases and returns its profile, as ``show(_:)`` would; at
    /// most once per idempotency key (a retry gets the first profile back, `replayed`).
    public func create(_ draft: ActorDraft, once key: IdempotencyKey? = nil) async throws -> WriteOutcome<ActorProfile> {
        try await database.write(once: key) { connection in
            try await profile(of: try await insert(draft, on: connection), on: connection)
        }
    }

    /// Every actor, optionally of one kind, by name.
    public func list(kind: ActorKind? = nil, unidentified: Bool? = nil) async throws -> [ActorListing] {
        try await database.replicaRead { connection in
            try await connection.query(
                """
                SELECT a.id, a.kind::text AS kind, a.name, a.iso_code, a.wikidata_id,
                       coalesce(array_agg(al.alias ORDER BY al.alias) FILTER (WHERE al.alias IS NOT NULL), '{}') AS aliases
                FROM actor a
                LEFT JOIN actor_alias al ON al.actor_id = a.id
                WHERE (\(kind?.rawValue)::text IS NULL OR a.kind = \(kind?.rawValue)::text::actor_kind)
                  AND (\(unidentified)::boolean IS NULL OR a.unidentified = \(unidentified)::boolean)
                GROUP BY a.id
                ORDER BY a.kind, lower(a.name), a.id
                """
            ).rows.map { row in
                ActorListing(actor: try ActorResolver.actor(from: row), aliases: try row.decode("aliases"))
            }
        }
    }

    /// One actor with its aliases, roles, memberships and letter count.
    public func show(_ name: String) async throws -> ActorProfile {
        try await database.replicaRead { connection in
            try await profile(of: try await ActorResolver(connection: connection).resolve(name, field: "actor"), on: connection)
        }
    }

    /// Every recorded change to an actor (by name, alias, code or id), its other names, the roles
    /// it held and its memberships, oldest first.
    public func history(of name: String) async throws -> [HistoryEntry] {
        try await database.replicaRead { connection in
            try await RecordHistoryReader(connection: connection).actor(try await ActorResolver(connection: connection).resolve(name, field: "actor").id)
        }
    }

    /// Records that `holder` holds `title` of a state or organization, over an optional period.
    public func addRole(holder: String, title: String, of: String, period: String?) async throws -> RoleHeld {
        try await recordRole(holder: holder, title: title, of: of, period: period).role
    }

    /// ``addRole(holder:title:of:period:)``, saying whether the role is new or was already recorded.
    public func recordRole(holder: String, title: String, of: String, period: String?) async throws -> (role: RoleHeld, isNew: Bool) {
        try await database.write { connection in
            let recorded = try await insertRole(holder: holder, title: title, of: of, period: period, on: connection)
            return (recorded.role, recorded.created)
        }
    }

    /// ``addRole(holder:title:of:period:)`` at most once per idempotency key. A role already
    /// recorded is returned as it is, like there.
    public func createRole(holder: String, title: String, of: String, period: String?,
                           once key: IdempotencyKey? = nil) async throws -> WriteOutcome<RoleHeld> {
        try await database.write(once: key) { connection in
            try await insertRole(holder: holder, title: title, of: of, period: period, on: connection).role
        }
    }

    /// Adds other names to an actor (a misspelling met in a source, a name in another script);
    /// returns the actor's aliases afterwards. Names it already has are left as they are.
    public func addAliases(to name: String, _ aliases: [String]) async throws -> [String] {
        try await database.write { connection in try await insertAliases(to: name, aliases, on: connection) }
    }

    /// ``addAliases(to:_:)`` at most once per idempotency key.
    public func createAliases(to name: String, _ aliases: [String], once key: IdempotencyKey? = nil) async throws -> WriteOutcome<[String]> {
        try await database.write(once: key) { connection in try await insertAliases(to: name, aliases, on: connection) }
    }

    /// Records that `member` belongs to the organization `organization`, over an optional period.
    public func addMembership(member: String, organization: String, period: String?) async throws -> Membership {
        try await recordMembership(member: member, organization: organization, period: period).membership
    }

    /// ``addMembership(member:organization:period:)``, saying whether the membership is new or
    /// was already recorded.
    public func recordMembership(member: String, organization: String, period: String?) async throws
        -> (membership: Membership, isNew: Bool) {
        try await database.write { connection in
            let recorded = try await insertMembership(member: member, organization: organization, period: period, on: connection)
            return (recorded.membership, recorded.created)
        }
    }

    /// ``addMembership(member:organization:period:)`` at most once per idempotency key.
    public func createMembership(member: String, organization: String, period: String?,
                                 once key: IdempotencyKey? = nil) async throws -> WriteOutcome<Membership> {
        try await database.write(once: key) { connection in
            try await insertMembership(member: member, organization: organization, period: period, on: connection).membership
        }
    }

    // MARK: - Steps shared with the dataset loader

    /// Everything recorded about `actor`, read on `connection` (inside a write, it sees the
    /// transaction's own rows).
    func profile(of actor: Actor, on connection: PostgresConnection) async throws -> ActorProfile {
        let details = try await connection.query(
            """
            SELECT a.note, a.viaf_id, a.gnd_id, a.existed_edtf, a.unidentified,
                   coalesce((SELECT array_agg(alias ORDER BY language IS NOT NULL AND language <> 'en',
                                              array_position(ARRAY['fr', 'de', 'es', 'ru', 'zh-CN', 'ar', 'pt', 'ja'], language), alias)
                             FROM actor_alias WHERE actor_id = a.id), '{}') AS aliases,
                   coalesce((SELECT array_agg(word ORDER BY word) FROM demonym WHERE state_id = a.id), '{}') AS demonyms,
                   (SELECT count(*) FROM letter_by_party b WHERE b.party_id = a.id) AS letter_count
            FROM actor a WHERE a.id = \(actor.id)
            """).rows[0]
        let roles = try await connection.query(
            """
            SELECT r.id, h.name AS holder, r.title, o.name AS of_name, r.period_edtf
            FROM role_held r JOIN actor h ON h.id = r.holder_id JOIN actor o ON o.id = r.of_id
            WHERE r.holder_id = \(actor.id) OR r.of_id = \(actor.id)
            ORDER BY r.period_earliest NULLS FIRST, r.title
            """
        ).rows.map { row in
            RoleHeld(id: try row.decode("id"), holder: try row.decode("holder"), title: try row.decode("title"),
                     of: try row.decode("of_name"), period: UncertainDate.stored(try row.decode("period_edtf")))
        }
        let memberships = try await connection.query(
            """
            SELECT ms.id, m.name AS member, o.name AS organization, ms.period_edtf
            FROM membership ms JOIN actor m ON m.id = ms.member_id JOIN actor o ON o.id = ms.organization_id
            WHERE ms.member_id = \(actor.id) OR ms.organization_id = \(actor.id)
            ORDER BY o.name, m.name
            """
        ).rows.map { row in
            Membership(id: try row.decode("id"), member: try row.decode("member"), organization: try row.decode("organization"),
                       period: UncertainDate.stored(try row.decode("period_edtf")))
        }
        // Years from the bounds that are known: a letter "before 18 July 1541" is of 1541 at the latest.
        let spellings = try await connection.query(
            """
            SELECT p.name_as_written AS name, count(DISTINCT l.id) AS letters,
                   min(astronomical_year(CASE WHEN isfinite(l.sent_earliest) THEN l.sent_earliest ELSE l.sent_latest END)) AS first_year,
                   max(astronomical_year(CASE WHEN isfinite(l.sent_latest) THEN l.sent_latest ELSE l.sent_earliest END)) AS last_year
            FROM letter_participant p JOIN letter l ON l.id = p.letter_id AND l.deleted_at IS NULL
            WHERE p.actor_id = \(actor.id) AND p.name_as_written IS NOT NULL
            GROUP BY p.name_as_written
            ORDER BY first_year NULLS LAST, p.name_as_written
            """
        ).rows.map { row in
            NameAsWritten(name: try row.decode("name"), letterCount: try row.decode("letters"),
                          firstYear: try row.decode("first_year"), lastYear: try row.decode("last_year"))
        }
        var profile = ActorProfile(actor: actor, aliases: try details.decode("aliases"), viafId: try details.decode("viaf_id"),
                                   gndId: try details.decode("gnd_id"), note: try details.decode("note"),
                                   roles: roles, memberships: memberships, letterCount: try details.decode("letter_count"),
                                   namesAsWritten: spellings)
        profile.existed = UncertainDate.stored(try details.decode("existed_edtf"))
        profile.demonyms = try details.decode("demonyms")
        profile.unidentified = try details.decode("unidentified")
        profile.merged = try await connection.query(
            """
            SELECT merged_name, to_char(merged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS merged_at, merged_by
            FROM actor_merge WHERE kept_id = \(actor.id) ORDER BY merged_at, id
            """).rows.map { row in
                MergedActor(name: try row.decode("merged_name"), at: try row.decode("merged_at"), by: try row.decode("merged_by"))
            }
        return profile
    }

    /// Adds `aliases` to the actor `name` resolves to; returns all its aliases afterwards.
    func insertAliases(to name: String, _ aliases: [String], on connection: PostgresConnection) async throws -> [String] {
        let actor = try await ActorResolver(connection: connection).resolve(name, field: "actor")
        for alias in aliases {
            let alias = InputValidation.normalizedName(try InputValidation.required(alias, field: "alias", maxLength: 200))
            guard alias.lowercased() != actor.name.lowercased() else { continue }
            try await refuseForeignAlias(alias, of: actor, field: "alias", on: connection)
            try await connection.execute(
                "INSERT INTO actor_alias (actor_id, alias) VALUES (\(actor.id), \(alias)) ON CONFLICT DO NOTHING")
        }
        return try await connection.query("SELECT alias FROM actor_alias WHERE actor_id = \(actor.id) ORDER BY alias")
            .rows.map { try $0.decode("alias", as: String.self) }
    }

    func insert(_ draft: ActorDraft, on connection: PostgresConnection) async throws -> Actor {
        let name = try InputValidation.actorName(InputValidation.normalizedName(try InputValidation.required(draft.name, field: "name", maxLength: 200)),
                                                 field: "name")
        let aliases = try draft.aliases.map { InputValidation.normalizedName(try InputValidation.required($0, field: "alias", maxLength: 200)) }
        let note = try InputValidation.optional(draft.note, field: "note", maxLength: 2000)
        let wikidata = try InputValidation.wikidataId(draft.wikidataId)
        let viaf = try InputValidation.viafId(draft.viafId)
        let gnd = try InputValidation.gndId(draft.gndId)
        let iso = try await validatedISOCode(draft.isoCode, kind: draft.kind, on: connection)

        // Two actors may share an alias ("The Minister"), but a new name that is already someone's
        // name or alias is most likely the same actor again, unless Wikidata ids tell them apart.
        let clash = try await connection.query(
            """
            SELECT a.name FROM actor a
            WHERE a.kind = \(draft.kind.rawValue)::text::actor_kind
              AND (lower(a.name) = lower(\(name))
                   OR a.id IN (SELECT actor_id FROM actor_alias WHERE lower(alias) = lower(\(name))))
              AND (a.wikidata_id IS NULL OR \(wikidata)::text IS NULL OR a.wikidata_id = \(wikidata))
            LIMIT 1
            """)
        if let existing = clash.rows.first {
            throw ChanceryError(.conflict, "a \(draft.kind.rawValue) named '\(try existing.decode("name", as: String.self))' already exists",
                                field: "name",
                                hint: "Give a Wikidata id to tell two namesakes apart, or record the name as another name of the existing actor.",
                                next: [.showActor(name: try existing.decode("name", as: String.self))])
        }
        let row = try await connection.query(
            """
            INSERT INTO actor (kind, name, iso_code, wikidata_id, viaf_id, gnd_id, note, unidentified)
            VALUES (\(draft.kind.rawValue)::text::actor_kind, \(name), \(iso), \(wikidata), \(viaf), \(gnd), \(note), \(draft.unidentified))
            RETURNING id, kind::text AS kind, name, iso_code, wikidata_id
            """).rows[0]
        let actor = try ActorResolver.actor(from: row)
        for alias in Set(aliases) where alias.lowercased() != name.lowercased() {
            try await refuseForeignAlias(alias, of: actor, field: "alias", on: connection)
            try await connection.execute("INSERT INTO actor_alias (actor_id, alias) VALUES (\(actor.id), \(alias))")
        }
        return actor
    }

    func insertRole(holder: String, title: String, of: String, period: String?,
                    on connection: PostgresConnection) async throws -> (role: RoleHeld, created: Bool) {
        let resolver = ActorResolver.forWriting(connection)
        let holderActor = try await resolver.resolve(holder, field: "holder")
        let ofActor = try await resolver.resolve(of, field: "of", kinds: [.state, .organization])
        let title = try InputValidation.required(title, field: "title", maxLength: 200)
        let period = try period.flatMap { $0.isEmpty ? nil : try UncertainDate(parsing: $0, field: "period") }
        guard holderActor.id != ofActor.id else {
            throw ChanceryError.invalid("of", "\(holderActor.name) cannot hold a role of itself")
        }
        let inserted = try await connection.query(
            """
            INSERT INTO role_held (holder_id, title, of_id, of_kind, period_edtf, period_earliest, period_latest, period_precision)
            VALUES (\(holderActor.id), \(title), \(ofActor.id), \(ofActor.kind.rawValue)::text::actor_kind,
                    \(UncertainDate.values(period)))
            ON CONFLICT ON CONSTRAINT role_held_unique DO NOTHING
            RETURNING id
            """)
        let id: Int64
        if let row = inserted.rows.first {
            id = try row.decode("id")
        } else {
            id = try await connection.query(
                """
                SELECT id FROM role_held
                WHERE holder_id = \(holderActor.id) AND title = \(title) AND of_id = \(ofActor.id) AND period_edtf IS NOT DISTINCT FROM \(period?.edtf)
                """).rows[0].decode("id")
        }
        return (RoleHeld(id: id, holder: holderActor.name, title: title, of: ofActor.name, period: period), !inserted.rows.isEmpty)
    }

    func insertMembership(member: String, organization: String, period: String?,
                          on connection: PostgresConnection) async throws -> (membership: Membership, created: Bool) {
        let resolver = ActorResolver.forWriting(connection)
        let memberActor = try await resolver.resolve(member, field: "member")
        let organizationActor = try await resolver.resolve(organization, field: "organization", kinds: [.organization])
        let period = try period.flatMap { $0.isEmpty ? nil : try UncertainDate(parsing: $0, field: "period") }
        guard memberActor.id != organizationActor.id else {
            throw ChanceryError.invalid("member", "an organization cannot be a member of itself")
        }
        let inserted = try await connection.query(
            """
            INSERT INTO membership (member_id, organization_id, period_edtf, period_earliest, period_latest, period_precision)
            VALUES (\(memberActor.id), \(organizationActor.id), \(UncertainDate.values(period)))
            ON CONFLICT ON CONSTRAINT membership_unique DO NOTHING
            RETURNING id
            """).rows
        let id: Int64
        if let row = inserted.first {
            id = try row.decode("id")
        } else {
            id = try await connection.query(
                """
                SELECT id FROM membership
                WHERE member_id = \(memberActor.id) AND organization_id = \(organizationActor.id) AND period_edtf IS NOT DISTINCT FROM \(period?.edtf)
                """).rows[0].decode("id")
        }
        return (Membership(id: id, member: memberActor.name, organization: organizationActor.name, period: period), !inserted.isEmpty)
    }

    private func validatedISOCode(_ code: String?, kind: ActorKind, on connection: PostgresConnection) async throws -> String? {
        guard let code = code?.trimmingCharacters(in: .whitespaces), !code.isEmpty else { return nil }
        guard kind == .state else {
            throw ChanceryError.invalid(ActorDraft.CodingKeys.isoCode, "only states have an ISO 3166 code, not a \(kind.rawValue)",
                                        hint: "Leave the ISO code out, or record the actor as a state.")
        }
        return try await CountryLookup(connection: connection).code(code, field: ActorDraft.CodingKeys.isoCode.stringValue)
    }
}

/// An actor in a list, with its aliases.
public struct ActorListing: Sendable, Hashable, Codable {
    /// The actor.
    public var actor: Actor
    /// Other names.
    public var aliases: [String]
}
