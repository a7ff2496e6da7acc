import LibPQClient
public import ChanceryModel

extension LetterService {
    /// Letters a reference being typed could be: those whose reference begins with `typed`
    /// (ignoring case), then those whose subject, summary or text hold its words, latest first;
    /// at most `limit`. Fewer than two characters suggest nothing.
    public func suggestions(for typed: String, limit: Int = 8) async throws -> [LetterSuggestion] {
        let typed = InputValidation.trimmed(typed)
        guard typed.count >= 2, typed.count <= 200 else { return [] }
        let prefix = ActorService.likeEscaped(typed.uppercased())
        let limit = max(1, min(limit, 50))
        // Words only when the typing reads as words: a half-typed reference is not a search.
        let words = try? FullTextQuery(typed, field: "typed")
        return try await database.replicaRead { connection in
            // The range lets `letter_ref_upper` find the prefix even in a generic plan, where LIKE
            // with a bound pattern cannot; references are ASCII, so all that match sort below chr(127).
            let byReference = try await connection.query(
                """
                SELECT ref, subject, sent_edtf FROM letter
                WHERE deleted_at IS NULL AND upper(ref) LIKE (\(prefix) || '%')
                  AND upper(ref) ~>=~ \(typed.uppercased()) AND upper(ref) ~<~ (\(typed.uppercased()) || chr(127))
                ORDER BY upper(ref), ref LIMIT \(limit)
                """).rows
            var found = try byReference.map(Self.suggestion(from:))
            if found.count < limit, let words {
                // Planned per search: a rare word wants the text index, a common one the date order.
                let matching: PostgresQuery = """
                    SELECT ref, subject, sent_edtf FROM letter
                    WHERE deleted_at IS NULL AND search_document @@ chancery_search_query(\(words.text))
                    ORDER BY sent_sort DESC, id DESC LIMIT \(limit)
                    """
                let bySubject = try await connection.query(matching.plannedForEachValue()).rows
                for row in bySubject where found.count < limit {
                    let suggestion = try Self.suggestion(from: row)
                    if !found.contains(where: { $0.ref == suggestion.ref }) { found.append(suggestion) }
                }
            }
            return found
        }
    }

    private static func suggestion(from row: PostgresRow) throws -> LetterSuggestion {
        LetterSuggestion(ref: try row.decode("ref"), subject: try row.decode("subject"),
                         date: UncertainDate.stored(try row.decode("sent_edtf"))?.display ?? "")
    }
}
