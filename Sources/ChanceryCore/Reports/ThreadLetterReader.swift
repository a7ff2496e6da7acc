import LibPQClient
import ChanceryModel

/// Reads the letters of a thread in one query, in date order. The ids come from ThreadCollector,
/// which already leaves deleted letters out (and the requested letter is a current one): every id
/// must have a row here, as the thread's assembly relies on it.
struct ThreadLetterReader {
    let connection: PostgresConnection

    struct Letters {
        /// Each letter as a childless node (relation and flags are set when the tree is assembled).
        var nodes: [Int64: ThreadNode] = [:]
        /// Each letter's place in date order: earliest day, then latest, then when it was recorded.
        var rank: [Int64: Int] = [:]
    }

    func letters(_ ids: [Int64]) async throws -> Letters {
        let rows = try await connection.query(
            "SELECT l.id, l.ref, l.kind::text AS kind, l.sent_edtf, l.subject,\n" + LetterSQL.participantListColumns
                + "\nFROM letter l " + LetterSQL.participantLists
                + "\nWHERE l.id = ANY(\(ids))\nORDER BY l.sent_sort, l.sent_latest, l.created_at, l.id").rows
        var letters = Letters()
        for (position, row) in rows.enumerated() {
            let id: Int64 = try row.decode("id")
            letters.rank[id] = position
            letters.nodes[id] = ThreadNode(
                ref: try row.decode("ref"), date: UncertainDate.stored(try row.decode("sent_edtf"))!,
                subject: try row.decode("subject"), kind: LetterKind(rawValue: try row.decode("kind")) ?? .other,
                from: try row.decode("senders"), to: try row.decode("recipients"), via: try row.decode("transmitters"),
                relation: nil, isRequested: false)
        }
        return letters
    }
}
