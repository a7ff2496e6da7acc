/// A statement and the values bound to it, built so that a value cannot end up in the SQL text.
///
/// Written as a string literal with interpolations: every interpolated value becomes a bound
/// parameter (`$n` in the text, the value in `binds`), a `PostgresQuery` interpolated into another
/// is spliced with its own parameters renumbered, and raw text gets in only when it says so:
///
/// ```swift
/// let open: PostgresQuery = "l.deleted_at IS NULL AND l.kind = \(kind)::letter_kind"
/// try await connection.query("SELECT l.ref FROM \(unescaped: table) l WHERE \(open) AND l.id = \(id)")
/// // SELECT l.ref FROM letter l WHERE l.deleted_at IS NULL AND l.kind = $1::letter_kind AND l.id = $2
/// ```
///
/// The text is kept apart from the places of the placeholders, which are rendered only when the
/// statement is sent, so renumbering never parses SQL: only the placeholders this type
/// created are numbered, and a `$1` inside a literal or a comment is left alone. The same query
/// shape always renders the same text, which is what the prepared statement cache keys on.
public struct PostgresQuery: Sendable {
    /// Where a placeholder goes: a UTF-8 offset into `text`, and the bound value it stands for.
    struct Placeholder: Sendable {
        var offset: Int
        var bind: Int
    }

    /// The SQL text as written, with nothing yet where the placeholders go.
    private(set) var text: String
    /// The placeholders this type created, in text order. Kept apart from the text so that
    /// splicing a fragment is one append of text and of offsets (a listing assembles its
    /// statement from some thirty fragments per request).
    private(set) var placeholders: [Placeholder]
    /// The values bound to the statement, in placeholder order (`binds[0]` is `$1`).
    public private(set) var binds: [any PostgresEncodable]
    /// Whether the text numbers placeholders itself (`init(unsafeSQL:binds:)` with values): such a
    /// query can only start a statement, never be spliced behind other parameters.
    private(set) var numbersItsOwnPlaceholders: Bool
    /// Whether the server plans the statement for its values every time it runs, instead of
    /// reusing a prepared plan. After five runs of a prepared statement PostgreSQL may switch to
    /// one generic plan for every value; where a predicate's selectivity depends on the value (a
    /// full-text match on a rare word or on one in every tenth letter) that plan can be ten times
    /// slower. Set on the fragment holding such a predicate (`plannedForEachValue()`), it is
    /// carried into every query the fragment is spliced into.
    public private(set) var plansForEachValue = false

    /// A statement from text the caller vouches for (a constant, or a script such as schema.sql),
    /// with `binds` for the `$1`, `$2` … it writes itself. Nothing in `sql` is checked or escaped.
    public init(unsafeSQL sql: String, binds: [any PostgresEncodable] = []) {
        self.text = sql
        self.placeholders = []
        self.binds = binds
        self.numbersItsOwnPlaceholders = !binds.isEmpty
    }

    /// The statement text, with `$1`, `$2` … where the values go.
    public var sql: String {
        guard !placeholders.isEmpty else { return text }
        var text = self.text
        return text.withUTF8 { utf8 in
            var sql: [UInt8] = []
            sql.reserveCapacity(utf8.count + placeholders.count * 4)
            var position = 0
            for placeholder in placeholders {
                sql.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[position..<placeholder.offset]))
                sql.append(UInt8(ascii: "$"))
                sql.append(contentsOf: String(placeholder.bind + 1).utf8)
                position = placeholder.offset
            }
            sql.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[position...]))
            return String(decoding: sql, as: UTF8.self)
        }
    }

    /// True when the query has neither text nor values.
    public var isEmpty: Bool { text.isEmpty && placeholders.isEmpty && binds.isEmpty }

    /// Appends SQL text as is (see `init(unsafeSQL:)`).
    public mutating func append(unescaped text: String) {
        self.text += text
    }

    /// Appends a parameter placeholder bound to `value`.
    public mutating func append(bind value: some PostgresEncodable) {
        binds.append(value)
        placeholders.append(Placeholder(offset: text.utf8.count, bind: binds.count - 1))
    }

    /// Appends another query: its text, and its parameters renumbered after this query's.
    public mutating func append(_ other: PostgresQuery) {
        precondition(!other.numbersItsOwnPlaceholders || binds.isEmpty,
                     "a PostgresQuery(unsafeSQL:binds:) numbers its own placeholders and cannot follow other parameters")
        if other.numbersItsOwnPlaceholders { numbersItsOwnPlaceholders = true }
        if other.plansForEachValue { plansForEachValue = true }
        if text.isEmpty && placeholders.isEmpty && binds.isEmpty {
            // Nothing to renumber against: take the other's storage as it is, without copying.
            text = other.text
            placeholders = other.placeholders
            binds = other.binds
            return
        }
        let textOffset = text.utf8.count, bindOffset = binds.count
        text += other.text
        guard !other.placeholders.isEmpty || !other.binds.isEmpty else { return }
        binds.append(contentsOf: other.binds)
        placeholders.reserveCapacity(placeholders.count + other.placeholders.count)
        for placeholder in other.placeholders {
            placeholders.append(Placeholder(offset: placeholder.offset + textOffset, bind: placeholder.bind + bindOffset))
        }
    }

    /// The same query, planned for its values every time it runs (see `plansForEachValue`).
    public func plannedForEachValue() -> PostgresQuery {
        var query = self
        query.plansForEachValue = true
        return query
    }

    /// The two queries one after the other (no separator is added).
    public static func + (lhs: PostgresQuery, rhs: PostgresQuery) -> PostgresQuery {
        var query = lhs
        query.append(rhs)
        return query
    }

    /// Appends `rhs` to `lhs`.
    public static func += (lhs: inout PostgresQuery, rhs: PostgresQuery) {
        lhs.append(rhs)
    }
}

extension PostgresQuery: ExpressibleByStringInterpolation {
    /// A statement with no values: the literal is SQL text.
    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self = stringInterpolation.query
    }

    /// Builds a query from a string literal: literal text is SQL, interpolations are values,
    /// fragments or explicitly raw text.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        public typealias StringLiteralType = String

        var query = PostgresQuery(unsafeSQL: "")

        public init(literalCapacity: Int, interpolationCount: Int) {
            // Only the text is reserved: most interpolations in statements are fragments, whose
            // placeholders arrive with them, and reserving the arrays cost two allocations per
            // literal (a listing's statement is built from some hundred).
            query.text.reserveCapacity(literalCapacity)
        }

        public mutating func appendLiteral(_ literal: String) {
            query.append(unescaped: literal)
        }

        /// `\(value)`: a parameter placeholder, the value bound to it. An Optional that is nil
        /// binds NULL (typed like the wrapped value).
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            query.append(bind: value)
        }

        /// `\(value)` for a value whose type is known only at run time.
        public mutating func appendInterpolation(_ value: any PostgresEncodable) {
            query.append(bind: value)
        }

        /// `\(fragment)`: another query spliced in, its parameters renumbered after those before it.
        public mutating func appendInterpolation(_ fragment: PostgresQuery) {
            query.append(fragment)
        }

        /// `\(fragments, separator: " AND ")`: several queries spliced in with fixed text between them.
        public mutating func appendInterpolation(_ fragments: [PostgresQuery], separator: String) {
            query.append(fragments.joined(separator: separator))
        }

        /// `\(unescaped: text)`: SQL text spliced in as is. Only for text the code chooses (a
        /// table or column name, a constant list, an identifier escaped by `escapeIdentifier`),
        /// never for input.
        public mutating func appendInterpolation(unescaped text: String) {
            query.append(unescaped: text)
        }
    }
}

extension Array where Element == PostgresQuery {
    /// The queries one after another with `separator` (SQL text) between them; their parameters
    /// are renumbered in order.
    public func joined(separator: String = "") -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        for (position, fragment) in enumerated() {
            if position > 0 { query.append(unescaped: separator) }
            query.append(fragment)
        }
        return query
    }
}

extension PostgresQuery: CustomStringConvertible {
    /// The text and the number of values; never the values, which may be private.
    public var description: String {
        binds.isEmpty ? sql : sql + " [" + String(binds.count) + (binds.count == 1 ? " parameter]" : " parameters]")
    }
}

extension PostgresQuery {
    /// The text of a statement sent without parameters (a script, COPY); `.invalidParameter` when
    /// values were interpolated into it.
    func parameterlessSQL(for what: String) throws -> String {
        guard binds.isEmpty else {
            throw PostgresError(code: .invalidParameter, message: "\(what) takes no parameters, but \(binds.count) were bound")
        }
        return sql
    }
}
