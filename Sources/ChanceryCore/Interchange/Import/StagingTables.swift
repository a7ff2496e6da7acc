import LibPQClient

/// The temporary tables an import streams its records into with COPY before merging them with
/// set-based SQL. They live for the import's transaction only (ON COMMIT DROP) and are never
/// WAL-logged. Every row carries `rec`, the record's number in the import, which `stg_record`
/// maps back to its file and line for error messages.
enum StagingTable: String, CaseIterable {
    case record = "stg_record"
    case actor = "stg_actor"
    case source = "stg_source"
    case membership = "stg_membership"
    case role = "stg_role"
    case event = "stg_event"
    case eventParticipant = "stg_event_participant"
    case letter = "stg_letter"
    case participant = "stg_participant"
    case link = "stg_link"
    case letterEvent = "stg_letter_event"
    case citation = "stg_citation"
    case invitation = "stg_invitation"
    case invitee = "stg_invitee"
    case response = "stg_response"

    /// Columns in COPY order; the fixed text of the CREATE and COPY statements comes from here.
    var columns: String {
        switch self {
        case .record: return "rec bigint PRIMARY KEY, file_no int NOT NULL, line int NOT NULL, element text, type text NOT NULL"
        case .actor:
            return "rec bigint, identity text, key text, kind actor_kind, name text, iso text, wikidata text, viaf text, gnd text, note text, aliases text[], unidentified boolean"
        case .source: return "rec bigint, " + Self.sourceColumns
        case .membership: return "rec bigint, member text, organization text, " + Self.dateColumns("period")
        case .role: return "rec bigint, holder text, title text, of_ref text, " + Self.dateColumns("period")
        case .event:
            return """
                rec bigint, ref text, name text, kind event_kind, status event_status, host text, city text, \
                country_code text, geonames_id bigint, \(Self.dateColumns("period")), cameo_code text, summary text, \
                origin_register uuid, origin_ref text
                """
        case .eventParticipant: return "rec bigint, actor text"
        case .letter:
            return """
                rec bigint, ref text, external_key text, provenance_kind source_kind, provenance_title text, provenance_url text, \
                kind letter_kind, \(Self.dateColumns("sent")), \(Self.dateColumns("received")), subject text, summary text, \
                body text, language text, classification classification_level, sent_place text, sent_place_geonames_id bigint, \
                received_place text, received_place_geonames_id bigint, awaiting_reply boolean, sent_as_written text, \
                received_as_written text, ref_from_export boolean, unstated text[], origin_register uuid, origin_ref text
                """
        case .participant:
            return """
                rec bigint, role participant_role, position int, actor text, capacity text, on_behalf_of text, name_as_written text, \
                name_supplied boolean, name_uncertain boolean
                """
        case .link: return "rec bigint, kind letter_link_kind, target text, reverse boolean"
        case .letterEvent: return "rec bigint, event text"
        case .citation: return "rec bigint, quote text, " + Self.sourceColumns
        case .invitation:
            return """
                rec bigint, ref text, inviter text, inviter_capacity text, inviter_on_behalf_of text, event text, letter text, \
                \(Self.dateColumns("issued")), reply_by date, summary text, origin_register uuid, origin_ref text
                """
        case .invitee: return "rec bigint, position int, invitee text"
        case .response:
            return "rec bigint, invitation text, invitee text, status response_status, letter text, \(Self.dateColumns("responded")), note text"
        }
    }

    private static let sourceColumns = """
        kind source_kind, title text, url text, publisher text, \(dateColumns("published")), excerpt text, retrieved_on date
        """

    private static func dateColumns(_ prefix: String) -> String {
        "\(prefix)_edtf text, \(prefix)_earliest date, \(prefix)_latest date, \(prefix)_precision date_precision"
    }

    /// The column names alone, for the COPY statement.
    var columnNames: String {
        columns.split(separator: ",").map { $0.split(separator: " ", omittingEmptySubsequences: true)[0] }.joined(separator: ", ")
    }

    // The table and column names are this type's constants, so they can be spliced as SQL text.
    var createStatement: PostgresQuery { "CREATE TEMP TABLE \(unescaped: rawValue) (\(unescaped: columns)) ON COMMIT DROP" }
    var copyStatement: PostgresQuery { "COPY \(unescaped: rawValue) (\(unescaped: columnNames)) FROM STDIN" }
    var analyzeStatement: PostgresQuery { "ANALYZE \(unescaped: rawValue)" }
}

/// Rows waiting to be copied into the staging tables; flushed every few thousand records so
/// memory stays flat however long the input is.
struct StagingBuffers {
    private var lines: [StagingTable: [String]] = [:]
    private(set) var rowCount = 0

    mutating func append(_ row: CopyRow, to table: StagingTable) {
        lines[table, default: []].append(row.line)
        rowCount += 1
    }

    /// Copies every buffered row (one COPY per table) and empties the buffers.
    mutating func flush(on connection: PostgresConnection) async throws {
        for table in StagingTable.allCases {
            guard let rows = lines[table], !rows.isEmpty else { continue }
            try await connection.copyFrom(table.copyStatement, data: rows)
        }
        lines.removeAll(keepingCapacity: true)
        rowCount = 0
    }

    /// Creates the staging tables for this transaction.
    static func create(on connection: PostgresConnection) async throws {
        for table in StagingTable.allCases {
            try await connection.execute(table.createStatement)
        }
    }
}
