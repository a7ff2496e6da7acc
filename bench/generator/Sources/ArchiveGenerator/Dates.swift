/// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithms).
enum Civil {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func ymd(_ z: Int) -> (y: Int, m: Int, d: Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    static func lastDay(ofMonth m: Int, year y: Int) -> Int {
        m == 12 ? day(y + 1, 1, 1) - 1 : day(y, m + 1, 1) - 1
    }

    static func year(_ z: Int) -> Int { ymd(z).y }
}

/// How finely a date is known; ordered finest to coarsest like the schema's date_precision.
enum Precision: Int, Comparable {
    case day = 0, month, season, year, decade, century

    var name: String {
        switch self {
        case .day: "day"
        case .month: "month"
        case .season: "season"
        case .year: "year"
        case .decade: "decade"
        case .century: "century"
        }
    }

    static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
}

/// One written EDTF point (a day, month or year, with an optional qualifier) and its bounds.
struct EDTFPoint {
    var text: String
    var earliest: Int
    var latest: Int
    var precision: Precision

    static func day(_ z: Int, qualifier: String = "") -> EDTFPoint {
        EDTFPoint(text: dayText(z) + qualifier, earliest: z, latest: z, precision: .day)
    }

    static func month(_ y: Int, _ m: Int, qualifier: String = "") -> EDTFPoint {
        EDTFPoint(text: pad4(y) + "-" + pad2(m) + qualifier, earliest: Civil.day(y, m, 1),
                  latest: Civil.lastDay(ofMonth: m, year: y), precision: .month)
    }

    static func month(containing z: Int, qualifier: String = "") -> EDTFPoint {
        let (y, m, _) = Civil.ymd(z)
        return month(y, m, qualifier: qualifier)
    }

    static func year(_ y: Int, qualifier: String = "") -> EDTFPoint {
        EDTFPoint(text: pad4(y) + qualifier, earliest: Civil.day(y, 1, 1), latest: Civil.day(y, 12, 31), precision: .year)
    }
}

/// An EDTF expression as written, with the bounds and precision Chancery derives from it:
/// nil bounds are the open ends (-infinity / infinity).
struct EDTFValue {
    var text: String
    var earliest: Int?
    var latest: Int?
    var precision: Precision

    init(_ point: EDTFPoint) {
        text = point.text; earliest = point.earliest; latest = point.latest; precision = point.precision
    }

    /// `start/end`; an interval takes the coarser precision of its written ends.
    init(from start: EDTFPoint, to end: EDTFPoint) {
        text = start.text + "/" + end.text
        earliest = start.earliest
        latest = end.latest
        precision = max(start.precision, end.precision)
    }

    /// `start/..`: open end.
    init(openEndFrom start: EDTFPoint) {
        text = start.text + "/.."
        earliest = start.earliest
        latest = nil
        precision = start.precision
    }

    /// `/end` (unknown start) or `../end` (open start).
    init(until end: EDTFPoint, openMarker: Bool = false) {
        text = (openMarker ? "../" : "/") + end.text
        earliest = nil
        latest = end.latest
        precision = end.precision
    }

    /// The bounds as comparable integers, open ends as the extremes.
    var lowerBound: Int { earliest ?? Int.min }
    var upperBound: Int { latest ?? Int.max }
}

@inline(__always) func pad2(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
@inline(__always) func pad4(_ n: Int) -> String {
    n >= 1000 ? String(n) : String(repeating: "0", count: 4 - String(n).count) + String(n)
}

func dayText(_ z: Int) -> String {
    let (y, m, d) = Civil.ymd(z)
    return pad4(y) + "-" + pad2(m) + "-" + pad2(d)
}
