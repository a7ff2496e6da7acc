import LibPQClient
public import ChanceryModel

extension LetterService {
    /// The participants of the letters `refs`, in each letter's order (senders, recipients,
    /// copies, via), with capacity and whom they acted for: what a listing shows beside the
    /// names a `LetterSummary` carries. One statement for the whole page.
    public func participants(of refs: [String]) async throws -> [String: [Participant]] {
        guard !refs.isEmpty else { return [:] }
        return try await database.read { connection in
            let rows = try await connection.query(
                """
                SELECT l.ref, p.role::text AS role, p.position, a.name, a.kind::text AS kind, p.capacity,
                       r.name AS represents, coalesce(a.iso_code, r.iso_code) AS country
                FROM letter l
                JOIN letter_participant p ON p.letter_id = l.id
                JOIN actor a ON a.id = p.actor_id
                LEFT JOIN actor r ON r.id = p.represents_id
                WHERE l.ref = ANY(\(refs))
                ORDER BY l.ref, array_position(ARRAY['author','signatory','recipient','cc','transmitter']::participant_role[], p.role), p.position
                """).rows
            var byLetter: [String: [Participant]] = [:]
            for row in rows {
                let participant = Participant(
                    role: ParticipantRole(rawValue: try row.decode("role")) ?? .author, position: try row.decode("position"),
                    name: try row.decode("name"), kind: ActorKind(rawValue: try row.decode("kind")) ?? .person,
                    capacity: try row.decode("capacity"), onBehalfOf: try row.decode("represents"), country: try row.decode("country"))
                byLetter[try row.decode("ref"), default: []].append(participant)
            }
            return byLetter
        }
    }
}
