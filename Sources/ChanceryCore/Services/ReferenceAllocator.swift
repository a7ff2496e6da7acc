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

        /// The table's name, a constant fragment.
        var sqlName: PostgresQuery {
            switch self {
            case .letter: return "letter"
            case .invitation: return "invitation"
            case .event: return "event"
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
        try await !connection.query("SELECT 1 FROM \(table.sqlName) WHERE ref = \(ref)").rows.isEmpty
    }

    /// The user's reference after checking it is well-formed and free, or the next free one
    /// after `prefix` when they gave none.
    func assign(requested: String?, in table: Table, prefix: @autoclosure () -> String) async throws -> String {
        guard let requested = try InputValidation.reference(requested) else {
            return try await next(in: table, prefix: prefix())
        }
        if try await exists(requested, in: table) {
            throw ChanceryError(.conflict, table.noun + " with ref '\(requested)' already exists", field: "ref",
                                hint: "Choose another reference, or leave it out to have one assigned.")
        }
        return requested
    }

    func next(in table: Table, prefix: String) async throws -> String {
        // Two writers logging letters between the same parties at once would both see the same
        // highest number: a lock per table and prefix, held to the end of the transaction, makes
        // the second wait until the first's reference is committed (or rolled back).
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(table.noun + " " + prefix), 0))")
        let rows = try await connection.query(
            "SELECT substr(ref, \(prefix.count + 1)::int) AS suffix FROM \(table.sqlName) WHERE starts_with(ref, \(prefix))").rows
        let numbers = try rows.map { try $0.decode("suffix", as: String.self) }
            .filter { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } && Int($0) != nil }
        let highest = numbers.compactMap { Int($0) }.max() ?? 0
        // As wide as the numbers already there (a register numbering 0017907 goes on with 0017908).
        let width = max(3, numbers.map(\.count).max() ?? 0)
        let number = String(highest + 1)
        return prefix + String(repeating: "0", count: max(0, width - number.count)) + number
    }

    /// The year part of a reference: the first year the date allows, or ND (no date). A year
    /// before the common era is written as people read it: EDTF's -0044 is 45BC.
    static func year(of date: UncertainDate?) -> String { UncertainDate.referenceYear(of: date) }
}
