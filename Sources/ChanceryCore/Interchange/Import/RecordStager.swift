import Foundation
import LibPQClient
import ChanceryModel
import ChanceryInterchange

/// Turns each record read into staging rows, checking everything that can be checked without
/// the database (dates, vocabularies, lengths, required fields), so a bad record is rejected
/// with its line before anything is copied. Checks that need the database (does this actor or
/// letter exist?) run set-based after staging, in `StagingMerge`.
struct RecordStager {
    private(set) var buffers = StagingBuffers()
    private var nextRecord: Int64 = 1

    /// Stages one record; returns why it was rejected, or nil when it was staged.
    mutating func stage(_ item: ImportItem, fileNumber: Int) -> String? {
        var rows: [(StagingTable, CopyRow)] = []
        let rec = nextRecord
        do {
            try Self.rows(for: item.record, rec: rec, into: &rows)
        } catch let error as ChanceryError {
            return Self.reason(error)
        } catch {
            return String(describing: error)
        }
        if case .header = item.record { return nil }
        nextRecord += 1
        var record = CopyRow()
        record.add(rec)
        record.add(fileNumber)
        record.add(item.location.line)
        record.add(item.location.element)
        record.add(item.record.typeName)
        buffers.append(record, to: .record)
        for (table, row) in rows { buffers.append(row, to: table) }
        return nil
    }

    /// Copies the rows staged so far.
    mutating func flush(on connection: PostgresConnection) async throws {
        try await buffers.flush(on: connection)
    }

    /// "field: message (hint)" for the report.
    static func reason(_ error: ChanceryError) -> String {
        (error.field.map { $0 + ": " } ?? "") + error.message + (error.hint.map { " (" + $0 + ")" } ?? "")
    }

    // MARK: - Rows per record type

    private static func rows(for record: DatasetRecord, rec: Int64, into rows: inout [(StagingTable, CopyRow)]) throws {
        switch record {
        case .header: return
        case .actor(let draft, let key): rows.append((.actor, try actorRow(draft, key: key, rec: rec)))
        case .source(let draft):
            var row = CopyRow()
            row.add(rec)
            try addSource(draft, to: &row)
            rows.append((.source, row))
        case .membership(let member, let organization, let period):
            var row = CopyRow()
            row.add(rec)
            row.add(try actorReference(member, field: "member"))
            row.add(try actorReference(organization, field: "organization"))
            row.add(try optionalDate(period, field: "period"))
            rows.append((.membership, row))
        case .role(let holder, let title, let of, let period):
            var row = CopyRow()
            row.add(rec)
            row.add(try actorReference(holder, field: "holder"))
            row.add(try InputValidation.required(title, field: "title", maxLength: 200))
            row.add(try actorReference(of, field: "of"))
            row.add(try optionalDate(period, field: "period"))
            rows.append((.role, row))
        case .event(let draft): try EventStaging.rows(for: draft, rec: rec, into: &rows)
        case .letter(let draft): try LetterStaging.rows(for: draft, rec: rec, into: &rows)
        case .invitation(let draft): try EventStaging.rows(for: draft, rec: rec, into: &rows)
        case .response(let draft): try EventStaging.rows(for: draft, rec: rec, into: &rows)
        }
    }

    private static func actorRow(_ draft: ActorDraft, key: String?, rec: Int64) throws -> CopyRow {
        let name = try InputValidation.required(InputValidation.normalizedName(draft.name), field: "name", maxLength: 200)
        let wikidata = try InputValidation.wikidataId(draft.wikidataId)
        let iso = try draft.isoCode.flatMap { code -> String? in
            let upper = InputValidation.trimmed(code).uppercased()
            if upper.isEmpty { return nil }
            guard upper.count == 2, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw ChanceryError.invalid(ActorDraft.CodingKeys.isoCode, "'\(code)' is not an ISO 3166-1 alpha-2 code", hint: "Use two letters, e.g. KH.")
            }
            guard draft.kind == .state else {
                throw ChanceryError.invalid(ActorDraft.CodingKeys.isoCode, "only states have ISO codes", hint: "Drop isoCode, or make the actor a state.")
            }
            return upper
        }
        let viaf = try authority(draft.viafId, field: ActorDraft.CodingKeys.viafId.stringValue, pattern: "^[1-9][0-9]{0,21}$", example: "VIAF ids are digits, e.g. 102333412")
        let gnd = try authority(draft.gndId, field: ActorDraft.CodingKeys.gndId.stringValue, pattern: "^[0-9][0-9X-]{0,14}$", example: "GND ids look like 118629662 or 4005728-8")
        let note = try InputValidation.optional(draft.note, field: "note", maxLength: 2000)
        var aliases: [String] = []
        for alias in draft.aliases {
            let clean = try InputValidation.required(InputValidation.normalizedName(alias), field: "aliases", maxLength: 200)
            if clean != name, !aliases.contains(clean) { aliases.append(clean) }
        }
        let localKey = key.map(InputValidation.normalizedName).flatMap { $0.isEmpty ? nil : $0 }
        // One identity per actor: its strongest identifier, so records naming the same actor twice
        // (a CMIF file names a correspondent in every letter) merge into one.
        let identity = wikidata.map { "wikidata:" + $0 } ?? viaf.map { "viaf:" + $0 } ?? gnd.map { "gnd:" + $0 }
            ?? iso.map { "iso:" + $0 } ?? "name:" + draft.kind.rawValue + ":" + (localKey ?? name).lowercased()
        var row = CopyRow()
        row.add(rec)
        row.add(identity)
        row.add(localKey)
        row.add(draft.kind.rawValue)
        row.add(name)
        row.add(iso)
        row.add(wikidata)
        row.add(viaf)
        row.add(gnd)
        row.add(note)
        row.add(array: aliases)
        // Absent: the name decides (the actor table's trigger).
        row.add(draft.unidentified.map { $0 ? "t" : "f" })
        return row
    }

    private static func authority(_ value: String?, field: String, pattern: String, example: String) throws -> String? {
        guard let value = value.map(InputValidation.trimmed), !value.isEmpty else { return nil }
        guard value.range(of: pattern, options: .regularExpression) != nil else {
            throw ChanceryError.invalid(field, "invalid \(field.uppercased()) id '\(value)'", hint: example + ".")
        }
        return value
    }

    // MARK: - Shared checks

    /// A name, alias, ISO code or authority id naming an actor, whitespace-normalised.
    static func actorReference(_ value: String, field: String) throws -> String {
        let name = InputValidation.normalizedName(try InputValidation.storable(value, field: field))
        guard !name.isEmpty else {
            throw ChanceryError.invalid(field, "\(field) must name an actor", hint: "Give a name, alias, ISO code or Wikidata id.")
        }
        // A file names actors by name or authority id; `id:N` is a command's handle, not a name.
        return try InputValidation.actorName(name, field: field)
    }

    static func optionalActorReference(_ value: String?, field: String) throws -> String? {
        guard let value, !InputValidation.trimmed(value).isEmpty else { return nil }
        return try actorReference(value, field: field)
    }

    static func optionalDate(_ value: String?, field: String) throws -> UncertainDate? {
        guard let value = value.map(InputValidation.trimmed), !value.isEmpty else { return nil }
        return try UncertainDate(parsing: value, field: field)
    }

    /// The source's columns (kind, title, url, publisher, published ×4, excerpt).
    /// Where a record of another register's export was first recorded: its register and its ref there.
    static func addOrigin(_ origin: RecordOrigin?, of noun: String, to row: inout CopyRow) throws {
        let ref = try origin.map { origin in
            guard let ref = try InputValidation.reference(origin.ref, field: "origin.ref") else {
                throw ChanceryError.invalid("origin.ref", "origin names the register but not the \(noun)'s ref there",
                                            hint: "Give both, as an export writes them, or leave origin out.")
            }
            return ref
        }
        row.add(origin?.register)
        row.add(ref)
    }

    static func addSource(_ draft: SourceDraft, to row: inout CopyRow) throws {
        let source = try SourceRecorder.validated(draft)
        row.add(draft.kind.rawValue)
        row.add(source.title)
        row.add(source.url)
        row.add(source.publisher)
        row.add(source.published)
        row.add(source.excerpt)
        row.add(source.retrieved)
    }
}
