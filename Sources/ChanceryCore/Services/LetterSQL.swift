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

    /// The names of letter `l`'s participants in `roles` (one of the lists above), in order, as a
    /// text array (empty, never NULL).
    static func participantNames(roles: PostgresQuery) -> PostgresQuery {
        "coalesce((SELECT array_agg(a.name ORDER BY p.role, p.position) FROM letter_participant p JOIN actor a ON a.id = p.actor_id "
            + "WHERE p.letter_id = l.id AND p.role IN (\(roles))), '{}')"
    }

    /// As `participantNames`, each name followed by the capacity and whom the participant acted
    /// for when known: "Hun Sen (Prime Minister, for Cambodia)".
    static func describedParticipants(roles: PostgresQuery) -> PostgresQuery {
        "coalesce((SELECT array_agg(a.name || coalesce(' (' || nullif(concat_ws(', ', p.capacity, 'for ' || r.name), '') || ')', '') "
            + "ORDER BY p.role, p.position) FROM letter_participant p JOIN actor a ON a.id = p.actor_id "
            + "LEFT JOIN actor r ON r.id = p.represents_id WHERE p.letter_id = l.id AND p.role IN (\(roles))), '{}')"
    }
}
