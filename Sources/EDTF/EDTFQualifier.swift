/// The mark saying how sure a date's writer was: after the date (Level 1), or before or after one
/// component (Level 2, `EDTFComponentMarks`).
enum EDTFQualifier: Character, Sendable, Hashable, CaseIterable {
    /// `?`: the writer was not sure the date is right.
    case uncertain = "?"
    /// `~`: the date is roughly right.
    case approximate = "~"
    /// `%`: both at once.
    case uncertainAndApproximate = "%"

    /// The qualifier a byte marks, if it is one.
    init?(mark byte: UInt8) {
        self.init(rawValue: Character(Unicode.Scalar(byte)))
    }

    var isUncertain: Bool { self != .approximate }
    var isApproximate: Bool { self != .uncertain }
}
