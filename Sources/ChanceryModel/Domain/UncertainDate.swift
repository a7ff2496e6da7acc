public import EDTF
import Foundation

/// A date as known: the EDTF expression as written, with inclusive bounds and a precision.
///
/// Stored as four columns (`*_edtf`, `*_earliest`, `*_latest`, `*_precision`); an open end is
/// stored as ±infinity so that overlap queries need no NULL cases.
public struct UncertainDate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The parsed expression.
    public let value: EDTFDate

    /// Wraps a parsed expression.
    public init(_ value: EDTFDate) { self.value = value }

    /// Parses user input, reporting which field was wrong.
    public init(parsing text: String, field: String) throws {
        do {
            value = try EDTFDate(InputValidation.trimmed(text))
        } catch let error as EDTFError {
            let what = field == "date" ? "invalid date " : "invalid \(field) date "
            throw ChanceryError(.invalidInput, what + error.description, field: field,
                                hint: error.hint ?? "Write dates in EDTF: 2022-05-12, 2022-05, 2022, 2022-01/2022-03, 2022~, 2022-05?, 202X.")
        }
    }

    /// The EDTF text.
    public var edtf: String { value.expression }
    /// The first possible day, or nil when open.
    public var earliest: CalendarDay? { value.earliest }
    /// The last possible day, or nil when open.
    public var latest: CalendarDay? { value.latest }
    /// The coarsest precision of the expression.
    public var precision: EDTFPrecision { value.precision }
    /// The form for reports ("Jan–Apr 2022", "c. 2022").
    public var display: String { value.humanReadable }
    /// The EDTF text.
    public var description: String { edtf }

    private enum CodingKeys: String, CodingKey { case edtf, earliest, latest, precision, display }

    /// Encodes as `{edtf, earliest, latest, precision, display}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(edtf, forKey: .edtf)
        try container.encode(earliest?.description, forKey: .earliest)
        try container.encode(latest?.description, forKey: .latest)
        try container.encode(precision.rawValue, forKey: .precision)
        try container.encode(display, forKey: .display)
    }

    /// Decodes from `{edtf, …}`, recomputing the rest from the expression.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try EDTFDate(container.decode(String.self, forKey: .edtf))
    }

    /// Reads a stored date back from its EDTF column (the bounds are derived from it).
    package static func stored(_ edtf: String?) -> UncertainDate? {
        guard let edtf, let value = try? EDTFDate(edtf) else { return nil }
        return UncertainDate(value)
    }
}

extension UncertainDate {
    /// The day listings place the date at: its earliest day; when that is open or unknown
    /// ("shortly before 18 July 1541", `/1541-07-18`), its latest; nil when both are (undated),
    /// which sorts after every dated one. schema.sql's letter_sort_day is the same rule.
    public var sortDay: CalendarDay? { earliest ?? latest }

    /// The order of listings and timelines: sort day (undated last), then latest day (open last).
    package struct SortKey: Comparable, Sendable {
        let day: CalendarDay?
        let latest: CalendarDay?

        package static let undated = SortKey(day: nil, latest: nil)

        package static func < (a: SortKey, b: SortKey) -> Bool {
            if a.day != b.day { return Self.before(a.day, b.day) }
            return Self.before(a.latest, b.latest)
        }

        /// Days in order, nil (open or unknown) after every day.
        private static func before(_ a: CalendarDay?, _ b: CalendarDay?) -> Bool {
            switch (a, b) {
            case let (a?, b?): return a < b
            case (_?, nil): return true
            default: return false
            }
        }
    }

    /// This date's place in listings and timelines.
    package var sortKey: SortKey { SortKey(day: sortDay, latest: latest) }
}

extension UncertainDate {
    /// The year a reference names (`US-KH-2022-001`): the first day's, else the last's, four
    /// digits, or `45BC` before the common era (EDTF's year -44); `ND` for a date without either.
    package static func referenceYear(of date: UncertainDate?) -> String {
        guard let day = date?.earliest ?? date?.latest else { return "ND" }
        return day.year <= 0 ? String(1 - day.year) + "BC" : String(format: "%04d", day.year)
    }
}
