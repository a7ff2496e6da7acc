import LibPQClient
public import ChanceryModel

/// Correcting and ending the roles actors hold and the memberships of organizations.
extension ActorService {
    /// Ends the one role `selector` names on `day` (EDTF): its period becomes "start/day", from
    /// the start it had (open when it had none). A role that already ended is a conflict; `editRole`
    /// changes a recorded end.
    public func endRole(_ selector: RoleSelector, on day: String) async throws -> RoleHeld {
        try await database.write { connection in
            let role = try await findRole(selector, preferringOpen: true, on: connection)
            let period = try Self.ended(role.period, on: day, what: "role")
            return try await updateRole(role, title: nil, of: nil, period: .set(period), on: connection)
        }
    }

    /// Changes the one role `selector` names: its title, whom it is of, its period.
    public func editRole(_ selector: RoleSelector, _ changes: RoleChanges) async throws -> RoleHeld {
        guard !changes.isEmpty else {
            throw ChanceryError(.invalidInput, "nothing to change", hint: "Give --title, --of or --period with the new value.")
        }
        return try await database.write { connection in
            let role = try await findRole(selector, preferringOpen: false, on: connection)
            let period = try ColumnAssignments.date(changes.period, field: "period")
            let title = try changes.title.map { try InputValidation.required($0, field: "newTitle", maxLength: 200) }
            return try await updateRole(role, title: title, of: changes.of, period: period, on: connection)
        }
    }

    /// Ends `member`'s membership of `organization` on `day` (EDTF), as ``endRole(_:on:)`` ends
    /// a role: the membership still open (or undated) is the one ended.
    public func endMembership(member: String, organization: String, on day: String) async throws -> Membership {
        try await database.write { connection in
            let resolver = ActorResolver(connection: connection)
            let memberActor = try await resolver.resolve(member, field: "member")
            let organizationActor = try await resolver.resolve(organization, field: "organization", kinds: [.organization])
            let rows = try await connection.query(
                """
                SELECT id, period_edtf FROM membership
                WHERE member_id = \(memberActor.id) AND organization_id = \(organizationActor.id)
                ORDER BY period_latest = 'infinity' DESC, period_edtf IS NULL DESC, period_earliest DESC
                """).rows
            let open = try rows.filter { row in
                let period = UncertainDate.stored(try row.decode("period_edtf"))
                return period == nil || period?.latest == nil
            }
            guard let chosen = open.first ?? (rows.count == 1 ? rows.first : nil) else {
                if rows.isEmpty {
                    throw ChanceryError(.notFound, "\(memberActor.name) is not recorded as a member of \(organizationActor.name)", field: "member",
                                        hint: "`chancery actor show \"\(organizationActor.name)\"` lists its members.")
                }
                throw ChanceryError(.conflict, "every recorded membership of \(memberActor.name) in \(organizationActor.name) has ended", field: "member",
                                    hint: "Nothing to end; `chancery actor show \"\(memberActor.name)\"` shows the periods.")
            }
            guard open.count <= 1 else {
                throw ChanceryError(.ambiguous, "\(memberActor.name) has \(open.count) open memberships of \(organizationActor.name)", field: "member",
                                    hint: "Correct the periods first; only one can still be running.")
            }
            let id: Int64 = try chosen.decode("id")
            let period = try Self.ended(UncertainDate.stored(try chosen.decode("period_edtf")), on: day, what: "membership")
            try await connection.execute(
                """
                UPDATE membership SET (period_edtf, period_earliest, period_latest, period_precision) = (\(UncertainDate.values(period)))
                WHERE id = \(id)
                """)
            return Membership(member: memberActor.name, organization: organizationActor.name, period: period)
        }
    }

    /// `period` with its end set to `day`: "start/day", or "../day" when it had no start.
    static func ended(_ period: UncertainDate?, on day: String, what: String) throws -> UncertainDate {
        let end = try UncertainDate(parsing: day, field: "on")
        guard !end.edtf.contains("/"), !end.edtf.hasPrefix("["), !end.edtf.hasPrefix("{") else {
            throw ChanceryError.invalid("on", "give the day the \(what) ended, not a range or set", hint: "e.g. --on 2023-08-22, or --on 2023-08.")
        }
        var start = ".."
        if let period {
            if period.edtf.hasPrefix("[") || period.edtf.hasPrefix("{") {
                throw ChanceryError.invalid("on", "the \(what)'s period \(period.edtf) is a set of dates, which has no single end",
                                            hint: "Give the whole period instead (edit --period).")
            }
            let parts = period.edtf.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[1] != "..", !parts[1].isEmpty {
                throw ChanceryError(.conflict, "the \(what) already ended: its period is \(period.edtf)", field: "on",
                                    hint: "Change a recorded end with edit --period.")
            }
            start = parts[0].isEmpty ? ".." : String(parts[0])
        }
        let ended = try UncertainDate(parsing: start + "/" + end.edtf, field: "on")
        if let from = ended.earliest, let to = end.latest, to < from {
            throw ChanceryError.invalid("on", "\(end.edtf) is before the \(what) began (\(start))", hint: "Check the date.")
        }
        return ended
    }

    private struct StoredRole {
        var id: Int64
        var holder: Actor
        var title: String
        var ofName: String
        var ofID: Int64
        var period: UncertainDate?
    }

    private func findRole(_ selector: RoleSelector, preferringOpen: Bool, on connection: PostgresConnection) async throws -> StoredRole {
        let resolver = ActorResolver(connection: connection)
        let holder = try await selector.holder.asyncMap { try await resolver.resolve($0, field: "holder") }
        let of = try await selector.of.asyncMap { try await resolver.resolve($0, field: "of", kinds: [.state, .organization]) }
        guard selector.id != nil || holder != nil else {
            throw ChanceryError.invalid("holder", "name the role's holder, or give its id", hint: "e.g. chancery role end \"Hun Sen\" --title \"Prime Minister\" --on 2023-08-22")
        }
        let title = selector.title.map(InputValidation.trimmed)
        let rows = try await connection.query(
            """
            SELECT r.id, h.id AS holder_id, h.kind::text AS kind, h.name, h.iso_code, h.wikidata_id,
                   r.title, o.name AS of_name, r.of_id, r.period_edtf
            FROM role_held r JOIN actor h ON h.id = r.holder_id JOIN actor o ON o.id = r.of_id
            WHERE (\(selector.id)::bigint IS NULL OR r.id = \(selector.id))
              AND (\(holder?.id)::bigint IS NULL OR r.holder_id = \(holder?.id))
              AND (\(of?.id)::bigint IS NULL OR r.of_id = \(of?.id))
              AND (\(title)::text IS NULL OR lower(r.title) = lower(\(title)))
            ORDER BY r.period_earliest NULLS FIRST, r.id
            FOR UPDATE OF r
            """).rows
        var roles = try rows.map { row in
            StoredRole(id: try row.decode("id"),
                       holder: Actor(id: try row.decode("holder_id"), kind: ActorKind(rawValue: try row.decode("kind")) ?? .person,
                                     name: try row.decode("name"), isoCode: try row.decode("iso_code"), wikidataId: try row.decode("wikidata_id")),
                       title: try row.decode("title"), ofName: try row.decode("of_name"), ofID: try row.decode("of_id"),
                       period: UncertainDate.stored(try row.decode("period_edtf")))
        }
        if roles.isEmpty {
            throw ChanceryError(.notFound, selector.id.map { "no role with id \($0)" } ?? "no such role of \(holder?.name ?? "")", field: selector.id == nil ? "holder" : "id",
                                hint: "`chancery actor show <holder>` lists the roles an actor holds, with their ids.")
        }
        if preferringOpen, roles.count > 1 {
            let open = roles.filter { $0.period == nil || $0.period?.latest == nil }
            if !open.isEmpty { roles = open }
        }
        guard roles.count == 1 else {
            throw ChanceryError(.ambiguous, "\(roles.count) roles match", field: "title",
                                hint: "Narrow it with --title and --of, or give --id.",
                                candidates: roles.map { "id \($0.id): \($0.holder.name) — \($0.title), \($0.ofName)" + ($0.period.map { " (\($0.edtf))" } ?? "") })
        }
        return roles[0]
    }

    private func updateRole(_ role: StoredRole, title: String?, of: String?, period: FieldPatch<UncertainDate>,
                            on connection: PostgresConnection) async throws -> RoleHeld {
        var columns = ColumnAssignments()
        var ofName = role.ofName
        if let title { columns.set("title", title) }
        if let of {
            let actor = try await ActorResolver(connection: connection).resolve(of, field: "newOf", kinds: [.state, .organization])
            guard actor.id != role.holder.id else {
                throw ChanceryError.invalid("newOf", "\(role.holder.name) cannot hold a role of itself")
            }
            columns.set("of_id", actor.id)
            columns.set("of_kind", actor.kind.rawValue, cast: "::text::actor_kind")
            ofName = actor.name
        }
        columns.setDate("period", period)
        do {
            try await columns.update("role_held", id: role.id, on: connection)
        } catch let error as PostgresError where error.sqlState == "23505" {
            throw ChanceryError(.conflict, "\(role.holder.name) already holds that role over that period", field: "title",
                                hint: "`chancery actor show \"\(role.holder.name)\"` lists its roles.")
        }
        let resultingPeriod: UncertainDate? = switch period {
        case .keep: role.period
        case .clear: nil
        case .set(let date): date
        }
        return RoleHeld(id: role.id, holder: role.holder.name, title: title ?? role.title, of: ofName, period: resultingPeriod)
    }
}
