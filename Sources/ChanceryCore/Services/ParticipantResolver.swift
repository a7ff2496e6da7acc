import LibPQClient
import ChanceryModel
import Foundation

/// A participant resolved to stored actors, with the capacity and the represented state or
/// organization settled.
struct ResolvedParticipant {
    var actor: Actor
    var capacity: String?
    var represents: Actor?
    /// The name as the source writes it, and the editor's marks on it.
    var nameAsWritten: String?
    var nameSupplied = false
    var nameUncertain = false
}

/// Resolves the names in a draft and settles in what capacity, and for whom, each one acts.
///
/// When the user does not say whom a person acts for, it is read off the roles they hold at the
/// date: the role whose title matches the given capacity, else their only role at that date.
/// States and organizations act for themselves.
struct ParticipantResolver {
    let connection: PostgresConnection

    func resolve(_ draft: ParticipantDraft, field: String, at date: UncertainDate?) async throws -> ResolvedParticipant {
        let resolver = ActorResolver.forWriting(connection)
        let actor = try await resolver.resolve(draft.name, field: field)
        var capacity = try InputValidation.optional(draft.capacity, field: "capacity", maxLength: 200)
        var represents: Actor?
        if let onBehalfOf = draft.onBehalfOf, !onBehalfOf.trimmingCharacters(in: .whitespaces).isEmpty {
            represents = try await resolver.resolve(onBehalfOf, field: "on-behalf-of", kinds: [.state, .organization])
        }
        if represents == nil, actor.kind == .person {
            let roles = try await rolesHeld(by: actor, at: date)
            let matching = capacity.map { title in roles.filter { $0.title.lowercased() == title.lowercased() } } ?? roles
            let chosen = matching.count == 1 ? matching[0] : matching.filter({ $0.of.kind == .state }).onlyElement
            if let chosen {
                represents = chosen.of
                capacity = capacity ?? chosen.title
            }
        }
        if represents?.id == actor.id { represents = nil }
        let nameAsWritten = try InputValidation.optional(draft.nameAsWritten, field: field + ".nameAsWritten", maxLength: 200)
        return ResolvedParticipant(actor: actor, capacity: capacity, represents: represents, nameAsWritten: nameAsWritten,
                                   nameSupplied: draft.nameSupplied, nameUncertain: draft.nameUncertain)
    }

    private struct HeldRole {
        var title: String
        var of: Actor
    }

    private func rolesHeld(by actor: Actor, at date: UncertainDate?) async throws -> [HeldRole] {
        try await connection.query(
            """
            SELECT r.title, o.id, o.kind::text AS kind, o.name, o.iso_code, o.wikidata_id
            FROM role_held r JOIN actor o ON o.id = r.of_id
            CROSS JOIN (SELECT \(date?.earliestBound)::date AS earliest, \(date?.latestBound)::date AS latest) d
            WHERE r.holder_id = \(actor.id)
              AND (r.period_edtf IS NULL OR d.earliest IS NULL
                   OR (r.period_earliest <= d.latest AND r.period_latest >= d.earliest
                       AND \(unescaped: RoleInference.heldForMostOf(earliest: "d.earliest", latest: "d.latest"))))
            ORDER BY r.title, o.name
            """
        ).rows.map { row in HeldRole(title: try row.decode("title"), of: try ActorResolver.actor(from: row)) }
    }
}
