import Foundation
import LibPQClient
import ChanceryInterchange
import ChanceryModel

/// Changes to one letter's participants, links and citations, inside the caller's transaction,
/// on a letter the caller has locked (see ``LetterRevisionLock``).
struct LetterPartEditor {
    let connection: PostgresConnection
    let letter: LetterLookup.StoredLetter

    /// A subject an import composed ("Letter from A to B") names the correspondents: composed
    /// again once they change, as the import would compose it. A subject a person wrote is left.
    func recomposeSubject() async throws {
        let rows = try await connection.query(
            """
            SELECT l.kind::text AS kind, p.role::text AS role, coalesce(p.name_as_written, a.name) AS name
            FROM letter l JOIN letter_participant p ON p.letter_id = l.id JOIN actor a ON a.id = p.actor_id
            WHERE l.id = \(letter.id) AND l.subject_composed AND p.role IN ('author', 'recipient')
            ORDER BY p.role, p.position
            """).rows
        guard let first = rows.first, let kind = LetterKind(rawValue: try first.decode("kind", as: String.self)) else { return }
        let named = try rows.map { (role: try $0.decode("role", as: String.self), name: try $0.decode("name", as: String.self)) }
        let subject = ComposedSubject.make(ComposedSubject.label(kind), senders: named.filter { $0.role == "author" }.map(\.name),
                                           recipients: named.filter { $0.role == "recipient" }.map(\.name))
        try await connection.execute("UPDATE letter SET subject = \(subject) WHERE id = \(letter.id) AND subject <> \(subject)")
    }

    /// Adds a participant in `role`, after those already in it; an actor already in the role is refused.
    func addParticipant(_ participant: ParticipantDraft, as role: ParticipantRole, field: String? = nil) async throws {
        let field = field ?? LetterService.participantField(role)
        let resolved = try await ParticipantResolver(connection: connection)
            .resolve(participant, field: field, at: UncertainDate.stored(letter.sentEDTF))
        let taken = try await connection.query(
            "SELECT 1 FROM letter_participant WHERE letter_id = \(letter.id) AND role = \(role.rawValue)::text::participant_role AND actor_id = \(resolved.actor.id)").rows
        guard taken.isEmpty else {
            throw ChanceryError.invalid(field, "\(resolved.actor.name) is named twice as \(role.rawValue)",
                                        hint: "Name each actor once per role; aliases of one actor count as the same actor.")
        }
        try await connection.execute(
            """
            INSERT INTO letter_participant (letter_id, role, position, actor_id, capacity, represents_id, represents_kind,
                                            name_as_written, name_supplied, name_uncertain)
            SELECT \(letter.id), \(role.rawValue)::text::participant_role, coalesce(max(position), 0) + 1, \(resolved.actor.id),
                   \(resolved.capacity), \(resolved.represents?.id), \(resolved.represents?.kind.rawValue)::text::actor_kind,
                   \(resolved.nameAsWritten), \(resolved.nameSupplied), \(resolved.nameUncertain)
            FROM letter_participant WHERE letter_id = \(letter.id) AND role = \(role.rawValue)::text::participant_role
            """)
    }

    /// Removes the participant at `position` in `role`; those after it move up, so positions
    /// stay 1, 2, 3….
    func removeParticipant(_ role: ParticipantRole, at position: Int) async throws {
        let row = try await connection.query(
            """
            SELECT count(*) FILTER (WHERE position = \(position)) AS found, max(position) AS last
            FROM letter_participant WHERE letter_id = \(letter.id) AND role = \(role.rawValue)::text::participant_role
            """).rows[0]
        guard try row.decode("found", as: Int.self) == 1 else {
            throw ChanceryError(.notFound, "letter \(letter.ref) has no \(role.rawValue) at position \(position)", field: "position",
                                hint: "Read the letter to see its participants and their positions.")
        }
        let last: Int = try row.decode("last")
        try await connection.execute(
            "DELETE FROM letter_participant WHERE letter_id = \(letter.id) AND role = \(role.rawValue)::text::participant_role AND position = \(position)")
        // One row at a time, in ascending order: each moves into the position just freed, so
        // the primary key (letter_id, role, position) never sees two rows at once, and
        // history records each move as the participant leaving one position for the next.
        for next in stride(from: position + 1, through: last, by: 1) {
            try await connection.execute(
                """
                UPDATE letter_participant SET position = position - 1
                WHERE letter_id = \(letter.id) AND role = \(role.rawValue)::text::participant_role AND position = \(next)
                """)
        }
    }

    /// Removes the actor `name` names from every role it has on the letter.
    func removeActor(_ name: String) async throws {
        let actor = try await ActorResolver(connection: connection).resolve(name, field: "removeParticipant")
        let places = try await connection.query(
            """
            SELECT role::text AS role, position FROM letter_participant
            WHERE letter_id = \(letter.id) AND actor_id = \(actor.id) ORDER BY role, position DESC
            """).rows
        guard !places.isEmpty else {
            throw ChanceryError.invalid("removeParticipant", "\(actor.name) is not a participant of \(letter.ref)",
                                        hint: "The letter's participants are listed with it.", next: [.showLetter(ref: letter.ref)])
        }
        for place in places {
            guard let role = ParticipantRole(rawValue: try place.decode("role")) else { continue }
            try await removeParticipant(role, at: try place.decode("position"))
        }
    }

    /// A letter keeps at least one author and one recipient, whatever an edit removed.
    func checkAuthorAndRecipient(field: String = "role") async throws {
        let row = try await connection.query(
            """
            SELECT count(*) FILTER (WHERE role = 'author') AS authors, count(*) FILTER (WHERE role = 'recipient') AS recipients
            FROM letter_participant WHERE letter_id = \(letter.id)
            """).rows[0]
        for (column, role) in [("authors", ParticipantRole.author), ("recipients", .recipient)] where try row.decode(column, as: Int.self) == 0 {
            throw ChanceryError.invalid(field, "\(letter.ref) would be left without \(role == .author ? "an author" : "a recipient")",
                                        hint: "Add another \(role.rawValue) first, then remove this one.")
        }
    }

    /// Links the letter to the current letter `target`; a link to itself or the same link twice is refused.
    func addLink(_ kind: LetterLinkKind, to target: String, field: String = "target") async throws {
        let targetID = try await LetterLookup(connection: connection).id(of: target, field: field)
        guard targetID != letter.id else {
            throw ChanceryError.invalid(field, "a letter cannot be linked to itself", hint: "Name another letter as the target.")
        }
        let added = try await connection.execute(
            """
            INSERT INTO letter_link (letter_id, kind, target_id) VALUES (\(letter.id), \(kind.rawValue)::text::letter_link_kind, \(targetID))
            ON CONFLICT DO NOTHING
            """)
        guard added == 1 else {
            throw ChanceryError(.conflict, "letter \(letter.ref) already has a \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) link to \(target)", field: field,
                                hint: "Nothing to add: the link is there.")
        }
    }

    /// Removes the letter's `kind` link to `target`, or every link to it when `kind` is nil.
    func removeLink(_ kind: LetterLinkKind?, to target: String, field: String = "target") async throws {
        let targetID = try await LetterLookup(connection: connection).stored(target, field: field).id
        let removed = try await connection.execute(
            """
            DELETE FROM letter_link WHERE letter_id = \(letter.id) AND target_id = \(targetID)
              AND (\(kind?.rawValue)::text IS NULL OR kind = \(kind?.rawValue)::text::letter_link_kind)
            """)
        guard removed > 0 else {
            throw ChanceryError(.notFound, "letter \(letter.ref) has no \(kind.map { $0.rawValue + " " } ?? "")link to \(target)", field: field,
                                hint: "Read the letter to see its links.")
        }
    }

    /// Stops citing the source with this URL (or, for one without, this title) for the letter.
    func removeSource(_ urlOrTitle: String) async throws {
        let removed = try await connection.execute(
            """
            DELETE FROM citation WHERE letter_id = \(letter.id)
              AND source_id IN (SELECT id FROM source WHERE url = \(urlOrTitle) OR (url IS NULL AND title = \(urlOrTitle)))
            """)
        guard removed > 0 else {
            throw ChanceryError(.notFound, "letter \(letter.ref) cites no source '\(urlOrTitle)'", field: "removeSource",
                                hint: "Give the source's URL as the letter lists it (its title when it has no URL).",
                                next: [.showLetter(ref: letter.ref)])
        }
    }
}
