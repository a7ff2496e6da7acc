import ChanceryCore
import ChanceryModel
import ChanceryRequests
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A problem names the requests that go on from it (`next`), where the CLI names commands and a
/// page links: the service names each step once.
@Suite("Problems name the next requests")
struct ProblemNextStepTests {
    @Test("an unknown letter points to the listing; a stale change to the letter; an unknown actor to POST /v1/actors")
    func nextRequests() async throws {
        try await APIHarness.run { harness, client in
            let missing = try await client.call(.get, "/v1/letters/US-KH-1999-404", token: harness.reader)
            #expect(missing.status == .notFound && missing.object["next"] as? [String] == ["GET /v1/letters"], "\(missing.object)")
            #expect((missing.object["hint"] as? String)?.contains("chancery") == false)

            let stale = try await client.call(.patch, "/v1/letters/US-KH-2022-001", token: harness.editor,
                                              json: ["subject": "Changed"], headers: ["If-Match": "\"r99\""])
            #expect(stale.status == .preconditionFailed && stale.object["next"] as? [String] == ["GET /v1/letters/US-KH-2022-001"],
                    "\(stale.object)")

            let missingSource = try await client.call(.get, "/v1/sources/999", token: harness.reader)
            #expect(missingSource.status == .notFound && missingSource.object["next"] as? [String] == ["GET /v1/sources"], "\(missingSource.object)")
            let clash = try await client.call(.patch, "/v1/actors/Hun%20Sen", token: harness.editor, json: ["addAliases": ["Cambodia"]])
            #expect(clash.status == .conflict && clash.object["next"] as? [String] == ["POST /v1/actors/Hun%20Sen/merge"], "\(clash.object)")

            let unknownActor = try await client.call(.post, "/v1/letters", token: harness.editor,
                                                     json: ["from": [["name": "Joe Biden"]], "to": [["name": "Nobody Atall"]],
                                                            "date": "2022-06", "subject": "S"])
            #expect(unknownActor.status == .unprocessableContent && unknownActor.object["next"] as? [String] == ["POST /v1/actors"],
                    "\(unknownActor.object)")
        }
    }

    @Test("names in a step's path are written as path segments")
    func segments() {
        #expect(NextStep.showActor(name: "Hun Sen").request == "GET /v1/actors/Hun%20Sen")
        #expect(NextStep.mergeActors(duplicate: nil, into: "Hun Sen").request == "POST /v1/actors/{duplicate}/merge")
        #expect(NextStep.listActors(kind: .state).request == "GET /v1/actors?kind=state")
        #expect(NextStep.listUsers.request == nil)
    }
}
