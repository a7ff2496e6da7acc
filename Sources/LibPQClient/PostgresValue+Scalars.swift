extension String: PostgresEncodable, PostgresDecodable {
    /// The string itself; PostgreSQL text has no escaping when sent as a parameter.
    public var postgresText: String? { self }
    /// text.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.text }
    /// Any column's text form is a valid String, whatever its type.
    public init(postgresText: String, typeOID: UInt32) throws { self = postgresText }
}

extension Bool: PostgresEncodable, PostgresDecodable {
    /// "t" / "f", bool's canonical output.
    public var postgresText: String? { self ? "t" : "f" }
    /// bool.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.bool }
    /// Accepts the spellings bool's input function accepts most commonly.
    public init(postgresText: String, typeOID: UInt32) throws {
        switch postgresText.lowercased() {
        case "t", "true", "y", "yes", "on", "1": self = true
        case "f", "false", "n", "no", "off", "0": self = false
        default: throw PostgresError.decoding("not a boolean")
        }
    }
}

/// Shared by the integer conformances: any integer column reads into any integer type that can hold the value.
private func decodeInteger<T: FixedWidthInteger>(_ text: String, as type: T.Type) throws -> T {
    guard let value = T(text) else { throw notAnInteger(T.self) }
    return value
}

/// The same as `decodeInteger` read from the bytes, without a String: what `T(text)` accepts (an
/// optional sign, then decimal digits), nothing else.
private func decodeInteger<T: FixedWidthInteger>(_ bytes: UnsafeBufferPointer<UInt8>, as type: T.Type) throws -> T {
    var index = bytes.startIndex
    let negative = index < bytes.endIndex && bytes[index] == UInt8(ascii: "-")
    if index < bytes.endIndex, negative || bytes[index] == UInt8(ascii: "+") { index += 1 }
    guard index < bytes.endIndex else { throw notAnInteger(T.self) }
    var value: T = 0
    while index < bytes.endIndex {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { throw notAnInteger(T.self) }
        let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
        let (next, overflowedAgain) = negative ? shifted.subtractingReportingOverflow(T(digit)) : shifted.addingReportingOverflow(T(digit))
        guard !overflowed, !overflowedAgain else { throw notAnInteger(T.self) }
        value = next
        index += 1
    }
    return value
}

private func notAnInteger(_ type: Any.Type) -> PostgresError {
    PostgresError.decoding("not an integer representable as \(type)")
}

extension Int: PostgresEncodable, PostgresDecodable {
    /// Decimal digits.
    public var postgresText: String? { String(self) }
    /// int8, since Int is 64-bit on every platform this package supports.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int8 }
    /// Reads int2, int4, int8 (or any text of digits).
    public init(postgresText: String, typeOID: UInt32) throws {
        self = try decodeInteger(postgresText, as: Int.self)
    }

    /// Reads the digits as sent, without a String.
    public init(postgresBytes: UnsafeBufferPointer<UInt8>, typeOID: UInt32) throws {
        self = try decodeInteger(postgresBytes, as: Int.self)
    }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    /// Decimal digits.
    public var postgresText: String? { String(self) }
    /// int8.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int8 }
    /// Reads int2, int4, int8 (or any text of digits).
    public init(postgresText: String, typeOID: UInt32) throws {
        self = try decodeInteger(postgresText, as: Int64.self)
    }

    /// Reads the digits as sent, without a String.
    public init(postgresBytes: UnsafeBufferPointer<UInt8>, typeOID: UInt32) throws {
        self = try decodeInteger(postgresBytes, as: Int64.self)
    }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    /// Decimal digits.
    public var postgresText: String? { String(self) }
    /// int4.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int4 }
    /// Reads int2, int4, or an int8 whose value fits.
    public init(postgresText: String, typeOID: UInt32) throws {
        self = try decodeInteger(postgresText, as: Int32.self)
    }

    /// Reads the digits as sent, without a String.
    public init(postgresBytes: UnsafeBufferPointer<UInt8>, typeOID: UInt32) throws {
        self = try decodeInteger(postgresBytes, as: Int32.self)
    }
}

extension Double: PostgresEncodable, PostgresDecodable {
    /// Swift's shortest round-tripping form, with PostgreSQL's spellings for the special values.
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if self == .infinity { return "Infinity" }
        if self == -.infinity { return "-Infinity" }
        return "\(self)"
    }

    /// float8.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.float8 }

    /// Reads float4/float8/numeric/integer text, including NaN and ±Infinity.
    public init(postgresText: String, typeOID: UInt32) throws {
        switch postgresText {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let value = Double(postgresText) else {
                throw PostgresError.decoding("not a floating-point number")
            }
            self = value
        }
    }
}

/// A String bound with type OID 0, so the server infers the parameter's type from context
/// (useful for enum, domain or other types written as text, where a `text` parameter would not cast implicitly).
public struct PostgresUntypedText: PostgresEncodable, Hashable {
    /// The text handed to the inferred type's input function.
    public var text: String?
    /// Wraps the text; nil binds NULL.
    public init(_ text: String?) { self.text = text }
    /// The wrapped text.
    public var postgresText: String? { text }
    /// 0: let the server decide.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.unspecified }
}
