import CivilDays
package import EDTF

/// Counting days between calendar dates, for chart axes, iCalendar's exclusive end dates and age
/// thresholds: `CivilDays`, the arithmetic the database client uses too.
package enum DayCount {
    /// Days since 1970-01-01 of a proleptic Gregorian date (negative before it).
    package static func number(year: Int, month: Int, day: Int) -> Int {
        CivilDays.number(year: year, month: month, day: day)
    }

    /// The date of a day number; not a `CalendarDay`, because the day after 9999-12-31 is a valid
    /// exclusive end that `CalendarDay` cannot hold.
    package static func date(ofNumber number: Int) -> (year: Int, month: Int, day: Int) {
        CivilDays.date(ofNumber: number)
    }

    /// "20220512": the basic ISO form iCalendar writes dates in.
    package static func basicISO(ofNumber number: Int) -> String {
        let date = date(ofNumber: number)
        return padded(date.year, 4) + padded(date.month, 2) + padded(date.day, 2)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension CalendarDay {
    /// Days since 1970-01-01.
    package var dayNumber: Int { DayCount.number(year: year, month: month, day: day) }
}
