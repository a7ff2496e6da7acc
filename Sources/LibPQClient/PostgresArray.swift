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
        var text = postgresText
        self = try text.withUTF8 { try Self(postgresBytes: $0, typeOID: typeOID) }
    }

    /// Parses the array's bytes as the server sent them: a listing reads four arrays per row.
    public init(postgresBytes: UnsafeBufferPointer<UInt8>, typeOID: UInt32) throws {
        // Empty, as most of a listing's copied and conveying lists are.
        if postgresBytes.count == 2, postgresBytes[0] == UInt8(ascii: "{"), postgresBytes[1] == UInt8(ascii: "}") {
            self = []
            return
        }
        guard let elements = PostgresArrayLiteral.decode(utf8: postgresBytes[...]) else {
            throw PostgresError.decoding("not a one-dimensional array literal")
        }
        // Text arrays, the common case (a listing reads four per row), without the generic
        // element-by-element conversion, which this unspecialized code pays for in metadata lookups.
        // (Both casts are between identical types, which the checks establish.)
        if Element.self == Optional<String>.self {
            self = unsafeBitCast(elements, to: [Element].self)
        } else if Element.self == String.self, !elements.contains(where: { $0 == nil }) {
            self = unsafeBitCast(elements.map { $0! }, to: [Element].self)
        } else {
            self = try elements.map { try Element(postgresArrayElementText: $0) }
        }
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
    ///
    /// Works on UTF-8 bytes: every character with a meaning here is ASCII, which never occurs
    /// inside a multi-byte sequence, and a listing decodes several arrays per row.
    public static func decode(_ text: String) -> [String?]? {
        var text = text
        return text.withUTF8 { decode(utf8: $0[...]) }
    }

    static func decode(utf8: Slice<UnsafeBufferPointer<UInt8>>) -> [String?]? {
        var elements: [String?] = []
        let wellFormed = forEachElement(utf8: utf8) { element in
            elements.append(element.map { String(decoding: $0, as: UTF8.self) })
        }
        return wellFormed ? elements : nil
    }

    /// Calls `body` with each element's bytes, unescaped (nil for NULL), in order, without
    /// making strings: for writers that pass the text on (a listing's JSON). The bytes are valid
    /// only during the call. False for malformed or multi-dimensional input, after calling `body`
    /// for the elements before the fault.
    @discardableResult
    public static func forEachElement(utf8: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>?) throws -> Void) rethrows -> Bool {
        try forEachElement(utf8: utf8[...], body)
    }

    static func forEachElement(utf8: Slice<UnsafeBufferPointer<UInt8>>, _ body: (UnsafeBufferPointer<UInt8>?) throws -> Void) rethrows -> Bool {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), comma = UInt8(ascii: ","), space = UInt8(ascii: " ")
        var bytes = utf8
        if bytes.first == UInt8(ascii: "[") {
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return false }
            bytes = bytes[(equals + 1)...]
        }
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return false }
        bytes = bytes.dropFirst().dropLast()
        if bytes.allSatisfy({ $0 == space }) { return true }

        let base = bytes.base
        let end = bytes.endIndex
        var index = bytes.startIndex
        // An element without backslashes, the usual case, is passed on where it lies; only one
        // with escapes is copied out byte by byte.
        var unescaped: [UInt8] = []
        /// The range's bytes into `unescaped`, each backslash dropped and the byte after it kept.
        func unescape(_ range: Range<Int>) {
            unescaped.removeAll(keepingCapacity: true)
            var position = range.lowerBound
            while position < range.upperBound {
                if base[position] == backslash { position += 1 }
                unescaped.append(base[position])
                position += 1
            }
        }
        while true {
            while index < end, base[index] == space { index += 1 }
            if index < end, base[index] == quote {
                index += 1
                let start = index
                var escaped = false
                while index < end, base[index] != quote {
                    if base[index] == backslash { escaped = true; index += 1 }
                    index += 1
                }
                guard index < end else { return false }
                if escaped {
                    unescape(start..<index)
                    try unescaped.withUnsafeBufferPointer { try body($0) }
                } else {
                    try body(UnsafeBufferPointer(rebasing: base[start..<index]))
                }
                index += 1
                while index < end, base[index] == space { index += 1 }
            } else {
                let start = index
                var escaped = false
                while index < end, base[index] != comma {
                    let byte = base[index]
                    if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == quote { return false }
                    if byte == backslash {
                        escaped = true
                        index += 1
                        guard index < end else { return false }
                    }
                    index += 1
                }
                if escaped {
                    unescape(start..<index)
                    while unescaped.last == space { unescaped.removeLast() }
                    guard !unescaped.isEmpty else { return false }
                    try unescaped.withUnsafeBufferPointer { try body($0) }
                } else {
                    // Passed on where it lies, as a quoted element is: a one-word name, a number.
                    var last = index
                    while last > start, base[last - 1] == space { last -= 1 }
                    let element = UnsafeBufferPointer(rebasing: base[start..<last])
                    if isNull(element) {
                        try body(nil)
                    } else if element.isEmpty {
                        return false
                    } else {
                        try body(element)
                    }
                }
            }
            if index == end { return true }
            guard base[index] == comma else { return false }
            index += 1
        }
    }

    /// An unquoted `NULL`, in any case (an escaped one, `N\ULL`, is the text "NULL").
    private static func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 4 && zip(bytes, "NULL".utf8).allSatisfy { $0 & 0xDF == $1 }
    }
}
