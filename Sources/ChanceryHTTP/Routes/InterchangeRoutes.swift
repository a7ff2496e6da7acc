import ChanceryCore
import Foundation
import Hummingbird
import ChanceryInterchange
import ChanceryModel
import ChanceryRequests

/// Bulk import (a JSON Lines, CSV or CMIF file as the body) and export (the register or the
/// letters a query selects, in any interchange format), as `chancery import` and `export` do.
struct InterchangeRoutes {
    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/imports", .editor, query: ["format", "dry-run", "skip-invalid", "revert-newer", "revert-newer-up-to"], accepting: Self.importTypes,
                     upload: true, importFile),
            Endpoint(.get, "/v1/export", .reader, query: LetterFilterParameters.names.union(["format"]), export),
        ]
    }

    static let importTypes: Set<String> = [
        "application/x-ndjson", "application/jsonl", "application/json", "text/csv", "application/xml", "text/xml",
        "application/tei+xml",
    ]

    private static let formatByType: [String: InterchangeFormat] = [
        "application/x-ndjson": .jsonl, "application/jsonl": .jsonl, "application/json": .jsonl, "text/csv": .csv,
        "application/xml": .cmif, "text/xml": .cmif, "application/tei+xml": .cmif,
    ]

    @Sendable func importFile(_ request: APIRequest) async throws -> Response {
        let query = request.query
        var options = ImportOptions()
        let mediaType = request.request.headers[.contentType]?.split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        options.format = try query.string("format").map { try InterchangeFormat.parse($0) } ?? mediaType.flatMap { Self.formatByType[$0] }
        if options.format == .tei { options.format = .cmif }
        options.dryRun = try query.bool("dry-run")
        options.skipInvalid = try query.bool("skip-invalid")
        options.revertNewer = try query.bool("revert-newer")
        // The moment of the check a client showed a person (its `checkedAt`): changes made
        // after it were not in that check, and are not put back.
        if let moment = try query.string("revert-newer-up-to") {
            guard options.revertNewer else {
                throw Problem.unprocessable("revert-newer-up-to goes with revert-newer=true", field: "revert-newer-up-to")
            }
            guard RegisterID.moment(text: moment) != nil else {
                throw Problem.unprocessable("revert-newer-up-to '\(moment.prefix(40))' is no moment", field: "revert-newer-up-to",
                                         hint: "Send the checkedAt of a dry run, such as 2026-12-07T04:58:10.123456Z.")
            }
            options.revertNewerUpTo = moment
        }
        // The importer reads files (it streams them and re-reads rejected records): the body
        // came to disk as it arrived.
        guard let upload = request.upload, upload.size > 0 else {
            throw Problem.badRequest("an import needs the file as the body", hint: "POST the file with Content-Type text/csv, application/x-ndjson or application/xml.")
        }
        do {
            let report = try await ImportService(database: request.store).run([upload.url.path], options: options)
            return try JSONResponse.make(ImportOutcome(report), status: report.committed ? .created : .ok)
        } catch let rejected as ImportRejected {
            var problem = Problem(.unprocessableContent, "records-rejected", title: "Records rejected",
                                  detail: "\(rejected.report.rejected.count) record(s) are invalid; nothing was written",
                                  hint: "Fix them, or send skip-invalid=true to write the valid records.")
            problem.rejected = ImportOutcome(rejected.report).report.rejected
            throw problem
        } catch var refusal as ChanceryError {
            // A file the importer could not read at all names the spool file: the client sent a body.
            refusal.message = refusal.message.replacingOccurrences(of: "'" + upload.url.path + "'", with: "the body")
                .replacingOccurrences(of: upload.url.path, with: "body")
            throw refusal
        }
    }

    @Sendable func export(_ request: APIRequest) async throws -> Response {
        let query = request.query
        let format = try query.string("format").map { try InterchangeFormat.parse($0) } ?? .jsonl
        let selection = try LetterFilterParameters(query).letterQuery()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try await ExportService(database: request.store).export(format: format, query: selection, to: file.path)
        let contentType = switch format {
        case .jsonl: "application/x-ndjson; charset=utf-8"
        case .csv: "text/csv; charset=utf-8; header=present"
        case .cmif, .tei: "application/tei+xml; charset=utf-8"
        }
        return JSONResponse.document(try String(contentsOf: file, encoding: .utf8), contentType: contentType)
    }
}

/// What an import did, in the API's words.
struct ImportOutcome: Encodable {
    var report: ImportReport
    init(_ report: ImportReport) {
        self.report = report
        self.report.rejectsFile = nil
        self.report.rejectsFiles = nil
        // The body was spooled to a temporary file: the client knows it as the body.
        self.report.ownExports = report.ownExports.map { _ in "body" }
        self.report.warnings = report.warnings.map { warning in
            var warning = warning
            warning.location = Self.inBody(warning.location)
            return warning
        }
        self.report.rejected = report.rejected.map { record in
            var record = record
            record.location = Self.inBody(record.location)
            return record
        }
    }

    /// A place in the spooled body, as the client knows it.
    private static func inBody(_ location: RecordLocation) -> RecordLocation {
        RecordLocation(file: "body", line: location.line, element: location.element)
    }

    func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }
}
