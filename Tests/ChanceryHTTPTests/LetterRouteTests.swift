import ChanceryCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import ChanceryModel

/// `/v1/letters`: the same results as the services the CLI calls, pages, and safe changes.
@Suite("HTTP letters") struct LetterRouteTests {
    @Test func listingMatchesTheServiceForEveryFilter() async throws {
        try await APIHarness.run { harness, client in
            let service = LetterService(database: harness.database)
            // A letter citing no source and about no event, so that those filters leave something out.
            var other = LetterDraft()
            other.from = [ParticipantDraft(name: "Hun Sen")]
            other.to = [ParticipantDraft(name: "Joe Biden")]
            other.date = "2022-07"
            other.subject = "After the summit"
            other.ref = "KH-US-2022-090"
            _ = try await service.add(other)
            var byCountry = LetterQuery(); byCountry.country = "KH"
            var between = LetterQuery(); between.between = ("US", "KH")
            var person = LetterQuery(); person.person = "Hun Sen"
            var organization = LetterQuery(); organization.organization = "ASEAN"; organization.includeMemberStates = true
            var window = LetterQuery(); window.since = "2022-01"; window.until = "2022-12"; window.strict = true
            var text = LetterQuery(); text.text = "summit"
            var fromCountry = LetterQuery(); fromCountry.fromCountry = "US"; fromCountry.kind = .letter
            var source = LetterQuery(); source.source = "1"; source.country = "KH"
            var event = LetterQuery(); event.event = "ASEAN-US-SUMMIT-2022"
            let cases: [(String, LetterQuery)] = [
                ("country=KH", byCountry), ("between=US,KH", between), ("person=Hun%20Sen", person),
                // As an HTML form writes it: `+` is a space.
                ("person=Hun+Sen", person), ("text=summit&person=Hun+Sen&text=ignored", { var both = person; both.text = "summit"; return both }()),
                ("org=ASEAN&members=true", organization), ("since=2022-01&until=2022-12&strict=true", window),
                ("text=summit", text), ("from-country=US&kind=letter", fromCountry), ("source=1&country=KH", source),
                ("event=ASEAN-US-SUMMIT-2022", event),
            ]
            for (parameters, query) in cases {
                let response = try await client.call(.get, "/v1/letters?" + parameters, token: harness.reader)
                #expect(response.status == .ok, "\(parameters)")
                let page = try JSONDecoder().decode(LetterPage.self, from: response.body)
                #expect(page.items == (try await service.list(query)), "\(parameters)")
                #expect(!page.items.isEmpty, "\(parameters)")
                if parameters.hasPrefix("source=") || parameters.hasPrefix("event=") {
                    #expect(!page.items.contains { $0.ref == "KH-US-2022-090" }, "the filter leaves out a letter it does not select: \(parameters)")
                }
            }
        }
    }

    @Test("a plus sign is a space in a query; %2B is a plus")
    func formEncodedQueries() async throws {
        try await APIHarness.run { harness, client in
            let encodedPlus = try await client.call(.get, "/v1/letters?person=Hun%2BSen", token: harness.reader)
            #expect(encodedPlus.status.code == 404 || encodedPlus.status.code == 422)
            #expect(String(decoding: encodedPlus.body, as: UTF8.self).contains("Hun+Sen"))
        }
    }

    @Test func cursorsWalkEveryLetterOnce() async throws {
        try await APIHarness.run { harness, client in
            var seen: [String] = []
            var path = "/v1/letters?limit=1"
            for _ in 0..<10 {
                let response = try await client.call(.get, path, token: harness.reader)
                let page = try JSONDecoder().decode(LetterPage.self, from: response.body)
                seen += page.items.map(\.ref)
                guard let next = page.nextCursor else { break }
                path = "/v1/letters?limit=1&cursor=" + next
            }
            let all = try await LetterService(database: harness.database).list(LetterQuery()).map(\.ref)
            #expect(seen == all)
            #expect(seen.count == 3)

            let tampered = try await client.call(.get, "/v1/letters?cursor=bm90LWEtY3Vyc29y", token: harness.reader)
            #expect(tampered.status == .unprocessableContent)
            #expect(tampered.object["field"] as? String == "cursor")
            let first = try JSONDecoder().decode(LetterPage.self, from: try await client.call(.get, "/v1/letters?limit=1", token: harness.reader).body)
            let otherQuery = try await client.call(.get, "/v1/letters?limit=1&country=KH&cursor=" + (first.nextCursor ?? ""), token: harness.reader)
            #expect(otherQuery.status == .unprocessableContent)
        }
    }

    @Test func badQueriesAreSpecific400s() async throws {
        try await APIHarness.run(seed: false) { harness, client in
            let unknown = try await client.call(.get, "/v1/letters?countyr=KH", token: harness.reader)
            #expect(unknown.status == .badRequest)
            #expect(unknown.object["field"] as? String == "countyr")
            let limit = try await client.call(.get, "/v1/letters?limit=0", token: harness.reader)
            #expect(limit.status == .badRequest)
            #expect(limit.object["field"] as? String == "limit")
            let between = try await client.call(.get, "/v1/letters?between=US", token: harness.reader)
            #expect(between.status == .badRequest)
            let date = try await client.call(.get, "/v1/letters?since=sometime", token: harness.reader)
            #expect(date.status == .unprocessableContent)
            #expect(date.object["field"] as? String == "since")
        }
    }

    @Test func readsCarryAnETagAndAnswer304WhenUnchanged() async throws {
        try await APIHarness.run { harness, client in
            let letter = try await client.call(.get, "/v1/letters/KH-US-2022-001", token: harness.reader)
            #expect(letter.status == .ok)
            let etag = try #require(letter.headers[.eTag])
            #expect(letter.object["revision"] as? Int == 1)
            let again = try await client.call(.get, "/v1/letters/KH-US-2022-001", token: harness.reader, headers: ["If-None-Match": etag])
            #expect(again.status == .notModified)
            let missing = try await client.call(.get, "/v1/letters/XX-YY-1999-001", token: harness.reader)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func patchNeedsIfMatchAndRefusesAStaleOne() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/KH-US-2022-001"
            let etag = try #require(try await client.call(.get, path, token: harness.reader).headers[.eTag])
            let change = ["summary": "Hun Sen accepts the invitation."]
            let unconditional = try await client.call(.patch, path, token: harness.editor, json: change)
            #expect(unconditional.status == HTTPResponse.Status(code: 428))
            let changed = try await client.call(.patch, path, token: harness.editor, json: change, headers: ["If-Match": etag])
            #expect(changed.status == .ok)
            #expect(changed.object["summary"] as? String == "Hun Sen accepts the invitation.")
            #expect(changed.headers[.eTag] != etag)
            let stale = try await client.call(.patch, path, token: harness.editor, json: ["subject": "Overwritten"], headers: ["If-Match": etag])
            #expect(stale.status == .preconditionFailed)
            let now = try await client.call(.get, path, token: harness.reader)
            #expect(now.object["summary"] as? String == "Hun Sen accepts the invitation.")
            #expect(now.object["subject"] as? String != "Overwritten")
        }
    }

    @Test func twoEditorsWithTheSameETagOneWinsTheOtherGets412() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/US-KH-2022-001"
            let etag = try #require(try await client.call(.get, path, token: harness.reader).headers[.eTag])
            async let first = client.call(.patch, path, token: harness.editor, json: ["summary": "first editor"], headers: ["If-Match": etag])
            async let second = client.call(.patch, path, token: harness.editor, json: ["language": "fr"], headers: ["If-Match": etag])
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .preconditionFailed }.count == 1)
            // The winner's change is stored whole; the loser's is not stored at all.
            let stored = try await client.call(.get, path, token: harness.reader).object
            let firstWon = statuses[0] == .ok
            #expect((stored["summary"] as? String == "first editor") == firstWon)
            #expect((stored["language"] as? String == "fr") == !firstWon)
            #expect(stored["revision"] as? Int == 2)
        }
    }

    @Test func deleteIsSoftAndNeedsIfMatch() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/KH-US-2022-001"
            #expect(try await client.call(.delete, path, token: harness.editor).status == HTTPResponse.Status(code: 428))
            let etag = try #require(try await client.call(.get, path, token: harness.reader).headers[.eTag])
            #expect(try await client.call(.delete, path, token: harness.reader, headers: ["If-Match": etag]).status == .forbidden)
            #expect(try await client.call(.delete, path, token: harness.editor, headers: ["If-Match": etag]).status == .noContent)
            #expect(try await client.call(.get, path, token: harness.reader).status == .notFound)
            let listed = try JSONDecoder().decode(LetterPage.self, from: try await client.call(.get, "/v1/letters", token: harness.reader).body)
            #expect(!listed.items.map(\.ref).contains("KH-US-2022-001"))
            let history = try await client.call(.get, path + "/history", token: harness.reader)
            let entries = history.object["items"] as? [[String: Any]] ?? []
            #expect(entries.last?["by"] as? String == "token:test-editor")
            #expect(entries.last?["operation"] as? String == "UPDATE")
        }
    }

    @Test func aRetriedPostWithTheSameIdempotencyKeyCreatesOneLetter() async throws {
        try await APIHarness.run { harness, client in
            let headers = ["Idempotency-Key": "8d3c1f9e-retry"]
            let first = try await client.call(.post, "/v1/letters", token: harness.editor, json: AccessTests.newLetter, headers: headers)
            let second = try await client.call(.post, "/v1/letters", token: harness.editor, json: AccessTests.newLetter, headers: headers)
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(first.body == second.body)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let all = try await LetterService(database: harness.database).list(LetterQuery())
            #expect(all.filter { $0.subject == "Thanks for the summit" }.count == 1)

            var other = AccessTests.newLetter
            other["subject"] = "Another letter"
            let reused = try await client.call(.post, "/v1/letters", token: harness.editor, json: other, headers: headers)
            #expect(reused.status == .unprocessableContent)
            #expect(reused.object["field"] as? String == "Idempotency-Key")
        }
    }

    @Test func badBodiesAreRefusedAndWriteNothing() async throws {
        try await APIHarness.run(configure: { $0.maximumBodySize = 2048 }) { harness, client in
            let before = try await LetterService(database: harness.database).list(LetterQuery()).count
            let notJSON = try await client.call(.post, "/v1/letters", token: harness.editor, rawBody: "{\"subject\":", headers: ["Content-Type": "application/json"])
            #expect(notJSON.status == .badRequest)
            let wrongType = try await client.call(.post, "/v1/letters", token: harness.editor, rawBody: "subject=x", headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(wrongType.status == .unsupportedMediaType)
            let missingField = try await client.call(.post, "/v1/letters", token: harness.editor, json: ["subject": "No sender"])
            #expect(missingField.status == .badRequest)
            #expect(missingField.object["field"] as? String == "from")
            var misspelt = AccessTests.newLetter
            misspelt["summmary"] = "typo"
            let typo = try await client.call(.post, "/v1/letters", token: harness.editor, json: misspelt)
            #expect(typo.status == .badRequest)
            #expect(typo.object["field"] as? String == "summmary")
            var fromDataset = AccessTests.newLetter
            fromDataset["type"] = "letter"
            fromDataset["subject"] = "A line copied from a dataset"
            #expect(try await client.call(.post, "/v1/letters", token: harness.editor, json: fromDataset).status == .created)
            var badDate = AccessTests.newLetter
            badDate["date"] = "2022-13-45"
            let invalid = try await client.call(.post, "/v1/letters", token: harness.editor, json: badDate)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.object["field"] as? String == "date")
            var unknownActor = AccessTests.newLetter
            unknownActor["to"] = [["name": "Nobody In Particular"]]
            let unknown = try await client.call(.post, "/v1/letters", token: harness.editor, json: unknownActor)
            #expect(unknown.status == .unprocessableContent)
            var big = AccessTests.newLetter
            big["text"] = String(repeating: "x", count: 4096)
            let tooLarge = try await client.call(.post, "/v1/letters", token: harness.editor, json: big)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try await LetterService(database: harness.database).list(LetterQuery()).count == before + 1)
            // Problems never leak SQL.
            for response in [notJSON, wrongType, missingField, typo, invalid, unknown, tooLarge] {
                #expect(!response.text.contains("SELECT") && !response.text.contains("INSERT"))
            }
        }
    }
}

/// A page of letters as the API sends it.
struct LetterPage: Decodable {
    var items: [LetterSummary]
    var nextCursor: String?
}
