/// One recorded change to one row: who made it, when, and which fields it changed.
public struct HistoryEntry: Sendable, Hashable, Codable {
    /// The history row's id; later changes have higher ids.
    public var id: Int64
    /// When the change was made, ISO 8601 in UTC (`2024-05-01T09:30:00.123456Z`).
    public var at: String
    /// Who made it: the CLI user or API token the transaction was attributed to.
    public var by: String
    /// The table of the row changed (`letter`, `letter_participant`, `letter_link`, `letter_event`, `citation`).
    public var table: String
    /// `INSERT`, `UPDATE` or `DELETE`.
    public var operation: String
    /// The fields that changed, by column name: for an insert every field with a value, for a
    /// delete every field that had one. Bookkeeping columns (revision, timestamps) are left out.
    public var changes: [HistoryChange]
    /// Which row of its table, where the record's history holds several of a kind whose changes
    /// would not say it ("Envoy of Cambodia [id 4]", an actor's roles and memberships); omitted otherwise.
    public var subject: String?

    /// Creates an entry.
    public init(id: Int64, at: String, by: String, table: String, operation: String, changes: [HistoryChange], subject: String? = nil) {
        self.id = id
        self.at = at
        self.by = by
        self.table = table
        self.operation = operation
        self.changes = changes
        self.subject = subject
    }
}

/// One field of a history entry, before and after the change.
public struct HistoryChange: Sendable, Hashable, Codable {
    /// The column name (`subject`, `sent_edtf`, `deleted_at`).
    public var field: String
    /// The value before; nil when the field had none (or the row did not exist).
    public var before: JSONValue?
    /// The value after; nil when the field has none (or the row was deleted).
    public var after: JSONValue?

    /// Creates a change.
    public init(field: String, before: JSONValue?, after: JSONValue?) {
        self.field = field
        self.before = before
        self.after = after
    }

    private enum CodingKeys: String, CodingKey { case field, before, after }

    /// Encodes a missing value as `null` rather than leaving the key out, so every change has
    /// the same three keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
    }
}
