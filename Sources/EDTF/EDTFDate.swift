/// A date as a diplomatic register records it: an EDTF (ISO 8601-2:2019) expression such as
/// `2022-05-12`, `2022-05?`, `202X` or `2022-01~/2022-03`, with the inclusive range of days it can mean.
///
/// Equality is structural: `2022-XX` and `2022` share bounds but are different values, because the
/// register keeps what the writer wrote.
public struct EDTFDate: Sendable, Hashable, CustomStringConvertible, Codable {
    /// One side of an interval.
    enum End: Sendable, Hashable {
        case known(EDTFPoint)
        /// `..`: the interval deliberately runs on without limit.
        case open
        /// An empty side: there is a limit but nobody knows it.
        case unknown

        var point: EDTFPoint? {
            if case .known(let point) = self { point } else { nil }
        }
    }

    /// The parsed form. The parser guarantees an interval has at least one known end and ordered bounds.
    enum Shape: Sendable, Hashable {
        case single(EDTFPoint)
        case interval(start: End, end: End)
    }

    let shape: Shape

    init(shape: Shape) {
        self.shape = shape
    }

    /// Parses an expression of the supported subset (Level 0, and Level 1 qualifiers, unspecified
    /// digits, open and unknown interval ends, seasons).
    /// - Throws: `EDTFError` pointing at the first offending character.
    public init(_ expression: String) throws {
        if let point = Self.plainPoint(expression) {
            self.init(shape: .single(point))
        } else {
            self.init(shape: try EDTFParser(expression).parseExpression())
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real month or day, read straight from the bytes:
    /// most stored dates are one of these, and a listing reads one per row. Anything else, and
    /// any invalid value, goes to the general parser (which explains what is wrong).
    static func plainPoint(_ text: String) -> EDTFPoint? {
        let bytes = text.utf8
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10 else { return nil }
        var year = 0, month = 0, day = 0
        for (offset, byte) in bytes.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            if offset < 4 { year = year * 10 + digit } else if offset < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
        }
        switch bytes.count {
        case 4:
            return EDTFPoint(value: .year(year), qualifier: nil)
        case 7:
            guard (1...12).contains(month) else { return nil }
            return EDTFPoint(value: .month(year: year, month: month), qualifier: nil)
        default:
            guard let calendarDay = try? CalendarDay(year: year, month: month, day: day) else { return nil }
            return EDTFPoint(value: .day(calendarDay), qualifier: nil)
        }
    }

    /// The value covering exactly one day, for dates taken from a calendar rather than typed.
    public init(day: CalendarDay) {
        self.init(shape: .single(EDTFPoint(value: .day(day), qualifier: nil)))
    }

    /// The interval between two days, inclusive. Equal days still make an interval (`2022-05-12/2022-05-12`).
    /// - Throws: `EDTFError` "interval ends before it starts" when `to` precedes `from`.
    public init(from start: CalendarDay, to end: CalendarDay) throws {
        let shape = Shape.interval(
            start: .known(EDTFPoint(value: .day(start), qualifier: nil)),
            end: .known(EDTFPoint(value: .day(end), qualifier: nil))
        )
        guard start <= end else {
            throw EDTFError(input: shape.expression, reason: "interval ends before it starts")
        }
        self.init(shape: shape)
    }

    /// Canonical EDTF text; parsing it gives back an equal value.
    public var expression: String { shape.expression }

    /// The same as `expression`, so dates interpolate into messages as their EDTF text.
    public var description: String { expression }

    /// The first day the date can mean; nil when an interval's start is open (`..`) or unknown (empty).
    public var earliest: CalendarDay? {
        switch shape {
        case .single(let point): point.earliest
        case .interval(let start, _): start.point?.earliest
        }
    }

    /// The last day the date can mean; nil when an interval's end is open (`..`) or unknown (empty).
    public var latest: CalendarDay? {
        switch shape {
        case .single(let point): point.latest
        case .interval(_, let end): end.point?.latest
        }
    }

    /// The coarsest precision among the known parts: `2022/2022-05-13` is `.year`, and an interval
    /// with an open or unknown side takes its known end's precision.
    public var precision: EDTFPrecision {
        knownPoints.map(\.precision).max() ?? .day
    }

    /// Whether the expression is an interval (contains `/`), even if one side is open or unknown.
    public var isInterval: Bool {
        if case .interval = shape { true } else { false }
    }

    /// Whether any part is marked uncertain (`?` or `%`).
    public var isUncertain: Bool {
        knownPoints.contains { $0.qualifier?.isUncertain ?? false }
    }

    /// Whether any part is marked approximate (`~` or `%`).
    public var isApproximate: Bool {
        knownPoints.contains { $0.qualifier?.isApproximate ?? false }
    }

    /// The dates actually written, in order.
    var knownPoints: [EDTFPoint] {
        switch shape {
        case .single(let point): [point]
        case .interval(let start, let end): [start.point, end.point].compactMap { $0 }
        }
    }

    /// Decodes from the expression string, so stored JSON reads "2022-01/2022-03".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            // The parser directly, for its typed error and so its message reaches the decoding error.
            self.init(shape: try EDTFParser(text).parseExpression())
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as the canonical expression string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(expression)
    }
}
