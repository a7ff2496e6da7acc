import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// PATCH with null for a field every letter has.
@Suite("Removing a field a letter always has")
struct LetterPatchNullTests {
    @Test("null for the date is refused with what to send instead: XXXX for an unknown date")
    func nullDateNamesTheUnknownDate() async throws {
        try await APIHarness.run { harness, client in
            let patch = try await client.call(.patch, "/v1/letters/KH-US-2022-001", token: harness.editor,
                                              json: ["date": NSNull()], headers: ["If-Match": "\"r1\""])
            #expect(patch.status == .unprocessableContent)
            #expect(patch.object["field"] as? String == "date")
            #expect((patch.object["hint"] as? String)?.contains("XXXX") == true, "\(patch.object)")
            let kind = try await client.call(.patch, "/v1/letters/KH-US-2022-001", token: harness.editor,
                                             json: ["kind": NSNull()], headers: ["If-Match": "\"r1\""])
            #expect((kind.object["hint"] as? String)?.contains("note_verbale") == true, "\(kind.object)")
        }
    }
}
