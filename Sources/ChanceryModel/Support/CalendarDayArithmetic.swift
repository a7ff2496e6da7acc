package import EDTF

/// Counting days between calendar dates, for chart axes and iCalendar's exclusive end dates.
///
/// Pure integer arithmetic (Howard Hinnant's civil-day algorithms) rather than Foundation's
/// `Calendar`, so results cannot depend on the host's time zone or locale.
///
/// `LibPQClient`'s `CivilCalendar` holds the same two formulas on purpose: the client is a library
/// product that imports nothing of Chancery, and the domain must not import the database client,
/// so sharing them would need a third target for twenty lines that never change.
package enum DayCount {
    /// Days since 1970-01-01 of a proleptic Gregorian date (negative before it).
    package static func number(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number; not a `CalendarDay`, because the day after 9999-12-31 is a valid
    /// exclusive end that `CalendarDay` cannot hold.
    package static func date(ofNumber number: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
