/// Proleptic Gregorian day arithmetic (Howard Hinnant's algorithms), used instead of Calendar/DateFormatter
/// because PostgreSQL's text formats are fixed, must not depend on locale, and need microseconds.
/// ChanceryModel's `DayCount` repeats the two formulas deliberately: this library imports nothing
/// of the application, and the application's database-free targets must not import it.
enum CivilCalendar {
    /// Days since 1970-01-01 for an astronomical year (0 = 1 BC).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The astronomical (year, month, day) of a day count since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// PostgreSQL's ISO date text: "YYYY-MM-DD", or "YYYY-MM-DD BC" for astronomical years ≤ 0.
    static func isoDate(year: Int, month: Int, day: Int) -> String {
        let bc = year <= 0
        let displayYear = bc ? 1 - year : year
        return "\(pad(displayYear, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Parses "YYYY-MM-DD" (year may have more than four digits) into an astronomical date,
    /// given whether a " BC" suffix was present.
    static func parseISODate(_ text: Substring, bc: Bool) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day), year >= 0
        else { return nil }
        return (bc ? 1 - year : year, month, day)
    }
}
