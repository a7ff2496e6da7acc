import LibPQClient

/// SQL fragments the letter listings and reports share. Each is fixed text from this file: role lists are constants
/// chosen in code, never input, so no value ever reaches the SQL text.
enum LetterSQL {
    /// Roles on the sending side of a letter.
    static let senderRoles: PostgresQuery = "'author', 'signatory'"
    /// Roles a letter is addressed to.
    static let recipientRoles: PostgresQuery = "'recipient'"
    /// Roles a letter is addressed or copied to.
    static let recipientAndCopyRoles: PostgresQuery = "'recipient', 'cc'"
    /// Roles a letter is copied to.
    static let copyRoles: PostgresQuery = "'cc'"
    /// Intermediaries.
    static let transmitterRoles: PostgresQuery = "'transmitter'"

    /// The ids of the letters about an event (its dossier): those carrying an invitation to it,
    /// those answering such an invitation, and those linked to it (a follow-up, a read-out).
    /// `letters --event` and the event's timeline select the same letters.
    static func aboutEvent(_ event: PostgresQuery) -> PostgresQuery {
        "SELECT letter_id FROM invitation WHERE event_id = \(event) AND letter_id IS NOT NULL"
            + " UNION SELECT v.response_letter_id FROM invitation_invitee v JOIN invitation i ON i.id = v.invitation_id"
            + " WHERE i.event_id = \(event) AND v.response_letter_id IS NOT NULL"
            + " UNION SELECT letter_id FROM letter_event WHERE event_id = \(event)"
    }

    /// Letter `l`'s participants read once for every list, as `parts.senders`, `parts.recipients`,
    /// `parts.copied` and `parts.transmitters` (names in order; NULL for an empty list): a join to
    /// follow `letter l`. A subquery per list read them four times, and a page of 50 letters took
    /// 1.6–2× as long that way.
    static let participantLists = lateralLists(of: "a.name")

    /// As `participantLists`, each name followed by the capacity and whom the participant acted
    /// for when known: "Hun Sen (Prime Minister, for Cambodia)". Whom they acted for is a subquery
    /// per participant: joined to the lists' rows instead, it made the page's statement slower
    /// than a subquery per list (0.95 against 0.78 ms; 0.58 ms this way).
    static let describedParticipantLists = lateralLists(
        of: "a.name || coalesce(' (' || nullif(concat_ws(', ', p.capacity, "
            + "'for ' || (SELECT r.name FROM actor r WHERE r.id = p.represents_id)), '') || ')', '')")

    /// The four lists' columns over `parts`, each an array (empty, never NULL).
    static let participantListColumns: PostgresQuery = "coalesce(parts.senders, '{}') AS senders, "
        + "coalesce(parts.recipients, '{}') AS recipients, coalesce(parts.copied, '{}') AS copied, "
        + "coalesce(parts.transmitters, '{}') AS transmitters"

    private static func lateralLists(of name: PostgresQuery) -> PostgresQuery {
        func list(_ roles: PostgresQuery, as column: PostgresQuery) -> PostgresQuery {
            "array_agg(\(name) ORDER BY p.role, p.position) FILTER (WHERE p.role IN (\(roles))) AS \(column)"
        }
        return "LEFT JOIN LATERAL (SELECT "
            + [list(senderRoles, as: "senders"), list(recipientRoles, as: "recipients"), list(copyRoles, as: "copied"),
               list(transmitterRoles, as: "transmitters")].joined(separator: ", ")
            + "\nFROM letter_participant p JOIN actor a ON a.id = p.actor_id WHERE p.letter_id = l.id) parts ON true"
    }
}
