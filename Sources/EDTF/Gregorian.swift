/// Proleptic Gregorian calendar arithmetic and English month names.
///
/// Kept free of Foundation's `Calendar` so results cannot depend on the host's locale or time zone.
public enum Gregorian {
    /// The supported years: exactly those four EDTF digits can write.
    static let years = 0...9999

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

/// Decimal digits with leading zeros, because EDTF years are always written with four digits.
func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
