import ChanceryCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import ChanceryModel

/// `POST /v1/intake`: the drafts `chancery intake` writes, for an article sent as the body.
@Suite("HTTP article intake") struct IntakeRouteTests {
    private static let text = ["Content-Type": "text/plain; charset=utf-8"]

    @Test("the founding article gives the founding example's drafts as a dataset, and nothing is written")
    func draftsFromTheFoundingArticle() async throws {
        try await APIHarness.run { harness, client in
            let before = try await LetterService(database: harness.database).list(LetterQuery()).count
            let response = try await client.call(.post, "/v1/intake?published=2022-02-14", token: harness.editor,
                                                 rawBody: try WebIntakeTests.foundingArticle(), headers: Self.text)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.headers[.contentType] == "application/x-ndjson; charset=utf-8")
            let records = try response.text.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(records.first?["type"] as? String == "chancery-dataset")
            let letters = records.filter { $0["type"] as? String == "letter" }
            #expect(letters.count == 3, "\(response.text)")
            #expect(letters.allSatisfy { ($0["intake"] as? [String: Any])?["confidence"] is Double })
            #expect(records.contains { $0["type"] as? String == "source" && ($0["title"] as? String)?.hasPrefix("Exchange of Correspondence") == true })
            #expect(try await LetterService(database: harness.database).list(LetterQuery()).count == before, "intake writes nothing")
            // The drafts are a dataset the import endpoint reads (a dry run here: the register holds the example already).
            let checked = try await client.call(.post, "/v1/imports?dry-run=true", token: harness.editor, rawBody: response.text,
                                                headers: ["Content-Type": "application/x-ndjson"])
            #expect(checked.status == .ok, "\(checked.text)")
        }
    }

    @Test("a saved HTML page is read without its furniture; the page's headline and the query's publisher are kept")
    func htmlPage() async throws {
        try await APIHarness.run { harness, client in
            let page = """
                <!doctype html><html><head><title>Biden writes to Hun Sen</title></head><body>
                <p>PHNOM PENH: In a letter sent by the US President Joe Biden to Prime Minister Hun Sen, the US administration looks forward to working with Cambodia as 2022 ASEAN Chair.</p>
                </body></html>
                """
            let response = try await client.call(.post, "/v1/intake?publisher=Khmer%20Times&published=2022-03-07", token: harness.editor,
                                                 rawBody: page, headers: ["Content-Type": "text/html"])
            #expect(response.status == .ok, "\(response.text)")
            let source = response.text.split(separator: "\n").first { $0.contains(#""type":"source""#) }.map(String.init) ?? ""
            #expect(source.contains(#""publisher":"Khmer Times""#) && source.contains("Biden writes to Hun Sen"), "\(response.text)")
            #expect(response.text.contains(#""type":"letter""#), "\(response.text)")
        }
    }

    @Test("a reader may not draft; an empty body, no article text, an impossible day and another media type are refused")
    func refusals() async throws {
        try await APIHarness.run { harness, client in
            let article = try WebIntakeTests.foundingArticle()
            #expect(try await client.call(.post, "/v1/intake", token: harness.reader, rawBody: article, headers: Self.text).status == .forbidden)
            let empty = try await client.call(.post, "/v1/intake", token: harness.editor, rawBody: "", headers: Self.text)
            #expect(empty.status == .badRequest && (empty.object["hint"] as? String)?.contains("text/plain") == true)
            let blank = try await client.call(.post, "/v1/intake", token: harness.editor, rawBody: " \n\t\n ", headers: Self.text)
            #expect(blank.status == .unprocessableContent && blank.object["field"] as? String == "body", "\(blank.text)")
            for day in ["2022-02-30", "14 Feb 2022", "2022-2-14"] {
                let bad = try await client.call(.post, "/v1/intake?published=" + day.replacingOccurrences(of: " ", with: "%20"),
                                                token: harness.editor, rawBody: article, headers: Self.text, conforming: false)
                #expect(bad.status == .unprocessableContent && bad.object["field"] as? String == "published", "\(day): \(bad.text)")
            }
            let json = try await client.call(.post, "/v1/intake", token: harness.editor, rawBody: #"{"text": "x"}"#,
                                             headers: ["Content-Type": "application/json"])
            #expect(json.status.code == 415, "\(json.text)")
        }
    }
}
