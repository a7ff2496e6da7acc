import LibPQClient
public import ChanceryModel

extension ActorService {
    /// Actors whose name or alias has a word beginning with `typed` (ignoring case), or whose ISO
    /// code it is: names first, then aliases, each alphabetically; at most `limit`. Typing fewer
    /// than two characters suggests nothing, as almost every name would match.
    public func suggestions(for typed: String, limit: Int = 8) async throws -> [NameSuggestion] {
        let typed = InputValidation.trimmed(typed)
        guard typed.count >= 2, typed.count <= 200 else { return [] }
        let prefix = Self.likeEscaped(typed.lowercased())
        let limit = max(1, min(limit, 50))
        return try await database.replicaRead { connection in
            try await connection.query(
                """
                WITH matched AS (
                    SELECT a.id, NULL::text AS matched, 0 AS rank FROM actor a
                    WHERE lower(a.name) LIKE \(prefix) || '%' OR lower(a.name) LIKE '% ' || \(prefix) || '%'
                    UNION ALL
                    SELECT a.id, a.iso_code::text, 1 FROM actor a WHERE a.iso_code = upper(\(typed))
                    UNION ALL
                    SELECT al.actor_id, al.alias, 2 FROM actor_alias al
                    WHERE lower(al.alias) LIKE \(prefix) || '%' OR lower(al.alias) LIKE '% ' || \(prefix) || '%'
                ), best AS (
                    SELECT DISTINCT ON (m.id) m.id, m.matched, m.rank FROM matched m ORDER BY m.id, m.rank, m.matched
                )
                SELECT a.name, a.kind::text AS kind, b.matched
                FROM best b JOIN actor a ON a.id = b.id
                ORDER BY b.rank, lower(a.name), a.id
                LIMIT \(limit)
                """
            ).rows.map { row in
                let kind: String = try row.decode("kind")
                return NameSuggestion(name: try row.decode("name"), kind: ActorKind(rawValue: kind) ?? .person,
                                      matched: try row.decode("matched"))
            }
        }
    }

    /// `text` with LIKE's wildcards taken literally (the default escape character is `\`).
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
