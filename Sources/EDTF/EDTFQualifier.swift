/// The Level 1 mark after a date saying how sure its writer was.
enum EDTFQualifier: Character, Sendable, Hashable, CaseIterable {
    /// `?`: the writer was not sure the date is right.
    case uncertain = "?"
    /// `~`: the date is roughly right.
    case approximate = "~"
    /// `%`: both at once.
    case uncertainAndApproximate = "%"

    var isUncertain: Bool { self != .approximate }
    var isApproximate: Bool { self != .uncertain }
}
