import ChanceryCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import ChanceryModel
import ChanceryInterchange

/// `POST /v1/imports` and `GET /v1/export`: what `chancery import` and `export` do.
@Suite("HTTP import and export") struct InterchangeRouteTests {
    @Test func exportMatchesTheCLIsExport() async throws {
        try await APIHarness.run { harness, client in
            for format in ["jsonl", "csv", "cmif"] {
                let response = try await client.call(.get, "/v1/export?format=\(format)&country=KH", token: harness.reader)
                #expect(response.status == .ok)
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: file) }
                var query = LetterQuery()
                query.country = "KH"
                try await ExportService(database: harness.database).export(format: try InterchangeFormat.parse(format), query: query, to: file.path)
                // A CMIF header dates the file when it was written: compare the rest.
                #expect(Self.undated(response.text) == Self.undated(try String(contentsOf: file, encoding: .utf8)), "\(format)")
            }
        }
    }

    /// The text without the moment it was exported: its first `<date …>` line (a CMIF
    /// publicationStmt's), a JSON Lines header's `exported`.
    static func undated(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.firstIndex(where: { $0.contains("<date ") }) { lines.remove(at: first) }
        return lines.joined(separator: "\n").replacing(#/,"exported":"[^"]*"/#, with: "")
    }

    @Test("an own export sent back leaves a letter changed since as it is, and says so; revert-newer puts the file's back")
    func ownExportChangedSince() async throws {
        try await APIHarness.run { harness, client in
            let export = try await client.call(.get, "/v1/export?format=jsonl", token: harness.reader).text
            #expect(export.hasPrefix(#"{"type":"chancery-dataset","version":1,"register":""#) && export.contains(#","exported":"20"#))
            let detail = try await client.call(.get, "/v1/letters/US-KH-2022-001", token: harness.reader)
            let etag = try #require(detail.headers[.eTag])
            let patched = try await client.call(.patch, "/v1/letters/US-KH-2022-001", token: harness.editor,
                                                json: ["summary": "Edited after the export"], headers: ["If-Match": etag])
            #expect(patched.status == .ok, "\(patched.text)")

            let kept = try await client.call(.post, "/v1/imports", token: harness.editor, rawBody: export,
                                             headers: ["Content-Type": "application/x-ndjson"])
            #expect(kept.status == .created, "\(kept.text)")
            #expect(kept.object["changedSinceExport"] as? Int == 1, "\(kept.text)")
            let warnings = (kept.object["warnings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(warnings.contains { $0.hasPrefix("ref: letter US-KH-2022-001 was changed in this register on ") }, "\(warnings)")
            let after = try await client.call(.get, "/v1/letters/US-KH-2022-001", token: harness.reader)
            #expect(after.object["summary"] as? String == "Edited after the export")

            // A change made after the check a person read is not put back by the import it leads to.
            let checkedAt = try #require(kept.object["checkedAt"] as? String, "\(kept.text)")
            let other = try #require(try await client.call(.get, "/v1/letters/KH-US-2022-001", token: harness.reader).headers[.eTag])
            let later = try await client.call(.patch, "/v1/letters/KH-US-2022-001", token: harness.editor,
                                              json: ["summary": "Edited after the check"], headers: ["If-Match": other])
            #expect(later.status == .ok, "\(later.text)")
            for (query, field) in [("revert-newer-up-to=\(checkedAt)", "revert-newer-up-to goes with revert-newer"),
                                   ("revert-newer=true&revert-newer-up-to=yesterday", "revert-newer-up-to 'yesterday' is no moment")] {
                let refused = try await client.call(.post, "/v1/imports?" + query, token: harness.editor,
                                                    rawBody: export, headers: ["Content-Type": "application/x-ndjson"])
                #expect(refused.status == .unprocessableContent && refused.text.contains(field), "\(refused.text)")
            }
            let bound = checkedAt.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? checkedAt
            let reverted = try await client.call(.post, "/v1/imports?revert-newer=true&revert-newer-up-to=" + bound, token: harness.editor,
                                                 rawBody: export, headers: ["Content-Type": "application/x-ndjson"])
            #expect(reverted.object["changedSinceExport"] as? Int == 2, "\(reverted.text)")
            #expect(reverted.object["putBackSinceExport"] as? Int == 1, "\(reverted.text)")
            let back = try await client.call(.get, "/v1/letters/US-KH-2022-001", token: harness.reader)
            #expect(back.object["summary"] as? String != "Edited after the export")
            let keptLater = try await client.call(.get, "/v1/letters/KH-US-2022-001", token: harness.reader)
            #expect(keptLater.object["summary"] as? String == "Edited after the check")
        }
    }

    @Test func importsWriteAllOrNothingAndReportRejectedRecords() async throws {
        try await APIHarness.run { harness, client in
            let good = """
                {"type": "chancery-dataset", "version": 1}
                {"type": "actor", "kind": "person", "name": "Prak Sokhonn"}
                {"type": "letter", "ref": "KH-US-2022-050", "from": [{"name": "Prak Sokhonn"}], "to": [{"name": "Joe Biden"}], "date": "2022-07", "subject": "Follow-up"}

                """
            let imported = try await client.call(.post, "/v1/imports", token: harness.editor, rawBody: good,
                                                 headers: ["Content-Type": "application/x-ndjson"])
            #expect(imported.status == .created)
            #expect(imported.object["committed"] as? Bool == true)
            #expect(try await client.call(.get, "/v1/letters/KH-US-2022-050", token: harness.reader).status == .ok)
            let history = try await client.call(.get, "/v1/letters/KH-US-2022-050/history", token: harness.reader)
            #expect((history.object["items"] as? [[String: Any]])?.first?["by"] as? String == "token:test-editor")

            let bad = """
                {"type": "chancery-dataset", "version": 1}
                {"type": "letter", "ref": "KH-US-2022-051", "from": [{"name": "Prak Sokhonn"}], "to": [{"name": "Joe Biden"}], "date": "2022-08", "subject": "Fine"}
                {"type": "letter", "ref": "KH-US-2022-052", "from": [{"name": "Nobody Known"}], "to": [{"name": "Joe Biden"}], "date": "2022-08", "subject": "Unknown sender"}

                """
            let refused = try await client.call(.post, "/v1/imports", token: harness.editor, rawBody: bad,
                                                headers: ["Content-Type": "application/x-ndjson"])
            #expect(refused.status == .unprocessableContent)
            let rejected = refused.object["rejected"] as? [[String: Any]] ?? []
            #expect(rejected.count == 1)
            #expect((rejected.first?["location"] as? [String: Any])?["line"] as? Int == 3)
            #expect(try await client.call(.get, "/v1/letters/KH-US-2022-051", token: harness.reader).status == .notFound)

            let dryRun = try await client.call(.post, "/v1/imports?dry-run=true", token: harness.editor, rawBody: good,
                                               headers: ["Content-Type": "application/x-ndjson"])
            #expect(dryRun.status == .ok)
            #expect(dryRun.object["dryRun"] as? Bool == true)
            let wrongType = try await client.call(.post, "/v1/imports", token: harness.editor, rawBody: good,
                                                  headers: ["Content-Type": "image/png"])
            #expect(wrongType.status == .unsupportedMediaType)
        }
    }

    @Test("an import's file is limited by --max-import-size, not the body limit: over it a 413 naming the option; a wrong type a 415; none a 400")
    func importLimits() async throws {
        try await APIHarness.run(configure: { $0.maximumImportSize = 4096 }) { harness, client in
            let line = #"{"type": "actor", "kind": "person", "name": "Someone"}"#
            let big = #"{"type": "chancery-dataset", "version": 1}"# + "\n" + String(repeating: line + "\n", count: 100)
            let before = try await WebLetterFormTests.scalar(harness, "SELECT count(*)::text AS value FROM actor")
            let tooLarge = try await client.call(.post, "/v1/imports", token: harness.editor, rawBody: big,
                                                 headers: ["Content-Type": "application/x-ndjson"])
            #expect(tooLarge.status == .contentTooLarge)
            #expect((tooLarge.object["hint"] as? String)?.contains("--max-import-size") == true, "\(tooLarge.text)")
            let wrongType = try await client.call(.post, "/v1/imports", token: harness.editor, rawBody: line, headers: ["Content-Type": "image/png"])
            #expect(wrongType.status == .unsupportedMediaType)
            let empty = try await client.call(.post, "/v1/imports", token: harness.editor, rawBody: "", headers: ["Content-Type": "text/csv"])
            #expect(empty.status == .badRequest && (empty.object["detail"] as? String)?.contains("needs the file") == true, "\(empty.text)")
            #expect(try await WebLetterFormTests.scalar(harness, "SELECT count(*)::text AS value FROM actor") == before)
            // Within the limit, it imports.
            let small = #"{"type": "chancery-dataset", "version": 1}"# + "\n" + line + "\n"
            let imported = try await client.call(.post, "/v1/imports", token: harness.editor, rawBody: small,
                                                 headers: ["Content-Type": "application/x-ndjson"])
            #expect(imported.status == .created, "\(imported.text)")
        }
    }

    @Test("a file over the body limit of other requests (1 MiB) imports: it is written to disk as it arrives")
    func largeImport() async throws {
        try await APIHarness.run { harness, client in
            let text = String(repeating: "Long minutes of the meeting. ", count: 15_000)
            let letters = (1...3).map {
                #"{"type": "letter", "ref": "US-KH-2022-10\#($0)", "from": [{"name": "Joe Biden"}], "to": [{"name": "Hun Sen"}], "#
                    + #""date": "2022-06", "subject": "Minutes \#($0)", "text": "\#(text)"}"#
            }
            let file = ([#"{"type": "chancery-dataset", "version": 1}"#] + letters).joined(separator: "\n") + "\n"
            #expect(file.utf8.count > harness.api.configuration.maximumBodySize)
            let imported = try await client.call(.post, "/v1/imports", token: harness.editor, rawBody: file,
                                                 headers: ["Content-Type": "application/x-ndjson"])
            #expect(imported.status == .created, "\(imported.text.prefix(500))")
            #expect(try await client.call(.get, "/v1/letters/US-KH-2022-103", token: harness.reader).status == .ok)
        }
    }
}
