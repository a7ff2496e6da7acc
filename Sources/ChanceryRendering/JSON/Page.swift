/// A page of a list, and the cursor of the next page when there is one: the shape of the API's
/// paged lists. `LetterSummary.pageJSON` writes the letter listing's pages by hand; this is
/// what they must equal when JSONEncoder encodes it (`CompactJSONWriterTests`, `chancery-json-bench`).
package struct Page<Item: Encodable>: Encodable {
    package var items: [Item]
    package var nextCursor: String?

    package init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        // Always present (null on the last page), so clients need not test for the key.
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
