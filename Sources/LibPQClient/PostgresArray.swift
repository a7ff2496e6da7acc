import Foundation

/// An element type of a one-dimensional PostgreSQL array bound or read as an array literal.
///
/// A separate protocol because Swift allows only one conditional conformance of `Array` to
/// `PostgresEncodable`: both `[String]` and `[String?]` go through this.
public protocol PostgresArrayElement: Sendable {
    /// The element's text inside the array literal, nil for NULL.
    var postgresArrayElementText: String? { get }
    /// Reads one element of the server's array output (nil for NULL).
    init(postgresArrayElementText: String?) throws
    /// The OID of the array type, e.g. text[] (1009).
    static var postgresArrayTypeOID: UInt32 { get }
}

extension String: PostgresArrayElement {
    /// The string.
    public var postgresArrayElementText: String? { self }
    /// NULL elements cannot be read into a non-optional String.
    public init(postgresArrayElementText text: String?) throws {
        guard let text else {
            throw PostgresError(code: .unexpectedNull, message: "array element is NULL; decode as [String?]")
        }
        self = text
    }
    /// text[].
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.textArray }
}

extension Optional: PostgresArrayElement where Wrapped == String {
    /// The string, or nil for a NULL element.
    public var postgresArrayElementText: String? { self }
    /// Keeps NULL elements.
    public init(postgresArrayElementText text: String?) throws { self = text }
    /// text[].
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.textArray }
}

/// Element types whose NULL elements are rejected and whose text is their scalar conformance's.
public protocol PostgresNonNullArrayElement: PostgresArrayElement, PostgresEncodable, PostgresDecodable {}

extension PostgresNonNullArrayElement {
    /// The scalar's text form.
    public var postgresArrayElementText: String? { postgresText }

    /// Reads the element with the scalar decoder; NULL elements throw .unexpectedNull.
    public init(postgresArrayElementText text: String?) throws {
        guard let text else {
            throw PostgresError(code: .unexpectedNull, message: "array element is NULL but \(Self.self) is not Optional")
        }
        try self.init(postgresText: text, typeOID: PostgresTypeOID.unspecified)
    }
}

extension Int: PostgresNonNullArrayElement {
    /// int8[].
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.int8Array }
}

extension Int64: PostgresNonNullArrayElement {
    /// int8[].
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.int8Array }
}

extension Int32: PostgresNonNullArrayElement {
    /// int4[].
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.int4Array }
}

extension Bool: PostgresNonNullArrayElement {
    /// bool[].
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.boolArray }
}

extension Double: PostgresNonNullArrayElement {
    /// float8[].
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.float8Array }
}

extension UUID: PostgresNonNullArrayElement {
    /// uuid[].
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.uuidArray }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// A one-dimensional array literal with every element double-quoted, so commas, braces, spaces,
    /// the word NULL and empty strings survive; NULL elements are the bare word NULL.
    public var postgresText: String? {
        PostgresArrayLiteral.encode(map(\.postgresArrayElementText))
    }
    /// The element's array type.
    public static var postgresTypeOID: UInt32 { Element.postgresArrayTypeOID }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    /// Parses the server's one-dimensional array output.
    public init(postgresText: String, typeOID: UInt32) throws {
        guard let elements = PostgresArrayLiteral.decode(postgresText) else {
            throw PostgresError.decoding("not a one-dimensional array literal")
        }
        self = try elements.map { try Element(postgresArrayElementText: $0) }
    }
}

/// PostgreSQL's array literal syntax (one dimension), both directions.
public enum PostgresArrayLiteral {
    /// `{"a","b \"c\"",NULL}`: always quoting avoids the rules about which characters need it.
    public static func encode(_ elements: [String?]) -> String {
        var literal = "{"
        for (position, element) in elements.enumerated() {
            if position > 0 { literal.append(",") }
            guard let element else { literal.append("NULL"); continue }
            literal.append("\"")
            for character in element {
                if character == "\"" || character == "\\" { literal.append("\\") }
                literal.append(character)
            }
            literal.append("\"")
        }
        literal.append("}")
        return literal
    }

    /// Parses `{a,"b c",NULL,""}` (optionally preceded by dimension decoration such as `[0:2]=`);
    /// returns nil for malformed or multi-dimensional input.
    public static func decode(_ text: String) -> [String?]? {
        var characters = Array(text.unicodeScalars)[...]
        if characters.first == "[" {
            guard let equals = characters.firstIndex(of: "=") else { return nil }
            characters = characters[(equals + 1)...]
        }
        guard characters.first == "{", characters.last == "}" else { return nil }
        characters = characters.dropFirst().dropLast()
        var elements: [String?] = []
        if characters.allSatisfy({ $0 == " " }) { return elements }

        var index = characters.startIndex
        while true {
            while index < characters.endIndex, characters[index] == " " { index += 1 }
            var value = String.UnicodeScalarView()
            var quoted = false
            if index < characters.endIndex, characters[index] == "\"" {
                quoted = true
                index += 1
                var closed = false
                while index < characters.endIndex {
                    let scalar = characters[index]
                    if scalar == "\\" {
                        index += 1
                        guard index < characters.endIndex else { return nil }
                        value.append(characters[index])
                    } else if scalar == "\"" {
                        closed = true
                        index += 1
                        break
                    } else {
                        value.append(scalar)
                    }
                    index += 1
                }
                guard closed else { return nil }
                while index < characters.endIndex, characters[index] == " " { index += 1 }
            } else {
                while index < characters.endIndex, characters[index] != "," {
                    let scalar = characters[index]
                    if scalar == "{" || scalar == "}" || scalar == "\"" { return nil }
                    if scalar == "\\" {
                        index += 1
                        guard index < characters.endIndex else { return nil }
                    }
                    value.append(characters[index])
                    index += 1
                }
                while let last = value.last, last == " " { value.removeLast() }
            }
            let element = String(value)
            if !quoted && element.uppercased() == "NULL" {
                elements.append(nil)
            } else if !quoted && element.isEmpty {
                return nil
            } else {
                elements.append(element)
            }
            if index == characters.endIndex { return elements }
            guard characters[index] == "," else { return nil }
            index += 1
        }
    }
}
