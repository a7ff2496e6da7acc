/// A date as a diplomatic register records it: an EDTF (ISO 8601-2:2019) expression such as
/// `2022-05-12`, `2022-05?`, `202X`, `2022-01~/2022-03` or `[1547,1548]`, with the inclusive range
/// of days it can mean.
///
/// Equality is structural: `2022-XX` and `2022` share bounds but are different values, because the
/// register keeps what the writer wrote. A legacy spelling the parser rewrote (`1548-10-27/?`)
/// equals its 2019 form (`1548-10-27/`): `normalisedFrom` remembers the original.
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

    /// The parsed form. The parser guarantees an interval has at least one known end and ordered
    /// bounds, and a set at least one member.
    enum Shape: Sendable, Hashable {
        case single(EDTFPoint)
        case interval(start: End, end: End)
        case set(EDTFSet)
    }

    let shape: Shape

    /// The text as given when the parser rewrote a pre-2019 spelling into `expression`; nil otherwise.
    public let normalisedFrom: String?

    /// The expression in EDTF 2019 form: what was read, or the rewrite of a legacy spelling.
    /// Kept rather than formatted again, since listings write each row's date as text.
    public let expression: String

    /// `expression` is the shape's formatting, passed when the caller already has it.
    init(shape: Shape, normalisedFrom: String? = nil, expression: String? = nil) {
        self.shape = shape
        self.normalisedFrom = normalisedFrom
        self.expression = expression ?? shape.expression
    }

    /// Parses an expression: EDTF 2019 Levels 0 and 1 within the storable years (4713 BC to
    /// 5874897 AD), and of Level 2 sets, unspecified digits anywhere, qualification of single
    /// components and the sub-year groupings 25–41; also the legacy
    /// unknown end `?` (`1548-10-27/?`), rewritten as the 2019 empty end and noted in `notes`.
    /// See docs/edtf-support.md for what is refused.
    /// - Throws: `EDTFError` pointing at the first offending character.
    public init(_ expression: String) throws {
        // Plain points and intervals format back to exactly what was read.
        if let point = Self.plainPoint(Substring(expression)) {
            self.init(shape: .single(point), expression: expression)
        } else if let interval = Self.plainInterval(expression) {
            self.init(shape: interval, expression: expression)
        } else {
            self.init(parsed: try EDTFParser(expression).parseExpression(), from: expression)
        }
    }

    /// Every 2019 form formats back to exactly what was read, so a difference means a legacy spelling.
    private init(parsed shape: Shape, from text: String) {
        let formatted = shape.expression
        self.init(shape: shape, normalisedFrom: formatted == text ? nil : text, expression: formatted)
    }

    /// Whether the parser rewrote a legacy spelling (see `normalisedFrom`); importers should warn.
    public var isLegacyForm: Bool { normalisedFrom != nil }

    /// What the parser did beyond reading, for an importer's warnings: empty for 2019 expressions,
    /// else e.g. "pre-2019 form 1548-10-27/? read as 1548-10-27/: EDTF 2019 writes an unknown end empty".
    public var notes: [String] {
        guard let normalisedFrom else { return [] }
        return ["pre-2019 form \(normalisedFrom) read as \(expression): EDTF 2019 writes an unknown end empty"]
    }

    /// Structural equality of what the expression says (a legacy spelling equals its 2019 form).
    public static func == (lhs: EDTFDate, rhs: EDTFDate) -> Bool {
        lhs.shape == rhs.shape
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(shape)
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real month or day, maybe qualified as a whole
    /// (`?`, `~`, `%` after it), read straight from the bytes: most stored dates are one of these,
    /// and a listing reads one per row. Anything else, and any invalid value, goes to the general
    /// parser (which explains what is wrong).
    static func plainPoint(_ text: Substring) -> EDTFPoint? {
        var bytes = text.utf8[...]
        let qualifier = bytes.last.flatMap(EDTFQualifier.init(mark:))
        if qualifier != nil { bytes = bytes.dropLast() }
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
            return EDTFPoint(value: .year(year), qualifier: qualifier)
        case 7:
            guard (1...12).contains(month) else { return nil }
            return EDTFPoint(value: .month(year: year, month: month), qualifier: qualifier)
        default:
            guard let calendarDay = try? CalendarDay(year: year, month: month, day: day) else { return nil }
            return EDTFPoint(value: .day(calendarDay), qualifier: qualifier)
        }
    }

    /// Two plain points (or one and an open end `..` or an unknown, empty one) around a slash, in
    /// order, read the same way: event periods and spans of letters are mostly these. Anything
    /// else goes to the parser.
    static func plainInterval(_ text: String) -> Shape? {
        guard text.utf8.count <= 23, let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        func end(_ side: Substring) -> End? {
            if side.isEmpty { return .unknown }
            if side == ".." { return .open }
            return plainPoint(side).map(End.known)
        }
        guard let start = end(text[..<slash]), let finish = end(text[text.utf8.index(after: slash)...]) else { return nil }
        switch (start, finish) {
        case (.known(let first), .known(let last)):
            guard let earliest = first.earliest, let latest = last.latest, earliest <= latest else { return nil }
        case (.known, .open), (.open, .known), (.known, .unknown), (.unknown, .known):
            break
        default:
            return nil
        }
        return .interval(start: start, end: finish)
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

    /// Canonical EDTF text, which is the text as written except for a legacy spelling (`normalisedFrom`);
    /// parsing it gives back an equal value.
    /// The same as `expression`, so dates interpolate into messages as their EDTF text.
    public var description: String { expression }

    /// The first day the date can mean; nil when an interval's start is open (`..`) or unknown (empty),
    /// when a set has a member open at its start (`[..1760-12-03]`), or when the year is wholly
    /// unspecified (`XXXX`, `XXXX-12-25`). A set's is its earliest member's.
    public var earliest: CalendarDay? {
        switch shape {
        case .single(let point): point.earliest
        case .interval(let start, _): start.point?.earliest
        case .set(let set): set.earliest
        }
    }

    /// The last day the date can mean; nil when an interval's end is open (`..`) or unknown (empty),
    /// when a set has a member open at its end, or when the year is wholly unspecified.
    public var latest: CalendarDay? {
        switch shape {
        case .single(let point): point.latest
        case .interval(_, let end): end.point?.latest
        case .set(let set): set.latest
        }
    }

    /// The coarsest precision among the known parts: `2022/2022-05-13` is `.year`, an interval
    /// with an open or unknown side takes its known end's precision, a set its coarsest member's
    /// (`[1552-11,1552-12-07]` is `.month`). A date and time is `.day`; a date whose year is
    /// wholly unspecified (`XXXX-12-25`) is `.century`, the coarsest there is (see `isUndated`).
    public var precision: EDTFPrecision {
        // Single dates and intervals without building the list of points: a listing asks each row.
        switch shape {
        case .single(let point): point.precision
        case .interval(let start, let end):
            switch (start.point?.precision, end.point?.precision) {
            case (let first?, let last?): max(first, last)
            case (let known?, nil), (nil, let known?): known
            case (nil, nil): .day
            }
        case .set: knownPoints.map(\.precision).max() ?? .day
        }
    }

    /// Whether the expression is an interval (contains `/`), even if one side is open or unknown.
    public var isInterval: Bool {
        if case .interval = shape { true } else { false }
    }

    /// `.oneOf` for `[a,b]`, `.allOf` for `{a,b}`, nil when the expression is not a set.
    public var setKind: EDTFSetKind? {
        if case .set(let set) = shape { set.kind } else { nil }
    }

    /// Whether no year is known at all (`XXXX`, `XXXX-XX-XX`, `XXXX-12-25`): an undated letter.
    /// Such a date has neither bound.
    public var isUndated: Bool {
        if case .single(let point) = shape, case .unspecified(let mask) = point.value { mask.isUndated } else { false }
    }

    /// Whether the expression is exactly one day written `YYYY-MM-DD`: no qualifier, time, set or
    /// interval. A set of days or a date and time also has `.day` precision, so check this instead.
    public var isPlainDay: Bool {
        if case .single(let point) = shape, case .day = point.value, point.isUnqualified { true } else { false }
    }

    /// Whether the date carries a time of day (`1985-04-12T23:20:30Z`).
    public var hasTime: Bool {
        knownPoints.contains { if case .dateTime = $0.value { true } else { false } }
    }

    /// The components marked uncertain in any date of the expression, by the Level 2 rules
    /// (`2004-06?-11`: year and month; `?2004-06-11`: year; `2004-06-11?`: all three).
    public var uncertainComponents: Set<EDTFComponent> {
        knownPoints.reduce(into: []) { $0.formUnion($1.uncertainComponents) }
    }

    /// The components marked approximate in any date of the expression (`2004-06-~11`: day).
    public var approximateComponents: Set<EDTFComponent> {
        knownPoints.reduce(into: []) { $0.formUnion($1.approximateComponents) }
    }

    /// Whether any part is marked uncertain (`?` or `%`), also on a single component (`2004-?06-11`).
    public var isUncertain: Bool {
        !uncertainComponents.isEmpty
    }

    /// Whether any part is marked approximate (`~` or `%`), also on a single component.
    public var isApproximate: Bool {
        !approximateComponents.isEmpty
    }

    /// The dates actually written, in order.
    var knownPoints: [EDTFPoint] {
        switch shape {
        case .single(let point): [point]
        case .interval(let start, let end): [start.point, end.point].compactMap { $0 }
        case .set(let set): set.points
        }
    }

    /// Decodes from the expression string, so stored JSON reads "2022-01/2022-03".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            // The parser directly, for its typed error and so its message reaches the decoding error.
            self.init(parsed: try EDTFParser(text).parseExpression(), from: text)
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
