/// What loading the reference data changed, and what it left alone because a user's record differs.
public struct ReferenceReport: Sendable, Hashable, Codable {
    public var statesAdded = 0
    public var organizationsAdded = 0
    /// Other names (aliases) added to states and organizations.
    public var namesAdded = 0
    /// ISO codes and Wikidata ids filled in where an actor had none.
    public var identifiersFilled = 0
    /// Former states' periods filled in.
    public var periodsFilled = 0
    public var membershipsAdded = 0
    public var demonymsAdded = 0
    /// One sentence per reference fact that a user's record contradicts; the user's is kept.
    public var conflicts: [String] = []

    public init() {}

    /// Nothing was added or filled in (conflicts may remain).
    public var changedNothing: Bool {
        statesAdded + organizationsAdded + namesAdded + identifiersFilled + periodsFilled + membershipsAdded + demonymsAdded == 0
    }
}
