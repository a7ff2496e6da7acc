import Foundation
public import EDTF

/// How old an open item must be to be listed: `30d`, `2w`, `6m`, `1y`, or a plain number of days.
///
/// An item qualifies when the latest day its date may stand for lies at least this long before
/// today: a letter dated "Jan–Apr 2022" is 30 days old from 30 May 2022 on, whatever day in
/// those months it was sent. A date with an open end ("2022/..") never qualifies, since it may
/// be as recent as today.
public struct AgeThreshold: Sendable, Hashable, CustomStringConvertible {
    /// The unit of a threshold.
    public enum Unit: String, Sendable, Hashable {
        /// `d`: calendar days.
        case days = "d"
        /// `w`: seven days.
        case weeks = "w"
        /// `m`: calendar months (the same day of the month, or the month's last day).
        case months = "m"
        /// `y`: twelve calendar months.
        case years = "y"
    }

    /// How many units.
    public let amount: Int
    /// Which unit.
    public let unit: Unit

    /// Creates a threshold.
    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses `30d`, `2w`, `6m`, `1y` or `30` (days), case-insensitively; anything else is an
    /// invalid-input error on `field` with a hint.
    public init(parsing text: String, field: String = "older-than") throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let suffix = trimmed.dropFirst(digits.count)
        let hint = "Write a number with d (days), w (weeks), m (months) or y (years), e.g. 30d, 2w, 6m, 1y; a plain number is days."
        guard !digits.isEmpty, digits.count <= 6, let amount = Int(digits), let unit = suffix.isEmpty ? .days : Unit(rawValue: String(suffix))
        else {
            throw ChanceryError.invalid(field, "'\(text)' is not an age", hint: hint)
        }
        self.init(amount: amount, unit: unit)
    }

    /// "30d", "6m".
    public var description: String { String(amount) + unit.rawValue }

    /// The latest day an item's date may end on to qualify: `today` minus the threshold. Months
    /// and years step the calendar (31 March minus 1m is 28 or 29 February).
    public func cutoff(from today: CalendarDay) -> CalendarDay {
        let days = today.dayNumber
        switch unit {
        case .days: return Self.day(daysSince1970: days - amount)
        case .weeks: return Self.day(daysSince1970: days - 7 * amount)
        case .months: return Self.shifted(today, months: -amount)
        case .years: return Self.shifted(today, months: -12 * amount)
        }
    }

    /// Whole days from `day` to `today` (negative when `day` is later).
    package static func days(from day: CalendarDay, to today: CalendarDay) -> Int {
        today.dayNumber - day.dayNumber
    }

    private static func shifted(_ day: CalendarDay, months: Int) -> CalendarDay {
        let index = day.year * 12 + (day.month - 1) + months
        guard index >= 0 else { return .firstDay }
        let year = index / 12, month = index % 12 + 1
        let length = DayCount.number(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1)
            - DayCount.number(year: year, month: month, day: 1)
        return Self.clamped(year: year, month: month, day: min(day.day, length))
    }

    private static func day(daysSince1970 days: Int) -> CalendarDay {
        let date = DayCount.date(ofNumber: days)
        return clamped(year: date.year, month: date.month, day: date.day)
    }

    /// The day, or the first day CalendarDay can express (0000-01-01) for thresholds reaching
    /// before it, so absurd thresholds stay total.
    private static func clamped(year: Int, month: Int, day: Int) -> CalendarDay {
        (try? CalendarDay(year: year, month: month, day: day)) ?? .firstDay
    }
}
