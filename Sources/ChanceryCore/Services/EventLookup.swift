import LibPQClient
import ChanceryModel

/// Finds an event by reference or by name.
struct EventLookup {
    let connection: PostgresConnection

    func id(of input: String, field: String) async throws -> Int64 {
        let name = InputValidation.normalizedName(try InputValidation.storable(input, field: field))
        let rows = try await connection.query(
            """
            SELECT id, ref, name FROM event
            WHERE ref = \(name) OR lower(ref) = lower(\(name)) OR lower(name) = lower(\(name))
            ORDER BY (ref = \(name)) DESC, ref
            """).rows
        let firstIsExactRef = try rows.first?.decode("ref", as: String.self) == name
        if rows.count == 1 || firstIsExactRef {
            return try rows[0].decode("id")
        }
        if rows.count > 1 {
            throw ChanceryError(.ambiguous, "'\(name)' matches \(rows.count) events", field: field,
                                hint: "Use the event's reference.",
                                candidates: try rows.map { try $0.decode("ref", as: String.self) + " — " + $0.decode("name", as: String.self) })
        }
        let similar = try await connection.query(
            """
            SELECT ref || ' — ' || name AS label FROM event
            WHERE similarity(lower(name), lower(\(name))) > 0.2 OR strpos(lower(name), lower(\(name))) > 0 OR strpos(lower(ref), lower(\(name))) > 0
            ORDER BY similarity(lower(name), lower(\(name))) DESC LIMIT 5
            """).rows.map { try $0.decode("label", as: String.self) }
        throw ChanceryError(.notFound, "no event '\(name)'", field: field,
                            hint: "Find it among the events, or record it first.", candidates: similar, next: [.listEvents, .addEvent])
    }
}
