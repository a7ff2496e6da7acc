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
            // (The whole demo register's export is over the default body limit.)
            let export = try await client.call(.get, "/v1/export?format=jsonl&country=KH", token: harness.reader).text
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

            let reverted = try await client.call(.post, "/v1/imports?revert-newer=true", token: harness.editor, rawBody: export,
                                                 headers: ["Content-Type": "application/x-ndjson"])
            #expect(reverted.object["changedSinceExport"] as? Int == 1, "\(reverted.text)")
            let back = try await client.call(.get, "/v1/letters/US-KH-2022-001", token: harness.reader)
            #expect(back.object["summary"] as? String != "Edited after the export")
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
}
