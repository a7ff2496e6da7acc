@testable import ChanceryHTTP
import ChanceryRequests
import ChanceryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import OpenAPIKit
import Testing

/// One name per field: a letter read with GET goes back with PATCH as it is, and errors name the
/// field as the request spelled it.
@Suite("Letters: GET and PATCH use the same names")
struct LetterRoundTripTests {
    @Test("a letter read with GET is sent back with PATCH unchanged, field for field")
    func getThenPatchUnchanged() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/KH-US-2022-001"
            let read = try await client.call(.get, path, token: harness.reader)
            let etag = try #require(read.headers[.eTag])
            let sentBack = try await client.call(.patch, path, token: harness.editor, json: read.object, headers: ["If-Match": etag])
            #expect(sentBack.status == .ok, "\(sentBack.text)")
            let before = read.object, after = sentBack.object
            #expect(after["revision"] as? Int == (before["revision"] as? Int ?? 0) + 1)
            func canonical(_ value: Any?) throws -> String {
                guard let value else { return "absent" }
                return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]),
                              as: UTF8.self)
            }
            for key in Set(before.keys).union(after.keys).subtracting(["revision"]).sorted() {
                #expect(try canonical(before[key]) == canonical(after[key]), "\(key)")
            }
        }
    }

    @Test("a GET body with one field changed changes that field; dates may stay objects")
    func getThenPatchOneChange() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/KH-US-2022-001"
            let read = try await client.call(.get, path, token: harness.reader)
            var body = read.object
            body["text"] = "Samdech Techo Hun Sen expresses full support."
            body["sentPlace"] = "Phnom Penh"
            body["sentPlaceGeonamesId"] = 1_821_306
            let changed = try await client.call(.patch, path, token: harness.editor, json: body,
                                                headers: ["If-Match": try #require(read.headers[.eTag])])
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.object["text"] as? String == "Samdech Techo Hun Sen expresses full support.")
            #expect(changed.object["sentPlaceGeonamesId"] as? Int == 1_821_306)
            #expect((changed.object["date"] as? [String: Any])?["edtf"] as? String == "2022-01/2022-04")
        }
    }

    @Test("a field that changes elsewhere is refused when sent back changed, naming it")
    func unchangeableFieldsMustBeSentBackAsTheyAre() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/KH-US-2022-001"
            let read = try await client.call(.get, path, token: harness.reader)
            var body = read.object
            body["participants"] = []
            let refused = try await client.call(.patch, path, token: harness.editor, json: body,
                                                headers: ["If-Match": try #require(read.headers[.eTag])])
            #expect(refused.status == .conflict)
            #expect(refused.object["field"] as? String == "participants")
            let now = try await client.call(.get, path, token: harness.reader)
            #expect(now.object["revision"] as? Int == read.object["revision"] as? Int)
        }
    }

    @Test("such a field sent back in another shape than GET gives it is a bad request, whatever the ETag")
    func unchangeableFieldsOfAnotherShape() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/KH-US-2022-001"
            for (field, value) in [("sources", ["a title"]), ("origin", "a register")] as [(String, any Sendable)] {
                let refused = try await client.call(.patch, path, token: harness.editor, json: [field: value], headers: ["If-Match": "\"r999\""])
                #expect(refused.status == .badRequest, "\(field)")
                #expect(refused.object["field"] as? String == field)
            }
        }
    }

    @Test("validation errors name the field as the request spelled it", arguments: [
        ("/v1/events", ["name": "Visit", "geonamesId": -4] as [String: any Sendable], "geonamesId"),
        ("/v1/events", ["name": "Visit", "cameoCode": "9x"] as [String: any Sendable], "cameoCode"),
        ("/v1/actors", ["kind": "person", "name": "Zed", "wikidataId": "X1"] as [String: any Sendable], "wikidataId"),
        ("/v1/actors", ["kind": "person", "name": "Zed", "isoCode": "KH"] as [String: any Sendable], "isoCode"),
    ])
    func errorFieldNames(path: String, body: [String: any Sendable], field: String) async throws {
        try await APIHarness.run { harness, client in
            let refused = try await client.call(.post, path, token: harness.editor, json: body)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.object["field"] as? String == field, "\(refused.text)")
        }
    }

    @Test("a letter's GeoNames ids are validated under their own names")
    func letterGeonamesFieldName() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/KH-US-2022-001"
            let read = try await client.call(.get, path, token: harness.reader)
            let refused = try await client.call(.patch, path, token: harness.editor, json: ["receivedPlaceGeonamesId": 0],
                                                headers: ["If-Match": try #require(read.headers[.eTag])])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.object["field"] as? String == "receivedPlaceGeonamesId")
        }
    }
}

/// The OpenAPI document names a record's fields exactly as the records' coding keys do.
@Suite("OpenAPI request schemas follow the coding keys")
struct CodingKeyDocumentTests {
    static func properties(_ schema: String) throws -> Set<String> {
        let document = try BodyFields.document(OpenAPIDocument.json)
        let key = try #require(OpenAPI.ComponentKey(rawValue: schema))
        let properties = try #require(document.components.schemas[key]?.objectContext?.properties)
        return Set(properties.keys).subtracting(["type"])
    }

    @Test("OpenAPIKit reads the document and finds it valid OpenAPI 3.1")
    func documentIsValid() throws {
        let document = try BodyFields.document(OpenAPIDocument.json)
        try document.validate()
        #expect(document.paths.count > 30)
    }

    @Test("the body check reads the document's request schemas, references resolved")
    func bodyFieldsFromTheDocument() throws {
        let fields = try BodyFields(document: OpenAPIDocument.json)
        #expect(fields.fields(method: "POST", path: "/v1/letters") == Set(LetterDraft.CodingKeys.allCases.map(\.stringValue) + ["type"]))
        #expect(try fields.fields(method: "PATCH", path: "/v1/letters/{ref}") == Self.properties("LetterPatch"))
        #expect(fields.fields(method: "GET", path: "/v1/letters") == nil)
    }

    @Test func letterActorAndEventDrafts() throws {
        #expect(try Self.properties("LetterDraft") == Set(LetterDraft.CodingKeys.allCases.map(\.stringValue)))
        #expect(try Self.properties("ActorDraft") == Set(ActorDraft.CodingKeys.allCases.map(\.stringValue)))
        #expect(try Self.properties("EventDraft") == Set(EventDraft.CodingKeys.allCases.map(\.stringValue)))
    }

    @Test func letterPatchTakesWhatGetReturns() throws {
        #expect(try Self.properties("LetterDetail").isSubset(of: Self.properties("LetterPatch")))
    }
}
