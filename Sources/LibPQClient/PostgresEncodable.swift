/// A Swift value that can be bound to a statement parameter in PostgreSQL's text format.
///
/// Parameters always travel separately from the SQL text (PQexecParams), so implementations only
/// need to produce what PostgreSQL's input function for the type accepts — no SQL quoting.
public protocol PostgresEncodable: Sendable {
    /// The value in PostgreSQL text format, or nil for SQL NULL.
    var postgresText: String? { get }
    /// The parameter's type OID given to PQexecParams (0 lets the server infer).
    static var postgresTypeOID: UInt32 { get }
}

/// A Swift value that can be read from a column in PostgreSQL's text format.
public protocol PostgresDecodable: Sendable {
    /// Reads the column's text; `typeOID` is the column's type so lenient readers can accept kin types.
    init(postgresText: String, typeOID: UInt32) throws
    /// Reads the column's text as the UTF-8 bytes the server sent, for types that parse bytes
    /// without a String in between (arrays); the default makes the String.
    init(postgresBytes: UnsafeBufferPointer<UInt8>, typeOID: UInt32) throws
    /// Called for SQL NULL; the default throws .unexpectedNull; Optional returns nil.
    static func decodeNull() throws -> Self
}

extension PostgresDecodable {
    /// Makes the String and reads that.
    public init(postgresBytes: UnsafeBufferPointer<UInt8>, typeOID: UInt32) throws {
        try self.init(postgresText: String(decoding: postgresBytes, as: UTF8.self), typeOID: typeOID)
    }

    /// Non-optional types cannot represent NULL.
    public static func decodeNull() throws -> Self {
        throw PostgresError(
            code: .unexpectedNull,
            message: "column is NULL but \(Self.self) is not Optional"
        )
    }
}

/// A value that can go both ways.
public typealias PostgresCodable = PostgresEncodable & PostgresDecodable

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// nil binds SQL NULL.
    public var postgresText: String? { self?.postgresText ?? nil }
    /// Typed like the wrapped value so the server can resolve `$1` even when it is NULL.
    public static var postgresTypeOID: UInt32 { Wrapped.postgresTypeOID }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// A non-NULL column decodes as the wrapped type.
    public init(postgresText: String, typeOID: UInt32) throws {
        self = try Wrapped(postgresText: postgresText, typeOID: typeOID)
    }

    /// A non-NULL column decodes as the wrapped type, from its bytes.
    public init(postgresBytes: UnsafeBufferPointer<UInt8>, typeOID: UInt32) throws {
        self = try Wrapped(postgresBytes: postgresBytes, typeOID: typeOID)
    }

    /// NULL is nil.
    public static func decodeNull() throws -> Self { nil }
}

/// The type OIDs this module names (pg_type.oid values, stable across PostgreSQL versions).
public enum PostgresTypeOID {
    /// Lets the server infer the parameter type from context.
    public static let unspecified: UInt32 = 0
    /// bool
    public static let bool: UInt32 = 16
    /// bytea
    public static let bytea: UInt32 = 17
    /// "char"
    public static let char: UInt32 = 18
    /// name
    public static let name: UInt32 = 19
    /// int8
    public static let int8: UInt32 = 20
    /// int2
    public static let int2: UInt32 = 21
    /// int4
    public static let int4: UInt32 = 23
    /// text
    public static let text: UInt32 = 25
    /// oid
    public static let oid: UInt32 = 26
    /// json
    public static let json: UInt32 = 114
    /// float4
    public static let float4: UInt32 = 700
    /// float8
    public static let float8: UInt32 = 701
    /// bpchar (char(n))
    public static let bpchar: UInt32 = 1042
    /// varchar
    public static let varchar: UInt32 = 1043
    /// date
    public static let date: UInt32 = 1082
    /// timestamp (without time zone)
    public static let timestamp: UInt32 = 1114
    /// timestamptz
    public static let timestamptz: UInt32 = 1184
    /// numeric
    public static let numeric: UInt32 = 1700
    /// uuid
    public static let uuid: UInt32 = 2950
    /// jsonb
    public static let jsonb: UInt32 = 3802
    /// text[]
    public static let textArray: UInt32 = 1009
    /// int8[]
    public static let int8Array: UInt32 = 1016
    /// int4[]
    public static let int4Array: UInt32 = 1007
    /// bool[]
    public static let boolArray: UInt32 = 1000
    /// float8[]
    public static let float8Array: UInt32 = 1022
    /// uuid[]
    public static let uuidArray: UInt32 = 2951
}
