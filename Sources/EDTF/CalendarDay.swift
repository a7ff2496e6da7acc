/// A calendar day in the proleptic Gregorian calendar.
///
/// Years are numbered astronomically (year 0 is 1 BC, -44 is 45 BC), as EDTF and ISO 8601 do,
/// and limited to -4712…5874897 (4713 BC to 5874897 AD): the whole years PostgreSQL's `date`
/// holds, so every day can be stored. Every value has a canonical ISO text.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The year, astronomical: -4712 (4713 BC) to 5874897. Use `Gregorian.yearName` to show it.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1 to the month's length.
    public let day: Int

    /// Creates a day, rejecting dates the calendar does not have (30 February, month 13) and years
    /// a register cannot store (before 4713 BC, after 5874897 AD).
    /// - Throws: `EDTFError` naming the component out of range; its input is the ISO form of the arguments.
    public init(year: Int, month: Int, day: Int) throws {
        // Written only for an error: a listing checks two days per row.
        var text: String { "\(zeroPadded(year, width: 4))-\(zeroPadded(month, width: 2))-\(zeroPadded(day, width: 2))" }
        guard Gregorian.years.contains(year) else {
            throw EDTFError(input: text, reason: Gregorian.outOfRange(String(year)))
        }
        guard (1...12).contains(month) else {
            throw EDTFError(input: text, reason: "month \(month) out of range")
        }
        guard (1...Gregorian.daysIn(month: month, year: year)).contains(day) else {
            throw EDTFError(
                input: text,
                reason: "day \(day) out of range for \(Gregorian.monthName(month)) \(zeroPadded(year, width: 4))"
            )
        }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// For callers that have already validated the components (the parser, bound computation).
    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (or the longer forms `description` writes: `-0044-03-15`,
    /// `12345-01-01`), with the same error messages as EDTF expressions.
    /// - Throws: `EDTFError`, also when the text is valid EDTF but not a single plain day (`2022-05`, `2022-05-12?`).
    public init(iso: String) throws {
        self = try EDTFParser(iso).parseCalendarDay()
    }

    /// The ISO 8601 (and XML Schema) form: a zero-padded four-digit year, signed before year 0
    /// and longer after 9999: "2022-05-12", "0800-12-25", "0000-03-01", "-0044-03-15", "12345-01-01".
    /// For people, prefer `EDTFDate(day:).humanReadable` ("15 March 45 BC").
    public var description: String {
        guard (0...9999).contains(year) else {
            return "\(zeroPadded(year, width: 4))-\(zeroPadded(month, width: 2))-\(zeroPadded(day, width: 2))"
        }
        // The common case digit by digit: a listing writes two days per row.
        return String(unsafeUninitializedCapacity: 10) { text in
            func put(_ value: Int, at offset: Int) {
                text[offset] = UInt8(ascii: "0") + UInt8(value / 10)
                text[offset + 1] = UInt8(ascii: "0") + UInt8(value % 10)
            }
            put(year / 100, at: 0)
            put(year % 100, at: 2)
            put(month, at: 5)
            put(day, at: 8)
            text[4] = UInt8(ascii: "-")
            text[7] = UInt8(ascii: "-")
            return 10
        }
    }

    /// Chronological order.
    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes from the ISO string, validating it, so JSON and databases carry "2022-05-12"
    /// rather than an object and an invalid day can never be smuggled in.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            // The parser directly, for its typed error and so its message reaches the decoding error.
            self = try EDTFParser(text).parseCalendarDay()
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as the ISO string `description`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The last day of the given month, for bounds of month-, season- and year-precision dates.
    static func lastDay(ofMonth month: Int, year: Int) -> CalendarDay {
        CalendarDay(uncheckedYear: year, month: month, day: Gregorian.daysIn(month: month, year: year))
    }
}
