/// A full-text search as the user typed it, checked before it reaches PostgreSQL.
///
/// The text goes to `chancery_search_query` (schema.sql), which reads web-search syntax:
/// words, "quoted phrases", `or`, and `-word` to exclude.
package struct FullTextQuery {
    /// The trimmed search text.
    package let text: String

    package init(_ input: String, field: String) throws {
        let trimmed = InputValidation.trimmed(try InputValidation.storable(input, field: field))
        guard !trimmed.isEmpty else {
            throw ChanceryError.invalid(field, "the search is empty", hint: "Give one or more words to look for.")
        }
        guard trimmed.count <= 500 else {
            throw ChanceryError.invalid(field, "the search is \(trimmed.count) characters long; the limit is 500",
                                        hint: "Search for a few distinctive words.")
        }
        text = trimmed
    }
}
