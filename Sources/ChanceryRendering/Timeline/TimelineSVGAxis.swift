import EDTF
import ChanceryModel

/// The chart's time axis: from the earliest to the latest known day of a timeline, widened to
/// whole months (spans up to two years) or whole years, with a tick at each period's start and
/// its label inside the period.
struct TimelineSVGAxis {
    /// A period boundary on the axis.
    struct Tick: Equatable {
        /// Where it is drawn.
        var x: Double
        /// "Jan 2022", "Feb", "2022"; empty for the axis's closing boundary.
        var label: String
    }

    /// The period ticks mark.
    enum Unit: Equatable {
        case months(step: Int)
        case years(step: Int)

        var name: String {
            switch self {
            case .months(let step): step == 1 ? "month" : "\(step)-month"
            case .years(let step): step == 1 ? "year" : "\(step)-year"
            }
        }
    }

    /// The earliest and latest known days, as given.
    let earliestKnown: CalendarDay
    let latestKnown: CalendarDay
    let unit: Unit
    /// Day numbers of the axis's first day and of the day after its last.
    let firstDay: Int
    let endDay: Int
    /// Where the axis runs, in SVG units.
    let left: Double
    let right: Double
    let ticks: [Tick]

    /// An axis over the given days; nil when there are none to place.
    init?(knownDays: [CalendarDay], left: Double, right: Double) {
        guard let earliest = knownDays.min(), let latest = knownDays.max() else { return nil }
        earliestKnown = earliest
        latestKnown = latest
        self.left = left
        self.right = right
        let firstMonthIndex = earliest.year * 12 + earliest.month - 1
        let lastMonthIndex = latest.year * 12 + latest.month - 1
        // Month ticks while they stay few enough to label; a longer span gets year ticks.
        var boundaries: [(dayNumber: Int, label: String)] = []
        if lastMonthIndex - firstMonthIndex < 24 {
            let step = lastMonthIndex - firstMonthIndex < 12 ? 1 : 3
            unit = .months(step: step)
            let start = Self.floor(firstMonthIndex, step) * step
            for index in stride(from: start, through: (Self.floor(lastMonthIndex, step) + 1) * step, by: step) {
                let year = Self.floor(index, 12)
                let month = index - year * 12 + 1
                let label = index == start || month == 1 ? Gregorian.monthAbbreviation(month) + " " + Gregorian.yearName(year)
                    : Gregorian.monthAbbreviation(month)
                boundaries.append((DayCount.number(year: year, month: month, day: 1), label))
            }
        } else {
            let years = latest.year - earliest.year + 1
            let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000].first { (years + $0 - 1) / $0 <= 12 } ?? 10000
            unit = .years(step: step)
            for year in stride(from: Self.floor(earliest.year, step) * step, through: (Self.floor(latest.year, step) + 1) * step, by: step) {
                boundaries.append((DayCount.number(year: year, month: 1, day: 1), Gregorian.yearName(year)))
            }
        }
        let (first, end) = (boundaries[0].dayNumber, boundaries[boundaries.count - 1].dayNumber)
        firstDay = first
        endDay = end
        ticks = boundaries.enumerated().map { index, boundary in
            Tick(x: Self.position(of: boundary.dayNumber, from: first, to: end, left: left, right: right),
                 label: index == boundaries.count - 1 ? "" : boundary.label)
        }
    }

    /// The x of the start of a day (its day number); the day after a range's last day gives the
    /// range's right edge.
    func x(ofDayNumber day: Int) -> Double {
        Self.position(of: day, from: firstDay, to: endDay, left: left, right: right)
    }

    /// `value / divisor` rounded down, also for years before the common era (negative), where
    /// Swift's division rounds towards zero and would start the axis after its first item.
    static func floor(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func position(of day: Int, from first: Int, to end: Int, left: Double, right: Double) -> Double {
        left + Double(day - first) / Double(end - first) * (right - left)
    }
}
