import Foundation
import LibPQClient
import ChanceryModel
import EDTF

/// Assigns readable references (`US-KH-2022-001`, `INV-US-2022-001`) by taking the next free
/// number after a prefix.
struct ReferenceAllocator {
    let connection: PostgresConnection

    /// Tables that carry references; the SQL for each is fixed here, never built from input.
    enum Table {
        case letter, invitation, event

        var suffixQuery: String {
            switch self {
            case .letter: return "SELECT substr(ref, $2::int) AS suffix FROM letter WHERE starts_with(ref, $1)"
            case .invitation: return "SELECT substr(ref, $2::int) AS suffix FROM invitation WHERE starts_with(ref, $1)"
            case .event: return "SELECT substr(ref, $2::int) AS suffix FROM event WHERE starts_with(ref, $1)"
            }
        }

        var existsQuery: String {
            switch self {
            case .letter: return "SELECT 1 FROM letter WHERE ref = $1"
            case .invitation: return "SELECT 1 FROM invitation WHERE ref = $1"
            case .event: return "SELECT 1 FROM event WHERE ref = $1"
            }
        }

        var noun: String {
            switch self {
            case .letter: return "a letter"
            case .invitation: return "an invitation"
            case .event: return "an event"
            }
        }
    }

    /// Whether `ref` is taken.
    func exists(_ ref: String, in table: Table) async throws -> Bool {
        try await !connection.query(table.existsQuery, [ref]).rows.isEmpty
    }

    /// The user's reference after checking it is well-formed and free, or the next free one
    /// after `prefix` when they gave none.
    func assign(requested: String?, in table: Table, prefix: @autoclosure () -> String) async throws -> String {
        guard let requested = try InputValidation.reference(requested) else {
            return try await next(in: table, prefix: prefix())
        }
        if try await exists(requested, in: table) {
            throw ChanceryError(.conflict, table.noun + " with ref '\(requested)' already exists", field: "ref",
                                hint: "Choose another --ref, or leave it out to have one assigned.")
        }
        return requested
    }

    func next(in table: Table, prefix: String) async throws -> String {
        // Two writers logging letters between the same parties at once would both see the same
        // highest number: a lock per table and prefix, held to the end of the transaction, makes
        // the second wait until the first's reference is committed (or rolled back).
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [table.noun + " " + prefix])
        let rows = try await connection.query(table.suffixQuery, [prefix, prefix.count + 1]).rows
        let highest = try rows.compactMap { Int(try $0.decode("suffix", as: String.self)) }.max() ?? 0
        return prefix + String(format: "%03d", highest + 1)
    }

    /// The year part of a reference: the first year the date allows, or ND (no date).
    static func year(of date: UncertainDate?) -> String {
        guard let day = date?.earliest ?? date?.latest else { return "ND" }
        return String(format: "%04d", day.year)
    }
}
