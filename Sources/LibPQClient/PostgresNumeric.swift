import Foundation

/// A `numeric` value kept as its exact decimal text, so no precision is lost on the way through
/// Swift (Double would round, Decimal has a smaller range than numeric).
///
/// Equality compares the text: "1.0" and "1.00" are different values here, as their scales differ in SQL.
public struct PostgresNumeric: Sendable, Hashable, CustomStringConvertible, PostgresEncodable, PostgresDecodable {
    /// The decimal text, e.g. "12.50", "-0.001", "NaN".
    public var text: String

    /// Wraps decimal text; the server validates it when the value is bound.
    public init(_ text: String) { self.text = text }

    /// The value via Foundation's Decimal, formatted with a "." separator regardless of locale.
    public init(_ decimal: Decimal) {
        var value = decimal
        self.text = NSDecimalString(&value, Locale(identifier: "en_US_POSIX"))
    }

    /// The value as a Decimal, when Decimal can represent it (not NaN or ±Infinity).
    public var decimalValue: Decimal? {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The decimal text.
    public var description: String { text }
    /// The decimal text.
    public var postgresText: String? { text }
    /// numeric.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.numeric }
    /// Accepts numeric's output (and any integer or float column's).
    public init(postgresText: String, typeOID: UInt32) throws { self.text = postgresText }
}
