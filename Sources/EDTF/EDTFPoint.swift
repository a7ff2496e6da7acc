/// One date of an expression: a whole single date, or one known end of an interval.
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
    }

    var value: Value
    var qualifier: EDTFQualifier?

    var precision: EDTFPrecision {
        switch value {
        case .century: .century
        case .decade: .decade
        case .year, .yearWithUnspecifiedMonth, .yearWithUnspecifiedMonthAndDay: .year
        case .month, .monthWithUnspecifiedDay: .month
        case .season: .season
        case .day: .day
        }
    }

    /// The first day the date could be.
    var earliest: CalendarDay {
        switch value {
        case .century(let leading): CalendarDay(uncheckedYear: leading * 100, month: 1, day: 1)
        case .decade(let leading): CalendarDay(uncheckedYear: leading * 10, month: 1, day: 1)
        case .year(let year), .yearWithUnspecifiedMonth(let year), .yearWithUnspecifiedMonthAndDay(let year):
            CalendarDay(uncheckedYear: year, month: 1, day: 1)
        case .month(let year, let month), .monthWithUnspecifiedDay(let year, let month):
            CalendarDay(uncheckedYear: year, month: month, day: 1)
        case .season(let year, let season): season.earliest(year: year)
        case .day(let day): day
        }
    }

    /// The last day the date could be.
    var latest: CalendarDay {
        switch value {
        case .century(let leading): CalendarDay(uncheckedYear: leading * 100 + 99, month: 12, day: 31)
        case .decade(let leading): CalendarDay(uncheckedYear: leading * 10 + 9, month: 12, day: 31)
        case .year(let year), .yearWithUnspecifiedMonth(let year), .yearWithUnspecifiedMonthAndDay(let year):
            CalendarDay(uncheckedYear: year, month: 12, day: 31)
        case .month(let year, let month), .monthWithUnspecifiedDay(let year, let month):
            CalendarDay.lastDay(ofMonth: month, year: year)
        case .season(let year, let season): season.latest(year: year)
        case .day(let day): day
        }
    }
}
