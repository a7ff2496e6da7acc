import LibPQClient
import ChanceryModel

/// Reads a stored letter with everything around it.
struct LetterDetailReader {
    let connection: PostgresConnection

    /// The letter `id`, found by the caller (deleted or not: the caller decides who may see one).
    func detail(of id: Int64) async throws -> LetterDetail {
        guard let detail = try Self.detail(from: try await connection.pipeline(Self.statements(letter: "WHERE id = \(id)", id: "\(id)"))) else {
            throw ChanceryError(.notFound, "letter \(id) is no longer stored", field: "ref", hint: "Reload the letter and try again.")
        }
        return detail
    }

    /// The current letter whose reference is exactly `ref`, or nil when there is none (another
    /// case, a deleted letter, no such letter: `LetterLookup` tells which). The statements find
    /// the letter by its reference themselves, so the usual request takes one round trip.
    func detail(ofCurrent ref: String) async throws -> LetterDetail? {
        try Self.detail(from: try await connection.pipeline(
            Self.statements(letter: "WHERE ref = \(ref) AND deleted_at IS NULL", id: "(SELECT id FROM letter WHERE ref = \(ref))")))
    }

    /// The letter's row (`letter` selects it from `letter`) and its parts (`id` gives its id).
    /// The parts do not depend on one another: one round trip for all seven.
    private static func statements(letter: PostgresQuery, id: PostgresQuery) -> [PostgresQuery] {
        [
            """
            SELECT ref, revision, kind::text AS kind, sent_edtf, received_edtf, subject, summary, body, language,
                   classification::text AS classification, sent_place, sent_place_geonames_id, received_place,
                   received_place_geonames_id, awaiting_reply, sent_as_written, received_as_written,
                   origin_register::text AS origin_register, origin_ref
            FROM letter \(letter)
            """,
            """
            SELECT p.role::text AS role, p.position, a.name, a.kind::text AS kind, p.capacity,
                   r.name AS represents, coalesce(a.iso_code, r.iso_code) AS country,
                   p.name_as_written, p.name_supplied, p.name_uncertain
            FROM letter_participant p
            JOIN actor a ON a.id = p.actor_id
            LEFT JOIN actor r ON r.id = p.represents_id
            WHERE p.letter_id = \(id)
            ORDER BY array_position(ARRAY['author','signatory','recipient','cc','transmitter']::participant_role[], p.role), p.position
            """,
            "SELECT ref FROM invitation WHERE letter_id = \(id) ORDER BY ref",
            "SELECT e.ref FROM letter_event le JOIN event e ON e.id = le.event_id WHERE le.letter_id = \(id) ORDER BY e.ref",
            links(of: id, outgoing: true),
            links(of: id, outgoing: false),
            SourceRecorder.citations(for: "letter_id", of: id),
        ]
    }

    /// The letter from the results of `statements`, nil when its row is missing.
    private static func detail(from parts: [PostgresQueryResult]) throws -> LetterDetail? {
        guard let row = parts[0].rows.first else { return nil }
        let participants = try parts[1].rows.map { row in
            Participant(role: ParticipantRole(rawValue: try row.decode("role")) ?? .author, position: try row.decode("position"),
                        name: try row.decode("name"), kind: ActorKind(rawValue: try row.decode("kind")) ?? .person,
                        capacity: try row.decode("capacity"), onBehalfOf: try row.decode("represents"),
                        country: try row.decode("country"), nameAsWritten: try row.decode("name_as_written"),
                        nameSupplied: try row.decode("name_supplied"), nameUncertain: try row.decode("name_uncertain"))
        }
        let invitations = try parts[2].rows.map { try $0.decode("ref", as: String.self) }
        let events = try parts[3].rows.map { try $0.decode("ref", as: String.self) }
        return LetterDetail(
            ref: try row.decode("ref"),
            revision: try row.decode("revision"),
            kind: LetterKind(rawValue: try row.decode("kind")) ?? .other,
            date: UncertainDate.stored(try row.decode("sent_edtf"))!,
            received: UncertainDate.stored(try row.decode("received_edtf")),
            dateAsWritten: try row.decode("sent_as_written"), receivedAsWritten: try row.decode("received_as_written"),
            subject: try row.decode("subject"), summary: try row.decode("summary"), text: try row.decode("body"),
            language: try row.decode("language"),
            classification: Classification(rawValue: try row.decode("classification")) ?? .unclassified,
            sentPlace: try row.decode("sent_place"), sentPlaceGeonamesId: try row.decode("sent_place_geonames_id"),
            receivedPlace: try row.decode("received_place"), receivedPlaceGeonamesId: try row.decode("received_place_geonames_id"),
            awaitingReply: try row.decode("awaiting_reply"),
            participants: participants,
            links: try Self.linkedLetters(parts[4]),
            linkedFrom: try Self.linkedLetters(parts[5]),
            invitations: invitations,
            events: events,
            sources: try SourceRecorder.citedSources(parts[6]),
            origin: try RecordOrigin(row))
    }

    /// Links to and from deleted letters are left out: the links stay stored (and come back if
    /// the letter is restored), but a deleted letter takes part in nothing. Two fixed statements
    /// rather than one choosing its columns by a bound flag, which PostgreSQL planned afresh for
    /// every letter's detail.
    private static func links(of id: PostgresQuery, outgoing: Bool) -> PostgresQuery {
        outgoing
            ? """
                SELECT k.kind::text AS kind, l.ref, l.subject, l.sent_edtf
                FROM letter_link k JOIN letter l ON l.id = k.target_id AND l.deleted_at IS NULL
                WHERE k.letter_id = \(id)
                ORDER BY l.sent_sort, l.sent_latest, l.created_at
                """
            : """
                SELECT k.kind::text AS kind, l.ref, l.subject, l.sent_edtf
                FROM letter_link k JOIN letter l ON l.id = k.letter_id AND l.deleted_at IS NULL
                WHERE k.target_id = \(id)
                ORDER BY l.sent_sort, l.sent_latest, l.created_at
                """
    }

    private static func linkedLetters(_ result: PostgresQueryResult) throws -> [LinkedLetter] {
        try result.rows.map { row in
            LinkedLetter(kind: LetterLinkKind(rawValue: try row.decode("kind")) ?? .refersTo, ref: try row.decode("ref"),
                         subject: try row.decode("subject"), date: UncertainDate.stored(try row.decode("sent_edtf"))!)
        }
    }
}
