import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import LibPQClient
import Testing

/// Importing from the browser (issue 11, "Import"): upload, read the dry run's report with each
/// rejected record's line and reason, then import the valid records or download the rejected.
@Suite("Web import")
struct WebImportTests {
    typealias Accounts = WebSignInPageTests

    /// The CMIF example edition with its first letter's date made impossible (month 13).
    static func editionWithOneBadRecord() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ChanceryInterchangeTests/Fixtures/cmif/example01_basic.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let bad = text.replacingOccurrences(of: #"notBefore="1810-07-11""#, with: #"notBefore="1810-13-11""#)
        try #require(bad != text)
        return bad
    }

    @Test("a CMIF file with one bad record: the check names its line and reason and writes nothing; then the valid records import")
    func uploadCheckAndImport() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await WebLetterFormTests.signedIn(client, as: "editor")
            let form = try await browser.get("/import")
            #expect(form.status == .ok && form.text.contains(#"enctype="multipart/form-data""#))
            let csrf = WebVisitor.csrf(in: form) ?? ""
            let before = try await WebLetterFormTests.letterCount(harness)
            let edition = try Self.editionWithOneBadRecord()

            let checked = try await browser.postMultipart("/import", [("csrf", csrf), ("format", ""), ("action", "check"), ("file", edition)],
                                                         files: ["file"])
            #expect(checked.status == .unprocessableContent)
            #expect(checked.text.contains("nothing has been written yet"))
            #expect(checked.text.contains("Rejected records"))
            let badLine = edition.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.contains("1810-13-11") }.map { $0 + 1 }
            let correspLine = try #require(badLine) - 4
            #expect(checked.text.contains("<strong>Line \(correspLine)</strong>") || checked.text.contains("<strong>Line \(correspLine + 4)</strong>"),
                    "\(checked.text)")
            #expect(checked.text.contains("1810-13-11"))
            // The check counts what the valid records would add, and offers to import them.
            // The unreadable correspDesc counts as a rejected letter, not a record of no type.
            #expect(checked.text.contains(#"<th scope="row">letter</th><td>2</td><td>0</td><td>0</td><td>1</td>"#), "\(checked.text)")
            #expect(!checked.text.contains(#"<th scope="row">record</th>"#))
            #expect(!checked.text.contains(#"<th scope="row">membership</th>"#), "rows of nothing are left out")
            #expect(checked.text.contains("Import the valid records, skip the 1 rejected"))
            #expect(try await WebLetterFormTests.letterCount(harness) == before)

            let rejects = try await browser.postMultipart("/import", [("csrf", csrf), ("format", ""), ("action", "rejects"), ("content", edition)])
            #expect(rejects.status == .ok)
            #expect(rejects.headers[.contentDisposition] == #"attachment; filename="rejected.xml""#)
            #expect(rejects.text.contains("1810-13-11") && !rejects.text.contains("A044943"))

            let imported = try await browser.postMultipart("/import", [("csrf", csrf), ("format", ""), ("action", "commit-valid"), ("content", edition)])
            #expect(imported.status == .ok && imported.text.contains("Imported."), "\(imported.text)")
            let after = Int(try await WebLetterFormTests.letterCount(harness) ?? "0") ?? 0
            #expect(after > Int(before ?? "0") ?? 0)
            let importer = try await WebLetterFormTests.scalar(harness, """
                SELECT string_agg(DISTINCT changed_by, ',') AS value FROM history WHERE table_name = 'letter' AND operation = 'INSERT'
                  AND changed_by LIKE 'user:%'
                """)
            #expect(importer == "user:editor")
        }
    }

    @Test("an import without the session's token, or by a reader, is refused and writes nothing; no file is a clear refusal")
    func refusals() async throws {
        try await Accounts.withAccounts { harness, client in
            let before = try await WebLetterFormTests.letterCount(harness)
            let edition = try Self.editionWithOneBadRecord().replacingOccurrences(of: "1810-13-11", with: "1810-07-11")
            var editor = try await WebLetterFormTests.signedIn(client, as: "editor")
            let forged = try await editor.postMultipart("/import", [("csrf", "forged"), ("action", "commit"), ("content", edition)])
            #expect(forged.status == .forbidden)
            var reader = try await WebLetterFormTests.signedIn(client, as: "reader")
            let readersToken = WebVisitor.csrf(in: try await reader.get("/")) ?? ""
            #expect(try await reader.get("/import").status == .forbidden)
            #expect(try await reader.postMultipart("/import", [("csrf", readersToken), ("action", "commit"), ("content", edition)]).status == .forbidden)
            #expect(try await WebLetterFormTests.letterCount(harness) == before)

            let csrf = WebVisitor.csrf(in: try await editor.get("/import")) ?? ""
            let empty = try await editor.postMultipart("/import", [("csrf", csrf), ("action", "check"), ("file", "")], files: ["file"])
            #expect(empty.status == .unprocessableContent && empty.text.contains("Choose a file to import."))
        }
    }

    static let realEditionFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures/real/spener/letters.xml")

    @Test("the register's own export given back: a letter edited since is left as it is, and the page offers to put the file's back")
    func ownExportChangedSince() async throws {
        try await Accounts.withAccounts { harness, client in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-web-import-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("export.jsonl").path
            try await ExportService(database: harness.database).export(format: .jsonl, query: nil, to: path)
            let export = try String(contentsOfFile: path, encoding: .utf8)
            var edit = LetterEdit()
            edit.changes = LetterChanges(summary: .set("Edited after the export"))
            _ = try await LetterService(database: harness.database).edit("US-KH-2022-001", ifRevision: nil, edit)
            let summary: PostgresQuery = "SELECT summary AS value FROM letter WHERE ref = 'US-KH-2022-001'"

            var browser = try await WebLetterFormTests.signedIn(client, as: "editor")
            let csrf = WebVisitor.csrf(in: try await browser.get("/import")) ?? ""
            let checked = try await browser.postMultipart("/import", [("csrf", csrf), ("format", ""), ("action", "check"), ("file", export)],
                                                         files: ["file"])
            #expect(checked.status == .ok, "\(checked.status)")
            #expect(checked.text.contains("1 record(s) would be left as the register has them"), "\(checked.text)")
            #expect(checked.text.contains("ref: letter US-KH-2022-001 was changed in this register on "))
            #expect(checked.text.contains(#"value="commit-revert">Import, putting back the file&#39;s version of the 1 record(s) changed here since the export"#)
                    || checked.text.contains(#"value="commit-revert">Import, putting back the file's version of the 1 record(s)"#), "\(checked.text)")

            // The revert reaches only what the check showed: a change made since keeps its version.
            let checkedAt = try #require(checked.text.firstMatch(of: #/name="checked-at" value="([^"]+)"/#).map { String($0.1) })
            var later = LetterEdit()
            later.changes = LetterChanges(summary: .set("Edited after the check"))
            _ = try await LetterService(database: harness.database).edit("KH-US-2022-001", ifRevision: nil, later)
            let laterSummary: PostgresQuery = "SELECT summary AS value FROM letter WHERE ref = 'KH-US-2022-001'"

            let unchecked = try await browser.postMultipart("/import", [("csrf", csrf), ("format", ""), ("action", "commit-revert"), ("content", export)])
            #expect(unchecked.status == .unprocessableContent && unchecked.text.contains("nothing was put back"), "\(unchecked.text)")
            let reverted = try await browser.postMultipart("/import", [("csrf", csrf), ("format", ""), ("action", "commit-revert"), ("content", export),
                                                                       ("checked-at", checkedAt)])
            #expect(reverted.status == .ok && reverted.text.contains("Imported."), "\(reverted.text)")
            #expect(reverted.text.contains("1 record(s) were put back as the file has them"), "\(reverted.text)")
            #expect(reverted.text.contains("1 record(s) were left as the register has them"), "\(reverted.text)")
            #expect(try await WebLetterFormTests.scalar(harness, summary) != "Edited after the export")
            #expect(try await WebLetterFormTests.scalar(harness, laterSummary) == "Edited after the check")
        }
    }

    @Test("another register's export: the page counts its copy of a letter first recorded here as left as it is, and its own letter's page says where it was first recorded")
    func anotherRegistersExport() async throws {
        try await Accounts.withAccounts { harness, client in
            let me = try #require(try await WebLetterFormTests.scalar(harness, "SELECT id::text AS value FROM register_identity"))
            let other = UUID().uuidString.lowercased()
            let export = [
                #"{"type":"chancery-dataset","version":1,"register":"\#(other)","exported":"2026-12-01T10:00:00.000Z"}"#,
                #"{"type":"letter","ref":"US-KH-2022-009","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-02-01","#
                    + #""subject":"Changed elsewhere","origin":{"register":"\#(me)","ref":"US-KH-2022-001"}}"#,
                #"{"type":"letter","ref":"KH-US-2022-050","from":[{"name":"Hun Sen"}],"to":[{"name":"Joe Biden"}],"date":"2022-03-01","subject":"Their own letter"}"#,
            ].joined(separator: "\n") + "\n"
            var browser = try await WebLetterFormTests.signedIn(client, as: "editor")
            let csrf = WebVisitor.csrf(in: try await browser.get("/import")) ?? ""
            let checked = try await browser.postMultipart("/import", [("csrf", csrf), ("format", ""), ("action", "check"), ("file", export)],
                                                         files: ["file"])
            #expect(checked.status == .ok, "\(checked.status) \(checked.text)")
            #expect(checked.text.contains("1 record(s) of another register&#39;s copies would be left as this register has them")
                    || checked.text.contains("1 record(s) of another register's copies would be left as this register has them"), "\(checked.text)")
            let imported = try await browser.postMultipart("/import", [("csrf", csrf), ("format", ""), ("action", "commit"), ("content", export)])
            #expect(imported.status == .ok && imported.text.contains("Imported."), "\(imported.text)")
            #expect(imported.text.contains("copies were left as this register has them"), "\(imported.text)")
            #expect(try await WebLetterFormTests.scalar(harness, "SELECT subject AS value FROM letter WHERE ref = 'US-KH-2022-001'") != "Changed elsewhere")

            let theirs = try await browser.get("/letters/KH-US-2022-050")
            #expect(theirs.status == .ok)
            #expect(theirs.text.contains("<dt>Origin</dt><dd>First recorded in register \(other) as KH-US-2022-050</dd>"), "\(theirs.text)")
            let ours = try await browser.get("/letters/US-KH-2022-001")
            #expect(ours.status == .ok && !ours.text.contains("<dt>Origin</dt>"))
        }
    }

    @Test("a real edition (Spener's letters, 2 MB of CMIF) is checked whole from the browser: every record counted or named, none rejected",
          .enabled(if: FileManager.default.fileExists(atPath: realEditionFile.path) || ProcessInfo.processInfo.environment["CI"] != nil,
                   "needs ../shared/fixtures/real"))
    func realEdition() async throws {
        let url = Self.realEditionFile
        let edition = try String(contentsOf: url, encoding: .utf8)
        try #require(edition.utf8.count > FormBodyLimits.form, "the fixture should be larger than an ordinary form")
        try await Accounts.withAccounts { harness, client in
            var browser = try await WebLetterFormTests.signedIn(client, as: "editor")
            let csrf = WebVisitor.csrf(in: try await browser.get("/import")) ?? ""
            let before = try await WebLetterFormTests.letterCount(harness)
            let checked = try await browser.postMultipart("/import", [("csrf", csrf), ("format", ""), ("action", "check"), ("file", edition)],
                                                         files: ["file"])
            #expect(checked.status == .ok, "\(checked.status)")
            // Every correspDesc is a letter, or is named in the warnings: the edition repeats one letter
            // word for word (volume 1666–, key 144), which is read once.
            let records = edition.components(separatedBy: "<correspDesc").count - 1
            let repeats = checked.text.components(separatedBy: "word for word; read once").count - 1
            #expect(repeats == 1)
            #expect(checked.text.contains(#"<th scope="row">letter</th><td>\#(records - repeats)</td>"#), "\(records) records, \(repeats) repeated")
            #expect(!checked.text.contains("Rejected records"))
            #expect(try await WebLetterFormTests.letterCount(harness) == before)
        }
    }
}

/// The ordinary form limit, as `FormBody.limit` sets it (1 MiB).
private enum FormBodyLimits {
    static let form = 1 << 20
}
