/// A season, written in the month position as EDTF Level 1 numbers them (21–24).
///
/// Chancery reads them as the northern hemisphere's meteorological seasons, so each is three
/// whole months and winter runs from December of the written year into February of the next.
enum EDTFSeason: Int, Sendable, Hashable, CaseIterable {
    case spring = 21
    case summer = 22
    case autumn = 23
    case winter = 24

    /// Spring starts in March; each later season three months on.
    var firstMonth: Int { (rawValue - 21) * 3 + 3 }

    var name: String {
        switch self {
        case .spring: "Spring"
        case .summer: "Summer"
        case .autumn: "Autumn"
        case .winter: "Winter"
        }
    }

    /// The first day of the season in the given year.
    func earliest(year: Int) -> CalendarDay {
        CalendarDay(uncheckedYear: year, month: firstMonth, day: 1)
    }

    /// The last day; winter's falls in the following year, which is why the parser refuses winter 9999.
    func latest(year: Int) -> CalendarDay {
        let lastMonth = firstMonth + 2
        return lastMonth > 12
            ? CalendarDay.lastDay(ofMonth: lastMonth - 12, year: year + 1)
            : CalendarDay.lastDay(ofMonth: lastMonth, year: year)
    }
}
