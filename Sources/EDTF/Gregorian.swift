/// Proleptic Gregorian calendar arithmetic and English month names.
///
/// Kept free of Foundation's `Calendar` so results cannot depend on the host's locale or time zone.
public enum Gregorian {
    /// The supported years, astronomically numbered: those PostgreSQL's `date` holds whole,
    /// 4713 BC (-4712) to 5874897 AD, so every bound a date yields can be stored.
    static let years = -4712...5_874_897

    /// The reason given for a year outside `years`, shared by the parser and `CalendarDay`.
    static func outOfRange(_ year: String) -> String {
        "year \(year) is outside the years a register can store (4713 BC to 5874897 AD)"
    }

    /// A year as people read it: "2022", "800", "1 BC" for year 0 and "45 BC" for -44, because
    /// astronomical numbering (which EDTF and ISO 8601 use) is off by one before year 1.
    public static func yearName(_ year: Int) -> String {
        year >= 1 ? String(year) : "\(1 - year) BC"
    }

    /// An inclusive span of astronomical years as people read it: "2022", "1547–1553", "45–44 BC",
    /// "1 BC – 9 AD".
    public static func yearSpan(_ first: Int, _ last: Int) -> String {
        if first == last { return yearName(first) }
        if first >= 1 { return "\(first)–\(last)" }
        if last < 1 { return "\(1 - first)–\(1 - last) BC" }
        return "\(1 - first) BC – \(last) AD"
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days in `month` (1–12) of `year`; 0 for an invalid month so callers' range checks fail safely.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// "September" for 9.
    public static func monthName(_ month: Int) -> String {
        monthNames.indices.contains(month - 1) ? monthNames[month - 1] : "month \(month)"
    }

    /// "Sep" for 9: the first three letters are unambiguous for every English month.
    public static func monthAbbreviation(_ month: Int) -> String {
        String(monthName(month).prefix(3))
    }
}

/// Decimal digits with leading zeros, because EDTF years are always written with four digits;
/// a negative value keeps its sign in front of the padding ("-0044").
func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value.magnitude)
    let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    return value < 0 ? "-" + padded : padded
}
