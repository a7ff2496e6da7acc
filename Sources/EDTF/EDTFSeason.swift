/// A season or other division of a year, written in the month position (`2022-21`).
///
/// Level 1 numbers four seasons 21–24; Chancery reads them as the northern hemisphere's
/// meteorological seasons, so each is three whole months and winter runs from December of the
/// written year into February of the next. Level 2 adds 25–41: the same seasons said to be
/// northern (25–28), southern ones (29–32), quarters (33–36), thirds (37–39) and halves (40–41).
enum EDTFSeason: Int, Sendable, Hashable, CaseIterable {
    case spring = 21
    case summer = 22
    case autumn = 23
    case winter = 24
    case northernSpring = 25
    case northernSummer = 26
    case northernAutumn = 27
    case northernWinter = 28
    case southernSpring = 29
    case southernSummer = 30
    case southernAutumn = 31
    case southernWinter = 32
    case firstQuarter = 33
    case secondQuarter = 34
    case thirdQuarter = 35
    case fourthQuarter = 36
    case firstThird = 37
    case secondThird = 38
    case thirdThird = 39
    case firstHalf = 40
    case secondHalf = 41

    /// The first month, 1–12.
    var firstMonth: Int {
        switch rawValue {
        case 21...28: ((rawValue - 21) % 4) * 3 + 3
        // Southern spring is the northern autumn's months, and so on round the year.
        case 29...32: ((rawValue - 29 + 2) % 4) * 3 + 3
        case 33...36: (rawValue - 33) * 3 + 1
        case 37...39: (rawValue - 37) * 4 + 1
        default: (rawValue - 40) * 6 + 1
        }
    }

    /// How many months it lasts.
    var length: Int {
        switch rawValue {
        case 37...39: 4
        case 40...41: 6
        default: 3
        }
    }

    /// Whether it ends in the year after the one written (northern winter, southern summer).
    var spansNewYear: Bool {
        firstMonth + length - 1 > 12
    }

    var name: String {
        switch self {
        case .spring, .northernSpring: "Spring"
        case .summer, .northernSummer: "Summer"
        case .autumn, .northernAutumn: "Autumn"
        case .winter, .northernWinter: "Winter"
        case .southernSpring: "Southern spring"
        case .southernSummer: "Southern summer"
        case .southernAutumn: "Southern autumn"
        case .southernWinter: "Southern winter"
        case .firstQuarter: "1st quarter"
        case .secondQuarter: "2nd quarter"
        case .thirdQuarter: "3rd quarter"
        case .fourthQuarter: "4th quarter"
        case .firstThird: "1st third"
        case .secondThird: "2nd third"
        case .thirdThird: "3rd third"
        case .firstHalf: "1st half"
        case .secondHalf: "2nd half"
        }
    }

    /// The first day of the season in the given year.
    func earliest(year: Int) -> CalendarDay {
        CalendarDay(uncheckedYear: year, month: firstMonth, day: 1)
    }

    /// The last day; a winter's falls in the following year, which the parser checks is storable.
    func latest(year: Int) -> CalendarDay {
        let lastMonth = firstMonth + length - 1
        return lastMonth > 12
            ? CalendarDay.lastDay(ofMonth: lastMonth - 12, year: year + 1)
            : CalendarDay.lastDay(ofMonth: lastMonth, year: year)
    }
}
