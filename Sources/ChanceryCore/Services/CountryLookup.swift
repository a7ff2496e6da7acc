import Foundation
import LibPQClient
import ChanceryModel

/// Checks ISO 3166 codes against the `country` table, for every service that takes one.
struct CountryLookup {
    let connection: PostgresConnection

    /// The upper-cased code, after checking it is a known ISO 3166 code; nil when there is no
    /// input, an error when it is blank.
    func code(_ input: String?, field: String) async throws -> String? {
        guard let input else { return nil }
        return try await state(input, field: field).code
    }

    /// The code, the country's name and the actor id of its state (-1 when no state actor is
    /// recorded, so filters on it match nothing), checked and found in one round trip.
    func state(_ input: String, field: String) async throws -> (code: String, name: String, stateID: Int64) {
        let trimmed = input.trimmingCharacters(in: .whitespaces)
        let upper = trimmed.uppercased()
        let rows = try await connection.query(
            "SELECT c.code, c.name, coalesce(a.id, -1) AS state_id FROM country c LEFT JOIN actor a ON a.iso_code = c.code WHERE c.code = \(upper)::char(2)").rows
        guard upper.count == 2, let row = rows.first else {
            throw ChanceryError.invalid(field, "'\(trimmed)' is not an ISO 3166-1 alpha-2 country code",
                                        hint: "Use two letters, e.g. KH for Cambodia, US for the United States.")
        }
        return (try row.decode("code"), try row.decode("name"), try row.decode("state_id"))
    }
}
