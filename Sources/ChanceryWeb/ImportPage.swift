import ChanceryRequests
import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import Hummingbird
import HTTPTypes

/// Importing a file from the browser: upload a CMIF, CSV or JSON Lines file, read the dry run's
/// report (counts, each rejected record with its line and reason), then import it, import only
/// the valid records, or download the rejected ones. The page keeps no state: the file travels
/// back with each choice, in the same multipart form.
struct ImportPage {
    struct CountRow {
        var type: String
        var new: Int
        var unchanged: Int
        var updated: Int
        var rejected: Int
    }

    struct Rejection {
        var line: Int
        var element: String?
        var reason: String
        var raw: String
    }

    struct Content {
        var csrf: String
        var formats: [LetterFormPage.Option]
        var problem: String?
        var hint: String?
        var checked = false
        var committed = false
        var counts: [CountRow] = []
        var rejected: [Rejection] = []
        var rejectedCount = 0
        var hasRejected = false
        var warnings: [String] = []
        var hasWarnings = false
        /// Whether the file is an export of this register, whose refs name its own records.
        var ownExport = false
        /// Records of such an export that differ from what was changed here since: put back, or kept.
        var putBack = 0
        var hasPutBack = false
        var kept = 0
        var hasKept = false
        /// Records of another register's copies left as this register has them (`RecordOrigins`).
        var keptAsHere = 0
        var hasKeptAsHere = false
        /// When the check read the register: a revert asked for after it puts back only what it listed.
        var checkedAt = ""
        var content = ""
        var format = ""
        var canCommit = false
    }

    static func form(session: WebSession) -> Response {
        render(Content(csrf: session.csrfToken, formats: formatOptions(selected: "")))
    }

    /// Runs the choice the form carries: `check` (a dry run), `commit`, `commit-valid` (skipping
    /// rejected records), `commit-revert` (an own export putting back what changed here since
    /// it was made) or `rejects` (the rejected records as a file).
    static func run(_ fields: FormEncodedQuery, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        let format = fields.text("format") ?? ""
        var content = Content(csrf: session.csrfToken, formats: formatOptions(selected: format))
        guard let text = fields.value("file").flatMap({ $0.isEmpty ? nil : $0 }) ?? fields.value("content"), !text.isEmpty else {
            content.problem = "Choose a file to import."
            content.hint = "A CMIF (TEI) XML file, a CSV file or a JSON Lines file."
            return render(content, status: .unprocessableContent)
        }
        let action = fields.text("action") ?? "check"
        var options = ImportOptions()
        options.format = try format.isEmpty ? nil : InterchangeFormat.parse(format)
        options.dryRun = action == "check" || action == "rejects"
        // The check counts what the valid records would add, as if the rejected ones were skipped,
        // so the report can offer both choices; only `commit` is all or nothing.
        options.skipInvalid = action != "commit" && action != "commit-revert"
        options.revertNewer = action == "commit-revert"
        if options.revertNewer {
            // The form carries the moment of the check the person read; without a valid one the
            // revert would reach changes they were never shown.
            guard let checked = fields.text("checked-at").flatMap(RegisterID.moment(text:)) else {
                content.problem = "The check this page showed is missing from the form, so nothing was put back."
                content.hint = "Check the file again, then choose to put the file's version back."
                return render(content, status: .unprocessableContent)
            }
            options.revertNewerUpTo = checked
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let upload = folder.appendingPathComponent("upload")
        try Data(text.utf8).write(to: upload)
        let rejects = folder.appendingPathComponent("rejected")
        if action == "rejects" { options.rejectsPath = rejects.path }

        let report: ImportReport
        do {
            report = try await ImportService(database: database).run([upload.path], options: options)
        } catch let rejected as ImportRejected {
            report = rejected.report
        } catch let refusal as ChanceryError where refusal.isTheEditorsToFix {
            content.problem = refusal.message
            content.hint = WebProblem.browserHint(refusal.hint)
            return render(content, status: .unprocessableContent)
        }
        if action == "rejects" { return try download(rejects, format: options.format, upload: upload) }

        content.checked = true
        content.committed = report.committed
        content.counts = ImportReport.typeOrder.compactMap { type in
            report.counts[type].flatMap { counts in
                counts.new + counts.unchanged + counts.updated + counts.rejected == 0 ? nil
                    : CountRow(type: type, new: counts.new, unchanged: counts.unchanged, updated: counts.updated, rejected: counts.rejected)
            }
        }
        content.rejected = report.rejected.map {
            Rejection(line: $0.location.line, element: $0.location.element, reason: $0.reason, raw: String($0.raw.prefix(2000)))
        }
        content.rejectedCount = report.rejected.count
        content.hasRejected = !report.rejected.isEmpty
        // The merge's words name the command line's flag; here it is the button below.
        content.warnings = report.warnings.map {
            "Line \($0.location.line): " + $0.message.replacingOccurrences(
                of: "import it with --revert-newer (the API's revert-newer=true)", with: "choose “Import, putting back the file's version” below")
        }
        content.hasWarnings = !content.warnings.isEmpty
        content.ownExport = !report.ownExports.isEmpty
        content.putBack = report.putBackSinceExport
        content.hasPutBack = report.putBackSinceExport > 0
        content.kept = report.changedSinceExport - report.putBackSinceExport
        content.hasKept = content.kept > 0
        content.keptAsHere = report.keptAsHere
        content.hasKeptAsHere = report.keptAsHere > 0
        content.checkedAt = report.checkedAt ?? ""
        content.content = text
        content.format = format
        content.canCommit = !report.committed && report.counts.values.contains { $0.new + $0.updated > 0 }
        return render(content, status: report.rejected.isEmpty || report.committed ? .ok : .unprocessableContent)
    }

    private static func download(_ rejects: URL, format: InterchangeFormat?, upload: URL) throws -> Response {
        let data = (try? Data(contentsOf: rejects)) ?? Data()
        let (fileExtension, type) = switch try format ?? InterchangeFormat.detect(path: upload.path) {
        case .csv: ("csv", "text/csv; charset=utf-8")
        case .jsonl: ("jsonl", "application/x-ndjson")
        case .cmif, .tei: ("xml", "application/xml")
        }
        return HTMLResponse.attachment(data, fileName: "rejected." + fileExtension, contentType: type)
    }

    private static func formatOptions(selected: String) -> [LetterFormPage.Option] {
        [LetterFormPage.Option(value: "", label: "detect from the content", selected: selected.isEmpty)]
            + [(InterchangeFormat.cmif, "CMIF (TEI XML)"), (.csv, "CSV"), (.jsonl, "JSON Lines")].map {
                LetterFormPage.Option(value: $0.0.rawValue, label: $0.1, selected: $0.0.rawValue == selected)
            }
    }

    private static func render(_ content: Content, status: HTTPResponse.Status = .ok) -> Response {
        HTMLResponse.page(PageRenderer.shared.page(title: "Import", template: "import", content: content), status: status)
    }
}
