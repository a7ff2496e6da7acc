/// A Level 2 date with unspecified digits anywhere (`156X-12-25`, `XXXX-12-XX`, `1XXX-XX`).
///
/// The bounds are the first and last real day the digits allow: `156X-12-25` is 1560-12-25 …
/// 1569-12-25, and `2X22` spans 2022 … 2922 although only ten of those years fit. A year with no
/// known digit (`XXXX`, `XXXX-12-25`) gives no bounds at all: it could be any year, BC or AD, and
/// the register treats it like an interval whose ends are unknown (undated).
struct EDTFMask: Sendable, Hashable {
    /// The components as written: the year (with its sign), then the month and the day if given.
    var components: [String]
    var earliest: CalendarDay?
    var latest: CalendarDay?
    var precision: EDTFPrecision

    /// Why digits describe no storable day.
    enum Failure: Error {
        case noMonth
        case noDay
        case yearOutOfRange(Int)
    }

    /// Whether no digit of the year is known.
    var isUndated: Bool {
        !components[0].contains { $0.isWholeNumber }
    }

    /// Computes the bounds of `year` (four digits or X, after an optional sign), `month` and `day`
    /// (two digits or X each, when written).
    init(negative: Bool, year: [Character], month: [Character]?, day: [Character]?) throws(Failure) {
        components = [(negative ? "-" : "") + String(year)] + [month, day].compactMap { $0.map { String($0) } }
        precision = Self.precision(year: year, month: month, day: day)

        let months = month.map { mask in (1...12).filter { Self.matches(mask, $0) } } ?? Array(1...12)
        guard !months.isEmpty else { throw .noMonth }

        guard year.contains(where: { $0 != "X" }) else {
            // Any year: the digits still have to fit some year, so check a leap and a common one.
            guard Self.first(years: [2000, 2001], months: months, day: day) != nil else { throw .noDay }
            earliest = nil
            latest = nil
            return
        }
        var years = (0...9999).filter { Self.matches(year, $0) }.map { negative ? -$0 : $0 }
        years.sort()
        for candidate in [years.first, years.last].compactMap({ $0 }) where !Gregorian.years.contains(candidate) {
            throw .yearOutOfRange(candidate)
        }
        guard let first = Self.first(years: years, months: months, day: day),
              let last = Self.last(years: years.reversed(), months: months.reversed(), day: day)
        else { throw .noDay }
        earliest = first
        latest = last
    }

    /// Whether `value` written with `mask.count` digits fits the mask. Integer arithmetic, not
    /// text: a year mask is tried against all ten thousand four-digit years.
    static func matches(_ mask: [Character], _ value: Int) -> Bool {
        var rest = value
        for character in mask.reversed() {
            if character != "X" && character.wholeNumberValue != rest % 10 {
                return false
            }
            rest /= 10
        }
        return rest == 0
    }

    private static func first(years: [Int], months: [Int], day: [Character]?) -> CalendarDay? {
        for year in years {
            for month in months {
                let days = 1...Gregorian.daysIn(month: month, year: year)
                if let first = day.map({ mask in days.first { matches(mask, $0) } }) ?? days.first {
                    return CalendarDay(uncheckedYear: year, month: month, day: first)
                }
            }
        }
        return nil
    }

    private static func last(years: [Int], months: [Int], day: [Character]?) -> CalendarDay? {
        for year in years {
            for month in months {
                let days = 1...Gregorian.daysIn(month: month, year: year)
                if let last = day.map({ mask in days.last { matches(mask, $0) } }) ?? days.last {
                    return CalendarDay(uncheckedYear: year, month: month, day: last)
                }
            }
        }
        return nil
    }

    /// The unit of the first unspecified digit: a year digit before the last makes a century (the
    /// coarsest precision there is), the last a decade, a month digit a year, a day digit a month.
    private static func precision(year: [Character], month: [Character]?, day: [Character]?) -> EDTFPrecision {
        if let index = year.firstIndex(of: "X") {
            return index == 3 ? .decade : .century
        }
        if month?.contains("X") ?? false {
            return .year
        }
        if day?.contains("X") ?? false {
            return .month
        }
        return day != nil ? .day : month != nil ? .month : .year
    }
}
