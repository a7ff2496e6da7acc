import EDTF

/// A random valid expression together with what it must mean, derived without the parser.
struct GeneratedExpression: CustomStringConvertible {
    var expression: String
    var earliest: OracleDay?
    var latest: OracleDay?
    var precision: EDTFPrecision
    var isInterval: Bool
    var isUncertain: Bool
    var isApproximate: Bool

    var description: String { expression }
}

/// Produces every supported form: all single-date kinds with and without qualifiers, and
/// intervals mixing them with open and unknown ends.
struct ExpressionGenerator {
    var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    fileprivate struct Point {
        var text: String
        var earliest: OracleDay
        var latest: OracleDay
        var precision: EDTFPrecision
        var uncertain: Bool
        var approximate: Bool
    }

    mutating func next() -> GeneratedExpression {
        if Int.random(in: 0..<5, using: &random) < 2 {
            let point = nextPoint(aroundYear: nil)
            return GeneratedExpression(
                expression: point.text, earliest: point.earliest, latest: point.latest,
                precision: point.precision, isInterval: false,
                isUncertain: point.uncertain, isApproximate: point.approximate
            )
        }
        return nextInterval()
    }

    private mutating func nextInterval() -> GeneratedExpression {
        // Mostly nearby years, as real intervals are, but sometimes anything at all.
        let base = Int.random(in: 0...9_990, using: &random)
        let near = Bool.random(using: &random)
        var start = nextSide(aroundYear: near ? base : nil)
        var end = nextSide(aroundYear: near ? base : nil)
        if start.point == nil && end.point == nil {
            start = (nextPoint(aroundYear: base), "")
        }
        if let first = start.point, let last = end.point, first.earliest > last.latest {
            swap(&start, &end)
        }
        let points = [start.point, end.point].compactMap { $0 }
        return GeneratedExpression(
            expression: (start.point?.text ?? start.marker) + "/" + (end.point?.text ?? end.marker),
            earliest: start.point?.earliest,
            latest: end.point?.latest,
            precision: points.map(\.precision).max() ?? .day,
            isInterval: true,
            isUncertain: points.contains(where: \.uncertain),
            isApproximate: points.contains(where: \.approximate)
        )
    }

    private mutating func nextSide(aroundYear year: Int?) -> (point: Point?, marker: String) {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: (nil, "..")
        case 1: (nil, "")
        default: (nextPoint(aroundYear: year), "")
        }
    }

    private mutating func nextPoint(aroundYear around: Int?) -> Point {
        let year = around.map { min(9_998, $0 + Int.random(in: 0...3, using: &random)) }
            ?? Int.random(in: 0...9_998, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let y = padded(year, 4)
        let m = padded(month, 2)
        var point: Point
        switch Int.random(in: 0..<9, using: &random) {
        case 0:
            let day = Int.random(in: 1...oracleDaysIn(month: month, year: year), using: &random)
            let date = OracleDay(year: year, month: month, day: day)
            point = Point(text: date.description, earliest: date, latest: date, precision: .day)
        case 1:
            point = Point(
                text: "\(y)-\(m)", earliest: .first(year: year, month: month),
                latest: .last(year: year, month: month), precision: .month
            )
        case 2:
            point = Point(
                text: "\(y)-\(m)-XX", earliest: .first(year: year, month: month),
                latest: .last(year: year, month: month), precision: .month
            )
        case 3:
            let season = Int.random(in: 21...24, using: &random)
            let firstMonth = (season - 21) * 3 + 3
            let lastMonth = firstMonth + 2
            point = Point(
                text: "\(y)-\(season)", earliest: .first(year: year, month: firstMonth),
                latest: lastMonth > 12 ? .last(year: year + 1, month: lastMonth - 12) : .last(year: year, month: lastMonth),
                precision: .season
            )
        case 4:
            point = Point(text: y, earliest: .first(year: year), latest: .last(year: year), precision: .year)
        case 5:
            point = Point(text: "\(y)-XX", earliest: .first(year: year), latest: .last(year: year), precision: .year)
        case 6:
            point = Point(text: "\(y)-XX-XX", earliest: .first(year: year), latest: .last(year: year), precision: .year)
        case 7:
            let decade = year / 10
            point = Point(
                text: padded(decade, 3) + "X", earliest: .first(year: decade * 10),
                latest: .last(year: decade * 10 + 9), precision: .decade
            )
        default:
            let century = year / 100
            point = Point(
                text: padded(century, 2) + "XX", earliest: .first(year: century * 100),
                latest: .last(year: century * 100 + 99), precision: .century
            )
        }
        switch Int.random(in: 0..<8, using: &random) {
        case 0:
            point.text += "?"
            point.uncertain = true
        case 1:
            point.text += "~"
            point.approximate = true
        case 2:
            point.text += "%"
            point.uncertain = true
            point.approximate = true
        default:
            break
        }
        return point
    }
}

extension ExpressionGenerator.Point {
    fileprivate init(text: String, earliest: OracleDay, latest: OracleDay, precision: EDTFPrecision) {
        self.init(
            text: text, earliest: earliest, latest: latest, precision: precision,
            uncertain: false, approximate: false
        )
    }
}
