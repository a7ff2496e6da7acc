import Foundation
import LibPQClient

/// What loading a dataset did, per record type.
public struct DatasetLoadReport: Sendable, Hashable, Codable {
    /// Records written for the first time.
    public var created: [String: Int] = [:]
    /// Records already present, left as they were.
    public var unchanged: [String: Int] = [:]

    /// Whether the load wrote nothing.
    public var changedNothing: Bool { created.values.allSatisfy { $0 == 0 } }
}

/// Loads a Chancery dataset (JSON Lines) in one transaction, idempotently: records already
/// present (by reference, authority id, ISO code or name) are left alone, so loading the same
/// file twice changes nothing the second time.
public struct DatasetLoader: Sendable {
    let database: ChanceryDatabase

    /// Creates a loader over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// The dataset format version this build reads.
    public static let supportedVersion = 1

    /// An arbitrary constant naming dataset loads among the server's advisory locks.
    private static let advisoryLockKey: Int64 = 0x4348_414E_4C4F_4144 // "CHANLOAD"

    /// Loads `text`; `origin` names it in error messages. All records are written or none.
    public func load(_ text: String, origin: String) async throws -> DatasetLoadReport {
        let records = try Self.parse(text, origin: origin)
        return try await database.write { connection in
            // Two loads at once would both find a record missing and both insert it; one waits.
            try await connection.execute("SELECT pg_advisory_xact_lock($1)", [Self.advisoryLockKey])
            var report = DatasetLoadReport()
            for (line, record) in records {
                do {
                    let created = try await apply(record, on: connection)
                    if case .header = record { continue }
                    if created { report.created[record.typeName, default: 0] += 1 } else { report.unchanged[record.typeName, default: 0] += 1 }
                } catch var error as ChanceryError {
                    // The field names a record's JSON key here, not a command-line flag.
                    error.message = origin + ":" + String(line) + ": " + (error.field.map { $0 + ": " } ?? "") + error.message
                    error.field = nil
                    throw error
                }
            }
            return report
        }
    }

    static func parse(_ text: String, origin: String) throws -> [(Int, DatasetRecord)] {
        var records: [(Int, DatasetRecord)] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            do {
                records.append((index + 1, try decoder.decode(DatasetRecord.self, from: Data(trimmed.utf8))))
            } catch {
                throw ChanceryError(.invalidInput, "\(origin):\(index + 1): unreadable record: \(Self.describe(error))",
                                    hint: "Each line is one JSON object with a \"type\" field.")
            }
        }
        guard case .header(let version)? = records.first?.1 else {
            throw ChanceryError(.invalidInput, "\(origin): the first record must be {\"type\": \"chancery-dataset\", \"version\": 1}")
        }
        guard version == supportedVersion else {
            throw ChanceryError(.invalidInput, "\(origin): dataset version \(version) is not supported (this chancery reads \(supportedVersion))")
        }
        return records
    }

    private func apply(_ record: DatasetRecord, on connection: PostgresConnection) async throws -> Bool {
        let actors = ActorService(database: database)
        let references = ReferenceAllocator(connection: connection)
        switch record {
        case .header:
            return false
        case .actor(let draft):
            if try await actorExists(draft, on: connection) { return false }
            _ = try await actors.insert(draft, on: connection)
            return true
        case .membership(let member, let organization, let period):
            return try await actors.insertMembership(member: member, organization: organization, period: period, on: connection).created
        case .role(let holder, let title, let of, let period):
            return try await actors.insertRole(holder: holder, title: title, of: of, period: period, on: connection).created
        case .letter(let draft):
            if let ref = draft.ref, try await references.exists(ref, in: .letter) { return false }
            _ = try await LetterService(database: database).insert(draft, on: connection)
            return true
        case .event(let draft):
            if let ref = draft.ref, try await references.exists(ref, in: .event) { return false }
            _ = try await EventService(database: database).insert(draft, on: connection)
            return true
        case .invitation(let draft):
            if let ref = draft.ref, try await references.exists(ref, in: .invitation) { return false }
            _ = try await InvitationService(database: database).insert(draft, on: connection)
            return true
        case .response(let draft):
            return try await InvitationService(database: database).record(draft, on: connection).changed
        }
    }

    private func actorExists(_ draft: ActorDraft, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.query(
            """
            SELECT 1 FROM actor
            WHERE wikidata_id = upper($1) OR iso_code = upper($2) OR (kind = $3::text::actor_kind AND lower(name) = lower($4))
            """, [draft.wikidataID, draft.isoCode, draft.kind.rawValue, InputValidation.normalizedName(draft.name)]).rows.isEmpty
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at '" + context.codingPath.map(\.stringValue).joined(separator: ".") + "'"
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default: return String(describing: error)
        }
    }
}

/// The founding example: the 2022 Biden–Hun Sen exchange about the Special ASEAN–U.S. Summit.
public enum FoundingExample {
    /// The dataset as shipped in Data/founding-example.jsonl.
    public static var jsonLines: String { EmbeddedResources.foundingExampleJSONL }

    /// Loads it (idempotently).
    public static func load(into database: ChanceryDatabase) async throws -> DatasetLoadReport {
        try await DatasetLoader(database: database).load(jsonLines, origin: "founding-example.jsonl")
    }
}
