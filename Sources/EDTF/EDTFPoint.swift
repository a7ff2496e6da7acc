/// One date of an expression: a whole single date, one known end of an interval, or a set member
/// (or one end of a range inside a set).
///
/// Unspecified forms (`2022-XX`) are kept apart from their plain equivalents (`2022`) because they
/// say something different — "a particular month we cannot read" versus "sometime in the year" —
/// and the expression must round-trip as written, even though the bounds coincide.
struct EDTFPoint: Sendable, Hashable {
    /// What the digits say, before any qualifier.
    enum Value: Sendable, Hashable {
        /// `19XX`, holding the leading two digits (19).
        case century(Int)
        /// `202X`, holding the leading three digits (202).
        case decade(Int)
        /// `2022`.
        case year(Int)
        /// `2022-XX`.
        case yearWithUnspecifiedMonth(Int)
        /// `2022-XX-XX`.
        case yearWithUnspecifiedMonthAndDay(Int)
        /// `2022-05`.
        case month(year: Int, month: Int)
        /// `2022-05-XX`.
        case monthWithUnspecifiedDay(year: Int, month: Int)
        /// `2022-21` … `2022-24`.
        case season(year: Int, season: EDTFSeason)
        /// `2022-05-12`.
        case day(CalendarDay)
        /// `1985-04-12T23:20:30`, `…Z`, `…-04`, `…+04:30`: the day is the date of the time as written.
        case dateTime(CalendarDay, EDTFTime)
        /// Level 2 unspecified digits anywhere (`156X-12-25`, `XXXX-12-XX`, `1XXX-XX`, `-1XXX`):
        /// every masked form the cases above do not cover.
        case unspecified(EDTFMask)
    }

    var value: Value
    /// The mark after the whole date (`2022-05?`): it qualifies every component.
    var qualifier: EDTFQualifier?
    /// Level 2 marks on single components (`?2004-06-11`, `2004-06~-11`); empty for most dates.
    var marks = EDTFComponentMarks()

    var precision: EDTFPrecision {
        switch value {
        case .century: .century
        case .decade: .decade
        case .year, .yearWithUnspecifiedMonth, .yearWithUnspecifiedMonthAndDay: .year
        case .month, .monthWithUnspecifiedDay: .month
        case .season: .season
        case .day, .dateTime: .day
        case .unspecified(let mask): mask.precision
        }
    }

    /// The first day the date could be; nil only for a date whose year is wholly unspecified (`XXXX-12-25`).
    var earliest: CalendarDay? {
        switch value {
        case .century(let leading): CalendarDay(uncheckedYear: leading * 100, month: 1, day: 1)
        case .decade(let leading): CalendarDay(uncheckedYear: leading * 10, month: 1, day: 1)
        case .year(let year), .yearWithUnspecifiedMonth(let year), .yearWithUnspecifiedMonthAndDay(let year):
            CalendarDay(uncheckedYear: year, month: 1, day: 1)
        case .month(let year, let month), .monthWithUnspecifiedDay(let year, let month):
            CalendarDay(uncheckedYear: year, month: month, day: 1)
        case .season(let year, let season): season.earliest(year: year)
        case .day(let day), .dateTime(let day, _): day
        case .unspecified(let mask): mask.earliest
        }
    }

    /// The last day the date could be; nil only for a date whose year is wholly unspecified.
    var latest: CalendarDay? {
        switch value {
        case .century(let leading): CalendarDay(uncheckedYear: leading * 100 + 99, month: 12, day: 31)
        case .decade(let leading): CalendarDay(uncheckedYear: leading * 10 + 9, month: 12, day: 31)
        case .year(let year), .yearWithUnspecifiedMonth(let year), .yearWithUnspecifiedMonthAndDay(let year):
            CalendarDay(uncheckedYear: year, month: 12, day: 31)
        case .month(let year, let month), .monthWithUnspecifiedDay(let year, let month):
            CalendarDay.lastDay(ofMonth: month, year: year)
        case .season(let year, let season): season.latest(year: year)
        case .day(let day), .dateTime(let day, _): day
        case .unspecified(let mask): mask.latest
        }
    }
}

extension EDTFPoint {
    /// A date with no qualifier anywhere.
    var isUnqualified: Bool {
        qualifier == nil && marks.isEmpty
    }

    /// The components (year, month, day) marked uncertain, by the Level 2 rules: a mark after a
    /// component covers it and every component before it; a mark before one covers it alone.
    var uncertainComponents: Set<EDTFComponent> {
        marks.components(where: \.isUncertain, trailing: qualifier, count: componentCount)
    }

    /// The components marked approximate, by the same rules.
    var approximateComponents: Set<EDTFComponent> {
        marks.components(where: \.isApproximate, trailing: qualifier, count: componentCount)
    }

    /// How many of year, month and day the expression writes.
    var componentCount: Int {
        switch value {
        case .century, .decade, .year: 1
        case .yearWithUnspecifiedMonth, .month, .season: 2
        case .yearWithUnspecifiedMonthAndDay, .monthWithUnspecifiedDay, .day, .dateTime: 3
        case .unspecified(let mask): mask.components.count
        }
    }
}
