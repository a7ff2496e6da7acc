import Foundation
import LibPQClient
import ChanceryModel

/// The idempotent_request table: claims keys and keeps what their first request produced.
struct IdempotencyLedger {
    let connection: PostgresConnection

    /// How long a key is remembered; older keys are forgotten as new ones are claimed.
    static let retention = "24 hours"

    /// Claims `key` for this transaction and returns nil, or returns the stored result of the
    /// request that claimed it first. Waits while another transaction holds the same key.
    func claim(_ key: IdempotencyKey) async throws -> String? {
        guard (1...255).contains(key.key.count) else {
            throw ChanceryError(.invalidInput, "an Idempotency-Key must be 1 to 255 characters long",
                                field: "Idempotency-Key", hint: "Send a UUID, for example.")
        }
        try await connection.execute(
            "DELETE FROM idempotent_request WHERE scope = \(key.scope) AND created_at < now() - \(Self.retention)::interval")
        // The placeholder result is replaced by record(_:for:) before this transaction commits.
        let claimed = try await connection.query(
            """
            INSERT INTO idempotent_request (scope, key, fingerprint, result)
            VALUES (\(key.scope), \(key.key), sha256(convert_to(\(key.fingerprint), 'UTF8')), 'null')
            ON CONFLICT (scope, key) DO NOTHING
            RETURNING true AS claimed
            """)
        if !claimed.rows.isEmpty { return nil }
        let stored = try await connection.query(
            """
            SELECT result::text AS result, fingerprint = sha256(convert_to(\(key.fingerprint), 'UTF8')) AS same_request
            FROM idempotent_request WHERE scope = \(key.scope) AND key = \(key.key)
            """)
        guard let row = stored.rows.first else {
            throw ChanceryError(.conflict, "the Idempotency-Key \(key.key) is being used by another request right now",
                                field: "Idempotency-Key", hint: "Retry in a moment.")
        }
        guard try row.decode("same_request", as: Bool.self) else {
            throw ChanceryError(.invalidInput, "the Idempotency-Key \(key.key) was already used for a different request",
                                field: "Idempotency-Key",
                                hint: "Send a new key for a new request; reuse a key only to retry the same request.")
        }
        return try row.decode("result", as: String.self)
    }

    /// Stores the result of the request that claimed `key`.
    package func record<T: Encodable>(_ value: T, for key: IdempotencyKey) async throws {
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        try await connection.execute(
            "UPDATE idempotent_request SET result = \(json)::jsonb WHERE scope = \(key.scope) AND key = \(key.key)")
    }

    static func decode<T: Decodable>(_ type: T.Type, from json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }
}
