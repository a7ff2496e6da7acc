/// A SQL `date`, including PostgreSQL's ±infinity, without going through Foundation.Date (which would
/// drag in a time zone and a time of day).
///
/// `year` is astronomical: 0 is 1 BC, -1 is 2 BC, matching how PostgreSQL counts internally.
/// Comparison follows SQL: -infinity < every day < infinity, days in calendar order.
public enum PostgresDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Earlier than every date.
    case negativeInfinity
    /// A calendar day (proleptic Gregorian, astronomical year numbering).
    case day(year: Int, month: Int, day: Int)
    /// Later than every date.
    case infinity

    /// PostgreSQL's text: ISO "YYYY-MM-DD" (with " BC" before year 1), "infinity" or "-infinity".
    public var description: String {
        switch self {
        case .negativeInfinity: return "-infinity"
        case .infinity: return "infinity"
        case let .day(year, month, day):
            let iso = CivilCalendar.isoDate(year: year, month: month, day: day)
            return year <= 0 ? iso + " BC" : iso
        }
    }

    /// Parses PostgreSQL's ISO output ("2024-02-29", "0044-03-15 BC", "infinity", "-infinity").
    public init?(isoText text: String) {
        switch text {
        case "infinity": self = .infinity
        case "-infinity": self = .negativeInfinity
        default:
            var body = Substring(text)
            let bc = body.hasSuffix(" BC")
            if bc { body = body.dropLast(3) }
            guard let parts = CivilCalendar.parseISODate(body, bc: bc) else { return nil }
            self = .day(year: parts.year, month: parts.month, day: parts.day)
        }
    }

    /// The day count since 1970-01-01, nil for ±infinity.
    public var daysSince1970: Int? {
        guard case let .day(year, month, day) = self else { return nil }
        return CivilCalendar.daysFromCivil(year: year, month: month, day: day)
    }

    /// The day `days` after 1970-01-01.
    public init(daysSince1970 days: Int) {
        let civil = CivilCalendar.civilFromDays(days)
        self = .day(year: civil.year, month: civil.month, day: civil.day)
    }
}

extension PostgresDate: PostgresEncodable, PostgresDecodable {
    /// The ISO text PostgreSQL's date input accepts whatever DateStyle says.
    public var postgresText: String? { description }
    /// date.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.date }
    /// Reads a date column (the connection pins DateStyle=ISO so the format is known).
    public init(postgresText: String, typeOID: UInt32) throws {
        guard let date = PostgresDate(isoText: postgresText) else {
            throw PostgresError.decoding("not an ISO date")
        }
        self = date
    }
}
