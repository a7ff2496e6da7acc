import EDTF
import Foundation
import LibPQClient

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

    var earliestBound: PostgresDate { earliest.map(PostgresDate.init) ?? .negativeInfinity }
    var latestBound: PostgresDate { latest.map(PostgresDate.init) ?? .infinity }

    /// The values of a date's four columns for a VALUES list, bound, in column order (edtf,
    /// earliest, latest, precision): `$1, $2, $3, $4::text::date_precision`; all NULL when absent.
    static func values(_ date: UncertainDate?) -> PostgresQuery {
        "\(date?.edtf), \(date?.earliestBound), \(date?.latestBound), \(date?.precision.rawValue)::text::date_precision"
    }

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
    static func stored(_ edtf: String?) -> UncertainDate? {
        guard let edtf, let value = try? EDTFDate(edtf) else { return nil }
        return UncertainDate(value)
    }
}

extension PostgresDate {
    init(_ day: CalendarDay) {
        self = .day(year: day.year, month: day.month, day: day.day)
    }
}
