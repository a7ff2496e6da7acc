import LibPQClient
import ChanceryModel

/// Gathers the letters around one letter, breadth first over letter_link in both directions.
///
/// Iterative rather than one recursive CTE so that the visited set is exact: each letter's links
/// are read once however many paths (or cycles) lead to it, and the size limit is checked as
/// letters are found. One query per level, served by letter_link's primary key (letter_id …) and
/// letter_link_target (target_id, kind).
struct ThreadCollector {
    let connection: PostgresConnection
    let maximumLetters: Int

    struct Collected {
        /// The letters in the thread.
        var letters: Set<Int64>
        /// The links read, including some to letters past the limit (the graph ignores those).
        var links: Set<ThreadLink>
        /// Letters with links to letters left out by the limit.
        var incomplete: Set<Int64>
    }

    func collect(around start: Int64) async throws -> Collected {
        var collected = Collected(letters: [start], links: [], incomplete: [])
        var frontier: [Int64] = [start]
        while !frontier.isEmpty {
            var next: [Int64] = []
            for link in try await links(touching: frontier, mentions: false) {
                collected.links.insert(link)
                for (known, other) in [(link.letter, link.target), (link.target, link.letter)]
                where collected.letters.contains(known) && !collected.letters.contains(other) {
                    if collected.letters.count < maximumLetters {
                        collected.letters.insert(other)
                        next.append(other)
                    } else {
                        collected.incomplete.insert(known)
                    }
                }
            }
            frontier = next
        }
        // Mentions hang off the thread as leaves: added while there is room, never followed.
        for link in try await links(touching: Array(collected.letters), mentions: true) {
            collected.links.insert(link)
            let inside = collected.letters.contains(link.letter) ? link.letter : link.target
            let other = inside == link.letter ? link.target : link.letter
            guard !collected.letters.contains(other) else { continue }
            if collected.letters.count < maximumLetters {
                collected.letters.insert(other)
            } else {
                collected.incomplete.insert(inside)
            }
        }
        return collected
    }

    /// Links with either end in `ids`: the structural kinds (reply, enclosure, forward), or
    /// mentions. Links to or from deleted letters are left out, so a thread never reaches one
    /// (each end is checked by primary key, on the few links found).
    private func links(touching ids: [Int64], mentions: Bool) async throws -> [ThreadLink] {
        try await connection.query(
            """
            SELECT k.letter_id, k.kind::text AS kind, k.target_id FROM letter_link k
            JOIN letter f ON f.id = k.letter_id AND f.deleted_at IS NULL
            JOIN letter t ON t.id = k.target_id AND t.deleted_at IS NULL
            WHERE (k.letter_id = ANY(\(ids)) OR k.target_id = ANY(\(ids))) AND (k.kind = 'refers_to') = \(mentions)
            ORDER BY k.letter_id, k.kind, k.target_id
            """
        ).rows.map { row in
            ThreadLink(letter: try row.decode("letter_id"), kind: LetterLinkKind(rawValue: try row.decode("kind")) ?? .refersTo,
                       target: try row.decode("target_id"))
        }
    }
}
