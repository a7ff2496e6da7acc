
/// A use case refused or failed: says what is wrong, where, and how to fix it.
///
/// Interfaces map `kind` to their own vocabulary (an exit code, an HTTP status); `field` names the
/// input at fault in the service's terms (`date`, `from`), which the CLI turns into its flag.
public struct ChanceryError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The broad class of failure.
    public enum Kind: String, Sendable, Equatable {
        /// The input is malformed or breaks a rule (an unreadable date, an empty subject).
        case invalidInput
        /// A named record does not exist.
        case notFound
        /// A name matches more than one record.
        case ambiguous
        /// The request clashes with what is stored (a duplicate reference).
        case conflict
        /// The record changed since the caller read it (an ETag / revision that is no longer current).
        case stale
        /// The database cannot be reached or refused the connection.
        case databaseUnavailable
        /// The database has no Chancery schema, or an older one.
        case schemaNotInstalled
        /// Something Chancery did not expect; a bug to report.
        case unexpected
    }

    /// The broad class of failure.
    public var kind: Kind
    /// What is wrong, in one sentence.
    public var message: String
    /// The input at fault (`date`, `subject`, `to`), when one is.
    public var field: String?
    /// How to fix it.
    public var hint: String?
    /// The closest existing names, for unknown or ambiguous names.
    public var candidates: [String]
    /// The database's own words when it refused (its message, detail, constraint, table): for the
    /// operator's log only. Never part of `message` or `description`, which a client may see, since
    /// they name the schema's tables and columns.
    public var diagnostic: String?
    /// Where to go from here (a listing, a record's page), which each interface writes in its own
    /// terms; the hint says what to do there.
    public var next: [NextStep]

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, field: String? = nil, hint: String? = nil, candidates: [String] = [],
                next: [NextStep] = []) {
        self.kind = kind
        self.message = message
        self.field = field
        self.hint = hint
        self.candidates = candidates
        self.next = next
    }

    /// The message, the candidates (one per line) and the hint.
    public var description: String {
        var text = message
        if !candidates.isEmpty {
            text += "\n" + candidates.map { "  - " + $0 }.joined(separator: "\n")
        }
        if let hint { text += "\nhint: " + hint }
        return text
    }

    package static func invalid(_ field: String, _ message: String, hint: String? = nil, next: [NextStep] = []) -> ChanceryError {
        ChanceryError(.invalidInput, message, field: field, hint: hint, next: next)
    }

    /// Invalid input in the field a record's coding key names: the name a request or file spelled
    /// it with, which the CLI turns into its flag.
    package static func invalid(_ key: some CodingKey, _ message: String, hint: String? = nil) -> ChanceryError {
        invalid(key.stringValue, message, hint: hint)
    }
}
