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

    /// The text without its first `<date …>` line (a CMIF publicationStmt's).
    static func undated(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.firstIndex(where: { $0.contains("<date ") }) { lines.remove(at: first) }
        return lines.joined(separator: "\n")
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
