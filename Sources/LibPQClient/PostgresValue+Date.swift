import Foundation

/// `Foundation.Date` travels as timestamptz in UTC with microsecond precision (PostgreSQL's resolution).
///
/// Formatting is done by hand rather than with ISO8601DateFormatter, which stops at milliseconds.
/// The infinities have no Date equivalent; they decode to `.distantFuture` / `.distantPast`.
extension Date: PostgresEncodable, PostgresDecodable {
    /// "YYYY-MM-DD HH:MM:SS.ffffff+00" (with " BC" before year 1), rounded to the microsecond.
    public var postgresText: String? {
        let micros = Int64((timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, fraction) = Self.floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
        let civil = CivilCalendar.civilFromDays(Int(days))
        let hour = Int(secondOfDay / 3600), minute = Int(secondOfDay % 3600 / 60), second = Int(secondOfDay % 60)
        var text = CivilCalendar.isoDate(year: civil.year, month: civil.month, day: civil.day)
        text += " \(CivilCalendar.pad(hour, 2)):\(CivilCalendar.pad(minute, 2)):\(CivilCalendar.pad(second, 2))"
        text += ".\(CivilCalendar.pad(Int(fraction), 6))+00"
        if civil.year <= 0 { text += " BC" }
        return text
    }

    /// timestamptz.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.timestamptz }

    /// Reads timestamptz (any offset), timestamp (taken as UTC) and date (midnight UTC) in ISO style.
    public init(postgresText: String, typeOID: UInt32) throws {
        switch postgresText {
        case "infinity": self = .distantFuture; return
        case "-infinity": self = .distantPast; return
        default: break
        }
        guard let micros = Self.parseTimestampMicroseconds(postgresText) else {
            throw PostgresError.decoding("not an ISO timestamp")
        }
        self.init(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 { quotient -= 1; remainder += divisor }
        return (quotient, remainder)
    }

    /// Microseconds since the epoch for "YYYY-MM-DD[ HH:MM:SS[.ffffff][±HH[:MM[:SS]]]][ BC]".
    static func parseTimestampMicroseconds(_ text: String) -> Int64? {
        var body = Substring(text)
        let bc = body.hasSuffix(" BC")
        if bc { body = body.dropLast(3) }
        let dateEnd = body.firstIndex(where: { $0 == " " || $0 == "T" }) ?? body.endIndex
        guard let civil = CivilCalendar.parseISODate(body[..<dateEnd], bc: bc) else { return nil }
        var micros = Int64(CivilCalendar.daysFromCivil(year: civil.year, month: civil.month, day: civil.day)) * 86_400_000_000
        guard dateEnd < body.endIndex else { return micros }

        var rest = body[body.index(after: dateEnd)...]
        var offsetSeconds: Int64 = 0
        if let signIndex = rest.firstIndex(where: { $0 == "+" || $0 == "-" }) {
            let sign: Int64 = rest[signIndex] == "-" ? -1 : 1
            let parts = rest[rest.index(after: signIndex)...].split(separator: ":")
            guard (1...3).contains(parts.count) else { return nil }
            var seconds: Int64 = 0
            for (position, part) in parts.enumerated() {
                guard let value = Int64(part) else { return nil }
                seconds += value * [3600, 60, 1][position]
            }
            offsetSeconds = sign * seconds
            rest = rest[..<signIndex]
        } else if rest.hasSuffix("Z") {
            rest = rest.dropLast()
        }
        let clock = rest.split(separator: ":")
        guard clock.count == 3, let hour = Int64(clock[0]), let minute = Int64(clock[1]) else { return nil }
        let secondParts = clock[2].split(separator: ".", omittingEmptySubsequences: false)
        guard let second = Int64(secondParts[0]) else { return nil }
        var fraction: Int64 = 0
        if secondParts.count == 2 {
            let digits = secondParts[1]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let raw = Int64(digits.prefix(6)) else { return nil }
            fraction = raw
            for _ in digits.prefix(6).count..<6 { fraction *= 10 }
        }
        micros += ((hour * 60 + minute) * 60 + second - offsetSeconds) * 1_000_000 + fraction
        return micros
    }
}

/// `Foundation.UUID` travels as uuid.
extension UUID: PostgresEncodable, PostgresDecodable {
    /// Lower-case canonical form, as PostgreSQL prints it.
    public var postgresText: String? { uuidString.lowercased() }
    /// uuid.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.uuid }
    /// Reads uuid (or text holding a UUID).
    public init(postgresText: String, typeOID: UInt32) throws {
        guard let uuid = UUID(uuidString: postgresText) else {
            throw PostgresError.decoding("not a UUID")
        }
        self = uuid
    }
}
