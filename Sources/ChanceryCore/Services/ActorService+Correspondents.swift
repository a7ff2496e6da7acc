import LibPQClient
public import ChanceryModel

extension ActorService {
    /// Whom the actor `name` exchanged most letters with: parties on the other side of its
    /// letters (people, and the states and organizations they wrote for; not an unidentified
    /// actor, which stands for many), most letters first, at most `limit`. A state or organization with many letters takes long to count: past
    /// `timeLimit` the count is abandoned and nil returned, so a page can go on without it. The
    /// letters with unidentified actors are counted apart, so a page can say what it leaves out.
    public func correspondents(of name: String, limit: Int = 10, timeLimit: Duration = .seconds(2)) async throws -> CorrespondentRanking? {
        let limit = max(1, min(limit, 100))
        return try await database.replicaRead { connection in
            let actor = try await ActorResolver(connection: connection).resolve(name, field: "actor")
            return try await connection.withinTimeLimit(timeLimit) { transaction in
                CorrespondentRanking(correspondents: try await Self.countCorrespondents(of: actor.id, limit: limit, on: transaction),
                                     lettersWithUnidentified: try await Self.countLettersWithUnidentified(of: actor.id, on: transaction))
            }
        }
    }

    private static func countLettersWithUnidentified(of id: Int64, on connection: PostgresConnection) async throws -> Int {
        try await connection.query(
            """
            SELECT count(DISTINCT mine.letter_id)::int AS letters
            FROM letter_by_party mine
            JOIN letter_by_party theirs ON theirs.letter_id = mine.letter_id AND theirs.party_id <> mine.party_id
            JOIN actor a ON a.id = theirs.party_id
            WHERE mine.party_id = \(id) AND a.unidentified
              AND ((mine.sides & 1 <> 0 AND theirs.sides & 2 <> 0) OR (mine.sides & 2 <> 0 AND theirs.sides & 1 <> 0))
            """
        ).rows[0].decode("letters")
    }

    /// Sides are `letter_by_party.sides` bits: 1 the sender's side, 2 the recipient's.
    private static func countCorrespondents(of id: Int64, limit: Int, on connection: PostgresConnection) async throws -> [Correspondent] {
        try await connection.query(
            """
            SELECT a.name, a.kind::text AS kind,
                   count(DISTINCT mine.letter_id)::int AS letters,
                   (count(DISTINCT mine.letter_id) FILTER (WHERE mine.sides & 1 <> 0 AND theirs.sides & 2 <> 0))::int AS sent,
                   (count(DISTINCT mine.letter_id) FILTER (WHERE mine.sides & 2 <> 0 AND theirs.sides & 1 <> 0))::int AS received
            FROM letter_by_party mine
            JOIN letter_by_party theirs ON theirs.letter_id = mine.letter_id AND theirs.party_id <> mine.party_id
            JOIN actor a ON a.id = theirs.party_id
            WHERE mine.party_id = \(id) AND NOT a.unidentified
              AND ((mine.sides & 1 <> 0 AND theirs.sides & 2 <> 0) OR (mine.sides & 2 <> 0 AND theirs.sides & 1 <> 0))
            GROUP BY a.id
            ORDER BY letters DESC, lower(a.name), a.id
            LIMIT \(limit)
            """
        ).rows.map { row in
            Correspondent(name: try row.decode("name"), kind: ActorKind(rawValue: try row.decode("kind")) ?? .person,
                          letterCount: try row.decode("letters"), sent: try row.decode("sent"), received: try row.decode("received"))
        }
    }
}
