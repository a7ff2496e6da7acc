// Matching and ordering by bounds. A nil bound is unbounded on its side, in dates and windows alike.

extension EDTFDate {
    /// Whether the date could fall in the inclusive window [from, to] (nil = unbounded): the bounds
    /// overlap it. This is the register's search, so "letters of 2022" finds `2021-12/2022-02`.
    /// An inverted window (from after to) matches nothing.
    public func overlaps(from: CalendarDay?, to: CalendarDay?) -> Bool {
        if let from, let to, from > to {
            return false
        }
        let startsInTime = earliest.map { start in to.map { start <= $0 } ?? true } ?? true
        let endsInTime = latest.map { end in from.map { end >= $0 } ?? true } ?? true
        return startsInTime && endsInTime
    }

    /// Whether the date certainly falls in the inclusive window [from, to] (nil = unbounded): both
    /// bounds lie inside it. An open or unknown end only lies within an unbounded side.
    public func liesWithin(from: CalendarDay?, to: CalendarDay?) -> Bool {
        if let from, let to, from > to {
            return false
        }
        let startInside = from.map { limit in earliest.map { $0 >= limit } ?? false } ?? true
        let endInside = to.map { limit in latest.map { $0 <= limit } ?? false } ?? true
        return startInside && endInside
    }

    /// Timeline order: by earliest bound, then latest; an unbounded start sorts first and an
    /// unbounded end last. Ties fall back to the expression so sorting is deterministic.
    /// Use as `dates.sorted(by: EDTFDate.timelineOrder)`.
    public static func timelineOrder(_ lhs: EDTFDate, _ rhs: EDTFDate) -> Bool {
        if lhs.earliest != rhs.earliest {
            guard let left = lhs.earliest else { return true }
            guard let right = rhs.earliest else { return false }
            return left < right
        }
        if lhs.latest != rhs.latest {
            guard let left = lhs.latest else { return false }
            guard let right = rhs.latest else { return true }
            return left < right
        }
        return lhs.expression < rhs.expression
    }
}
