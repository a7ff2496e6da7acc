import EDTF

/// A client's promise that requests bearing the same key are retries of one request
/// (`Idempotency-Key`), scoped to whoever sent it.
public struct IdempotencyKey: Sendable, Hashable {
    /// Whose keys these are (an API token's name): two clients may pick the same key.
    public var scope: String
    /// The client's key.
    public var key: String
    /// What identifies the request (method, path and body); a retry must repeat it exactly.
    public var fingerprint: String

    /// Creates a key.
    public init(scope: String, key: String, fingerprint: String) {
        self.scope = scope
        self.key = key
        self.fingerprint = fingerprint
    }
}

/// What a write produced, and whether it was produced earlier and only replayed now.
public struct WriteOutcome<Value: Sendable>: Sendable {
    /// The record written (or the one the first request wrote).
    public var value: Value
    /// True when an earlier request with the same idempotency key had written it.
    public var replayed: Bool

    /// Creates an outcome.
    public init(value: Value, replayed: Bool) {
        self.value = value
        self.replayed = replayed
    }
}
