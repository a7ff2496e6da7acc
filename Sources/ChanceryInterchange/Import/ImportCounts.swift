/// What an import did (or, in a dry run, would do) to one record type.
public struct ImportCounts: Sendable, Hashable, Codable {
    /// Records written for the first time.
    public var new = 0
    /// Records already present and equal.
    public var unchanged = 0
    /// Records already present that the import changed.
    public var updated = 0
    /// Records refused.
    public var rejected = 0

    /// Creates counts.
    public init(new: Int = 0, unchanged: Int = 0, updated: Int = 0, rejected: Int = 0) {
        self.new = new
        self.unchanged = unchanged
        self.updated = updated
        self.rejected = rejected
    }

    /// All records seen.
    public var total: Int { new + unchanged + updated + rejected }
}
