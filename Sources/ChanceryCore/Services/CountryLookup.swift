import Foundation
import LibPQClient

/// Checks ISO 3166 codes against the `country` table, for every service that takes one.
struct CountryLookup {
    let connection: PostgresConnection

    /// The upper-cased code, after checking it is a known ISO 3166 code; nil when there is no
    /// input, an error when it is blank.
    func code(_ input: String?, field: String) async throws -> String? {
        guard let input = input?.trimmingCharacters(in: .whitespaces) else { return nil }
        let upper = input.uppercased()
        let known = try await connection.query("SELECT 1 FROM country WHERE code = $1", [upper])
        guard upper.count == 2, !known.rows.isEmpty else {
            throw ChanceryError.invalid(field, "'\(input)' is not an ISO 3166-1 alpha-2 country code",
                                        hint: "Use two letters, e.g. KH for Cambodia, US for the United States.")
        }
        return upper
    }
}
