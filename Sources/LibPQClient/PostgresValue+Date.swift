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
    /// Read over the UTF-8 bytes: a listing decodes a timestamp per row, and splitting the text
    /// into Substrings cost more than the rest of the row.
    static func parseTimestampMicroseconds(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes in
            var cursor = TimestampBytes(bytes)
            return cursor.microseconds()
        }
    }
}

/// A cursor over a timestamp's bytes.
private struct TimestampBytes {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        end = bytes.count
    }

    mutating func microseconds() -> Int64? {
        let bc = hasSuffix(" BC")
        if bc { end -= 3 }
        guard let year = number(maxDigits: 9), take("-"), let month = number(exactDigits: 2), take("-"),
              let day = number(exactDigits: 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var micros = Int64(CivilCalendar.daysFromCivil(year: bc ? 1 - Int(year) : Int(year), month: Int(month), day: Int(day)))
            * 86_400_000_000
        guard position < end else { return micros }
        guard take(" ") || take("T"), let hour = number(exactDigits: 2), take(":"), let minute = number(exactDigits: 2), take(":"),
              let second = number(exactDigits: 2)
        else { return nil }
        var fraction: Int64 = 0
        if take(".") {
            let first = position
            guard let digits = number(maxDigits: 6) else { return nil }
            fraction = digits
            for _ in (position - first)..<6 { fraction *= 10 }
            // PostgreSQL prints at most six digits; more would be finer than it keeps.
            while position < end, isDigit(bytes[position]) { position += 1 }
        }
        var offsetSeconds: Int64 = 0
        if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[position] == UInt8(ascii: "-") ? -1 : 1
            position += 1
            guard let hours = number(maxDigits: 2) else { return nil }
            var seconds = hours * 3600
            if take(":") {
                guard let minutes = number(maxDigits: 2) else { return nil }
                seconds += minutes * 60
                if take(":") {
                    guard let rest = number(maxDigits: 2) else { return nil }
                    seconds += rest
                }
            }
            offsetSeconds = sign * seconds
        } else {
            _ = take("Z")
        }
        guard position == end else { return nil }
        micros += ((hour * 60 + minute) * 60 + second - offsetSeconds) * 1_000_000 + fraction
        return micros
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func hasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard end >= count else { return false }
        return suffix.withUTF8Buffer { expected in (0..<count).allSatisfy { bytes[end - count + $0] == expected[$0] } }
    }

    private mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard position < end, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// One or more digits, at most `maxDigits`.
    private mutating func number(maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        let first = position
        while position < end, position - first < maxDigits, isDigit(bytes[position]) {
            value = value * 10 + Int64(bytes[position] - UInt8(ascii: "0"))
            position += 1
        }
        return position > first ? value : nil
    }

    private mutating func number(exactDigits: Int) -> Int64? {
        let first = position
        guard let value = number(maxDigits: exactDigits), position - first == exactDigits else { return nil }
        return value
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
