/// Which reading an EDTF Level 2 set asks for.
public enum EDTFSetKind: String, Sendable, Hashable {
    /// `[a,b]`: one of the members, nobody knows which.
    case oneOf
    /// `{a,b}`: all of the members.
    case allOf
}

/// A Level 2 set: `[1542-05-05,1542-05-06]`, `{1667,1668}`, with `..` ranges as members
/// (`[1667,1668,1670..1672]`, `[..1760-12-03]`, `[1760-01,1760-12..]`).
///
/// Its bounds are the earliest and latest of its members, open where a member is open, so a
/// search for any day a member may mean finds the letter.
struct EDTFSet: Sendable, Hashable {
    /// One member as written.
    enum Member: Sendable, Hashable {
        case point(EDTFPoint)
        /// `a..b`, `..b` or `a..`: every date from a to b; a nil side runs on without limit.
        case range(EDTFPoint?, EDTFPoint?)

        var points: [EDTFPoint] {
            switch self {
            case .point(let point): [point]
            case .range(let start, let end): [start, end].compactMap { $0 }
            }
        }

        /// nil when the member has no first day (`..b`, or an undated point such as `XXXX-12`).
        var earliest: CalendarDay? {
            switch self {
            case .point(let point): point.earliest
            case .range(let start, _): start?.earliest
            }
        }

        /// nil when the member has no last day.
        var latest: CalendarDay? {
            switch self {
            case .point(let point): point.latest
            case .range(_, let end): end?.latest
            }
        }
    }

    var kind: EDTFSetKind
    /// Never empty.
    var members: [Member]

    var points: [EDTFPoint] {
        members.flatMap(\.points)
    }

    var earliest: CalendarDay? {
        let days = members.map(\.earliest)
        return days.contains(nil) ? nil : days.compactMap { $0 }.min()
    }

    var latest: CalendarDay? {
        let days = members.map(\.latest)
        return days.contains(nil) ? nil : days.compactMap { $0 }.max()
    }
}
