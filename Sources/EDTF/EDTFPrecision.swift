/// How finely a date (or the coarser end of an interval) is known.
///
/// Ordered from finest to coarsest, so `max` over an interval's ends yields its precision.
public enum EDTFPrecision: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A single day: `2022-05-12`.
    case day
    /// A month: `2022-05`, or a month whose day is unspecified: `2022-05-XX`.
    case month
    /// A northern-hemisphere season of three months: `2022-21` … `2022-24`.
    case season
    /// A year: `2022`, or a year whose month is unspecified: `2022-XX`, `2022-XX-XX`.
    case year
    /// A decade: `202X`.
    case decade
    /// A century: `20XX`.
    case century

    /// Finer precisions sort first: day < month < season < year < decade < century.
    public static func < (lhs: EDTFPrecision, rhs: EDTFPrecision) -> Bool {
        lhs.rank < rhs.rank
    }

    // Explicit because enums with raw values get no synthesised Comparable.
    private var rank: Int {
        switch self {
        case .day: 0
        case .month: 1
        case .season: 2
        case .year: 3
        case .decade: 4
        case .century: 5
        }
    }
}
