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
            let period = try Self.ended(role.period, on: day, what: "role", correction: .editRole(id: role.id))
            return try await updateRole(role, title: nil, of: nil, period: .set(period), on: connection)
        }
    }

    /// Changes the one role `selector` names: its title, whom it is of, its period.
    public func editRole(_ selector: RoleSelector, _ changes: RoleChanges) async throws -> RoleHeld {
        guard !changes.isEmpty else {
            throw ChanceryError(.invalidInput, "nothing to change", hint: "Give the new title, whom the role is of, or its new period.")
        }
        return try await database.write { connection in
            let role = try await findRole(selector, preferringOpen: false, on: connection)
            let period = try ColumnAssignments.date(changes.period, field: "newPeriod")
            let title = try changes.title.map { try InputValidation.required($0, field: "newTitle", maxLength: 200) }
            return try await updateRole(role, title: title, of: changes.of, period: period, on: connection)
        }
    }

    /// Ends the one membership `selector` names on `day` (EDTF), as ``endRole(_:on:)`` ends a
    /// role: among a pair's memberships, the one still open (or undated) is ended.
    public func endMembership(_ selector: MembershipSelector, on day: String) async throws -> Membership {
        try await database.write { connection in
            let membership = try await findMembership(selector, preferringOpen: true, on: connection)
            let period = try Self.ended(membership.period, on: day, what: "membership", correction: .editMembership(id: membership.id))
            return try await updateMembership(membership, period: .set(period), on: connection)
        }
    }

    /// Changes the period of the one membership `selector` names; `.clear` makes it undated.
    public func editMembership(_ selector: MembershipSelector, period: FieldPatch<String>) async throws -> Membership {
        guard period.changes else {
            throw ChanceryError(.invalidInput, "nothing to change", hint: "Give the new period (EDTF), or an empty one for none.")
        }
        let newPeriod = try ColumnAssignments.date(period, field: "newPeriod")
        return try await database.write { connection in
            try await updateMembership(try await findMembership(selector, preferringOpen: false, on: connection), period: newPeriod, on: connection)
        }
    }

    private func findMembership(_ selector: MembershipSelector, preferringOpen: Bool, on connection: PostgresConnection) async throws -> Membership {
        let resolver = ActorResolver(connection: connection)
        let member = try await selector.member.asyncMap { try await resolver.resolve($0, field: "member") }
        let organization = try await selector.organization.asyncMap {
            try await resolver.resolve($0, field: "organization", kinds: [.organization])
        }
        guard selector.id != nil || (member != nil && organization != nil) else {
            throw ChanceryError.invalid("member", "name the member and the organization, or give the membership's id",
                                        hint: "For example the member KH and the organization ASEAN; an organization's memberships are listed with it, with their ids.")
        }
        let period = selector.period.map(InputValidation.trimmed)
        var memberships = try await connection.query(
            """
            SELECT ms.id, m.name AS member, o.name AS organization, ms.period_edtf
            FROM membership ms JOIN actor m ON m.id = ms.member_id JOIN actor o ON o.id = ms.organization_id
            WHERE (\(selector.id)::bigint IS NULL OR ms.id = \(selector.id))
              AND (\(member?.id)::bigint IS NULL OR ms.member_id = \(member?.id))
              AND (\(organization?.id)::bigint IS NULL OR ms.organization_id = \(organization?.id))
              AND (\(period)::text IS NULL OR ms.period_edtf = \(period))
            ORDER BY ms.period_earliest NULLS FIRST, ms.id
            FOR UPDATE OF ms
            """).rows.map { row in
                Membership(id: try row.decode("id"), member: try row.decode("member"), organization: try row.decode("organization"),
                           period: UncertainDate.stored(try row.decode("period_edtf")))
            }
        if memberships.isEmpty {
            let what = selector.id.map { "no membership with id \($0)" }
                ?? "\(member?.name ?? "") is not recorded as a member of \(organization?.name ?? "")" + (period.map { " over \($0)" } ?? "")
            throw ChanceryError(.notFound, what, field: selector.id == nil ? "member" : "id",
                                hint: "An actor's memberships are listed with it, with their ids.",
                                next: [organization?.name ?? member?.name].compactMap { $0 }.map { .showActor(name: $0) })
        }
        if preferringOpen, memberships.count > 1 {
            let open = memberships.filter { $0.period == nil || $0.period?.latest == nil }
            if !open.isEmpty { memberships = open }
        }
        guard memberships.count == 1 else {
            throw ChanceryError(.ambiguous, "\(memberships.count) memberships match", field: "member",
                                hint: "Give the membership's id, or its period as recorded.",
                                candidates: memberships.map { "id \($0.id): \($0.member) in \($0.organization)" + ($0.period.map { " (\($0.edtf))" } ?? "") })
        }
        return memberships[0]
    }

    private func updateMembership(_ membership: Membership, period: FieldPatch<UncertainDate>,
                                  on connection: PostgresConnection) async throws -> Membership {
        var columns = ColumnAssignments()
        columns.setDate("period", period)
        do {
            try await columns.update("membership", id: membership.id, on: connection)
        } catch let error as PostgresError where error.sqlState == "23505" {
            throw ChanceryError(.conflict, "\(membership.member) is already recorded in \(membership.organization) over that period",
                                field: "newPeriod", hint: "The actor's memberships are listed with it.", next: [.showActor(name: membership.member)])
        }
        var changed = membership
        switch period {
        case .keep: break
        case .clear: changed.period = nil
        case .set(let date): changed.period = date
        }
        return changed
    }

    /// `period` with its end set to `day`: "start/day", or "../day" when it had no start. A
    /// period with a known end (an interval's, or a single date or year's own) has ended already.
    static func ended(_ period: UncertainDate?, on day: String, what: String, correction: NextStep) throws -> UncertainDate {
        let end = try UncertainDate(parsing: day, field: "on")
        guard !end.edtf.contains("/"), !end.edtf.hasPrefix("["), !end.edtf.hasPrefix("{") else {
            throw ChanceryError.invalid("on", "give the day the \(what) ended, not a range or set", hint: "Give one day, e.g. 2023-08-22, or a month, 2023-08.")
        }
        var start = ".."
        if let period {
            let parts = period.edtf.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let openEnded = parts.count == 2 && (parts[1] == ".." || parts[1].isEmpty)
            guard openEnded else {
                throw ChanceryError(.conflict, "the \(what) has ended already: its period is \(period.display) (\(period.edtf))", field: "on",
                                    hint: "Correct the recorded period instead, its end included.", next: [correction])
            }
            start = parts[0].isEmpty ? ".." : String(parts[0])
            if let begun = period.earliest, let last = end.latest, last < begun {
                throw ChanceryError.invalid("on", "the \(what) began \(period.display); it cannot end \(end.display)",
                                            hint: "Check the date, or correct the recorded period's start.", next: [correction])
            }
        }
        return try UncertainDate(parsing: start + "/" + end.edtf, field: "on")
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
            throw ChanceryError.invalid("holder", "name the role's holder, or give its id", hint: "For example the holder Hun Sen and the title Prime Minister; an actor's roles are listed with it, with their ids.")
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
                                hint: "An actor's roles are listed with it, with their ids.", next: [holder?.name].compactMap { $0 }.map { .showActor(name: $0) })
        }
        if preferringOpen, roles.count > 1 {
            let open = roles.filter { $0.period == nil || $0.period?.latest == nil }
            if !open.isEmpty { roles = open }
        }
        guard roles.count == 1 else {
            throw ChanceryError(.ambiguous, "\(roles.count) roles match", field: "title",
                                hint: "Narrow it by its title and whom it is of, or give the role's id.",
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
            let actor = try await ActorResolver.forWriting(connection).resolve(of, field: "newOf", kinds: [.state, .organization])
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
                                hint: "The actor's roles are listed with it.", next: [.showActor(name: role.holder.name)])
        }
        let resultingPeriod: UncertainDate? = switch period {
        case .keep: role.period
        case .clear: nil
        case .set(let date): date
        }
        return RoleHeld(id: role.id, holder: role.holder.name, title: title ?? role.title, of: ofName, period: resultingPeriod)
    }
}
