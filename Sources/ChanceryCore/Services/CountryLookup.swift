import Foundation
import LibPQClient
import ChanceryModel

/// Finds the country a user means, for every service that takes one: an ISO 3166 code checked
/// against the `country` table, or (for filters) a state's name in any language or a demonym.
struct CountryLookup {
    let connection: PostgresConnection

    /// The upper-cased code, after checking it is a known ISO 3166 code; nil when there is no
    /// input, an error when it is blank or not a code.
    func code(_ input: String?, field: String) async throws -> String? {
        guard let input else { return nil }
        let trimmed = try InputValidation.storable(input, field: field).trimmingCharacters(in: .whitespaces)
        guard let found = try await byCode(trimmed) else { throw Self.unknown(trimmed, field: field) }
        return found.code
    }

    /// The code, the country's name and the actor id of its state (-1 when no state actor is
    /// recorded, so filters on it match nothing). Takes a code ("KH"), or a recorded state's
    /// name, other name or demonym in any language ("Cambodia", "Kambodscha", "Cambodian").
    func state(_ input: String, field: String) async throws -> (code: String, name: String, stateID: Int64) {
        let trimmed = try InputValidation.storable(input, field: field).trimmingCharacters(in: .whitespaces)
        if let found = try await byCode(trimmed) { return found }
        let rows = try await connection.query(
            """
            SELECT DISTINCT c.code::text AS code, a.name, a.id AS state_id, a.name AS state_name
            FROM actor a JOIN country c ON c.code = a.iso_code
            WHERE a.kind = 'state'
              AND (lower(a.name) = lower(\(trimmed))
                   OR a.id IN (SELECT actor_id FROM actor_alias WHERE lower(alias) = lower(\(trimmed)))
                   OR a.id IN (SELECT state_id FROM demonym WHERE lower(word) = lower(\(trimmed))))
            ORDER BY 1 LIMIT 5
            """).rows
        if rows.count == 1 { return (try rows[0].decode("code"), try rows[0].decode("name"), try rows[0].decode("state_id")) }
        if rows.count > 1 {
            let choices = try rows.map { "\(try $0.decode("code", as: String.self)) (\(try $0.decode("state_name", as: String.self)))" }
            throw ChanceryError.invalid(field, "'\(trimmed)' names more than one country: " + choices.joined(separator: ", "),
                                        hint: "Give the ISO code of the one meant.")
        }
        throw Self.unknown(trimmed, field: field, namesAccepted: true)
    }

    /// The id of the state whose ISO code `input` is, looked up by the statement it is spliced
    /// into: NULL when no state has the code, so the statement matches nothing and says nothing
    /// (`state(_:field:)` names the error). Nil when the input is not two ASCII letters.
    static func stateIDQuery(code input: String) -> (code: String, id: PostgresQuery)? {
        let code = input.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.utf8.count == 2, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return nil }
        return (code, "(SELECT a.id FROM actor a WHERE a.iso_code = \(code)::char(2))")
    }

    private func byCode(_ input: String) async throws -> (code: String, name: String, stateID: Int64)? {
        let upper = input.uppercased()
        guard upper.count == 2 else { return nil }
        let rows = try await connection.query(
            """
            SELECT c.code, coalesce(a.name, c.name) AS name, coalesce(a.id, -1) AS state_id
            FROM country c LEFT JOIN actor a ON a.iso_code = c.code WHERE c.code = \(upper)::char(2)
            """).rows
        guard let row = rows.first else { return nil }
        return (try row.decode("code"), try row.decode("name"), try row.decode("state_id"))
    }

    private static func unknown(_ input: String, field: String, namesAccepted: Bool = false) -> ChanceryError {
        namesAccepted
            ? ChanceryError.invalid(field, "'\(input)' is not an ISO 3166-1 alpha-2 country code nor the name of a recorded state that has one",
                                    hint: "Use two letters, e.g. KH for Cambodia, or a state's name.", next: [.listActors(kind: .state)])
            : ChanceryError.invalid(field, "'\(input)' is not an ISO 3166-1 alpha-2 country code",
                                    hint: "Use two letters, e.g. KH for Cambodia, US for the United States.")
    }
}
