import CivilDays

/// PostgreSQL's date texts and day counts, used instead of Calendar/DateFormatter because
/// PostgreSQL's text formats are fixed, must not depend on locale, and need microseconds. The day
/// arithmetic is `CivilDays`, which the domain shares.
enum CivilCalendar {
    /// Days since 1970-01-01 for an astronomical year (0 = 1 BC).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        CivilDays.number(year: year, month: month, day: day)
    }

    /// The astronomical (year, month, day) of a day count since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        CivilDays.date(ofNumber: days)
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
