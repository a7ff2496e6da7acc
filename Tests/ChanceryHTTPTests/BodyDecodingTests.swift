@testable import ChanceryHTTP
import ChanceryCore
import ChanceryModel
import ChanceryRequests
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A body the decoder refuses is a 400 that says which field, what it holds and what it should
/// hold: a value outside a closed vocabulary (`"kind": "lettre"`) lists the accepted values, as
/// the CLI does for its options, never the decoder's own words.
@Suite("HTTP body decoding") struct BodyDecodingTests {
    private struct Probe<Value: Decodable>: Decodable { var value: Value }

    // MARK: - without a database

    @Test("every vocabulary's refusal by the decoder is recognized and lists the accepted values")
    func everyVocabularyIsRecognized() throws {
        let body = Data(#"{"value": "no-such-value"}"#.utf8)
        for vocabulary in BodyDecodingProblem.vocabularies {
            let error = try #require(Self.decodingError { try vocabulary.decodeField(body) }, "\(vocabulary.typeName)")
            let problem = BodyDecodingProblem.problem(for: error, body: body)
            #expect(problem.status == 400, "\(vocabulary.typeName)")
            #expect(problem.field == "value", "\(vocabulary.typeName)")
            #expect(problem.detail == "value 'no-such-value' is not one of the accepted values: " + vocabulary.values.joined(separator: ", "),
                    "\(vocabulary.typeName): \(problem.detail)")
            #expect(problem.hint == "Use one of: " + vocabulary.values.joined(separator: ", ") + ".", "\(vocabulary.typeName)")
        }
    }

    private static func decodingError(_ body: () throws -> Void) -> DecodingError? {
        do { try body(); return nil } catch { return error as? DecodingError }
    }

    @Test("the vocabularies are the document's: every enum of a request body, with the same values")
    func vocabulariesAreTheDocumentsEnums() throws {
        let document = try OpenAPIConformance.document()
        let components = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        // The enums request bodies reach, by component name, following references.
        var reached: Set<String> = []
        var visited: Set<String> = []
        func visit(_ value: Any) {
            if let object = value as? [String: Any] {
                if let reference = object["$ref"] as? String, reference.hasPrefix("#/components/schemas/") {
                    let name = String(reference.dropFirst("#/components/schemas/".count))
                    guard visited.insert(name).inserted, let schema = components[name] as? [String: Any] else { return }
                    if schema["enum"] != nil { reached.insert(name) } else { visit(schema) }
                    return
                }
                object.values.forEach(visit)
            } else if let array = value as? [Any] {
                array.forEach(visit)
            }
        }
        for item in (document["paths"] as? [String: Any] ?? [:]).values {
            for operation in (item as? [String: Any] ?? [:]).values {
                if let body = (operation as? [String: Any])?["requestBody"] { visit(body) }
            }
        }
        let registered = Dictionary(uniqueKeysWithValues: BodyDecodingProblem.vocabularies.map { ($0.typeName, $0.values) })
        // A date object's precision, sent back as GET returned it, is checked by the patch itself
        // (LetterPatch lists the precisions), never decoded as a vocabulary here.
        #expect(reached.subtracting(["DatePrecision"]) == Set(registered.keys))
        for (name, values) in registered {
            let documented = (components[name] as? [String: Any])?["enum"] as? [String]
            #expect(documented == values, "\(name)")
        }
    }

    @Test("a value as the CLI accepts it is named as the API reads it")
    func aValueInAnotherCaseIsNamedAsWritten() throws {
        let body = Data(#"{"value": "Note-Verbale"}"#.utf8)
        let error: DecodingError
        do {
            _ = try JSONDecoder().decode(Probe<LetterKind>.self, from: body)
            Issue.record("Note-Verbale decoded")
            return
        } catch let caught as DecodingError {
            error = caught
        }
        let problem = BodyDecodingProblem.problem(for: error, body: body)
        #expect(problem.detail.contains("'Note-Verbale'"))
        #expect(problem.hint?.contains("'note_verbale'") == true)
    }

    @Test("a long value is cut short in the detail")
    func aLongValueIsCut() throws {
        let long = String(repeating: "x", count: 5_000)
        let body = Data(#"{"value": "\#(long)"}"#.utf8)
        let vocabulary = try #require(BodyDecodingProblem.vocabularies.first { $0.typeName == "SourceKind" })
        let error = try #require(Self.decodingError { try vocabulary.decodeField(body) })
        let problem = BodyDecodingProblem.problem(for: error, body: body)
        #expect(problem.detail.contains("'" + String(repeating: "x", count: 60) + "…'"))
        #expect(problem.detail.count < 200)
    }

    // MARK: - through the API

    @Test("a value outside a vocabulary is a 400 naming the field, the value and the accepted values, on every endpoint")
    func vocabularyValuesAreNamed() async throws {
        try await APIHarness.run { harness, client in
            let letter: [String: Any] = ["from": [["name": "Joe Biden"]], "to": [["name": "Hun Sen"]], "date": "2022-05-20", "subject": "Thanks"]
            func with(_ body: [String: Any], _ key: String, _ value: Any) -> [String: Any] {
                var body = body; body[key] = value; return body
            }
            let cases: [(HTTPRequest.Method, String, String, [String: Any], String, [String])] = [
                (.post, "/v1/letters", harness.editor, with(letter, "kind", "lettre"), "kind", LetterKind.allCases.map(\.rawValue)),
                (.post, "/v1/letters", harness.editor, with(letter, "classification", "secrett"), "classification",
                 Classification.allCases.map(\.rawValue)),
                (.post, "/v1/letters", harness.editor, with(letter, "sources", [["kind": "newspaper", "title": "A"]]), "sources[0].kind",
                 SourceKind.allCases.map(\.rawValue)),
                (.patch, "/v1/letters/KH-US-2022-001", harness.editor, ["kind": "lettre"], "kind", LetterKind.allCases.map(\.rawValue)),
                (.patch, "/v1/letters/KH-US-2022-001", harness.editor, ["classification": "TOP SECRET"], "classification",
                 Classification.allCases.map(\.rawValue)),
                (.post, "/v1/letters/KH-US-2022-001/participants", harness.editor, ["role": "sender", "name": "Indonesia"], "role",
                 ParticipantRole.allCases.map(\.rawValue)),
                (.post, "/v1/letters/KH-US-2022-001/links", harness.editor, ["kind": "replies_to", "target": "US-KH-2022-001"], "kind",
                 LetterLinkKind.allCases.map(\.rawValue)),
                (.post, "/v1/letters/KH-US-2022-001/sources", harness.editor, ["kind": "tweet", "title": "A post"], "kind",
                 SourceKind.allCases.map(\.rawValue)),
                (.post, "/v1/actors", harness.editor, ["kind": "country", "name": "Freedonia"], "kind", ActorKind.allCases.map(\.rawValue)),
                (.post, "/v1/events", harness.editor, ["name": "A summit", "kind": "visit"], "kind", EventKind.allCases.map(\.rawValue)),
                (.post, "/v1/events", harness.editor, ["name": "A summit", "status": "planned"], "status", EventStatus.allCases.map(\.rawValue)),
                (.patch, "/v1/events/ASEAN-US-SUMMIT-2022", harness.editor, ["status": "done"], "status", EventStatus.allCases.map(\.rawValue)),
                (.post, "/v1/invitations/INV-US-2022-001/responses", harness.editor, ["invitee": "Hun Sen", "status": "yes"], "status",
                 ResponseStatus.allCases.map(\.rawValue)),
                (.post, "/v1/tokens", harness.admin, ["name": "desk-9", "role": "owner"], "role", AccessRole.allCases.map(\.rawValue)),
            ]
            for (method, path, token, body, field, values) in cases {
                let response = try await client.call(method, path, token: token, json: body)
                let label = "\(method) \(path) \(field)"
                #expect(response.status == .badRequest, "\(label)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(label)")
                #expect(response.object["type"] as? String == "urn:chancery:problem:bad-request", "\(label)")
                #expect(response.object["field"] as? String == field, "\(label)")
                let detail = response.object["detail"] as? String ?? ""
                let sent = try #require(Self.value(of: field, in: body), "\(label)")
                #expect(detail.hasPrefix("\(field) '\(sent)' is not one of the accepted values: "), "\(label): \(detail)")
                #expect(detail.contains(values.joined(separator: ", ")), "\(label): \(detail)")
                #expect(!detail.contains("Cannot initialize"), "\(label): \(detail)")
                #expect(response.object["hint"] as? String == "Use one of: " + values.joined(separator: ", ") + ".", "\(label)")
            }
            // Nothing was written.
            #expect(try await LetterService(database: harness.database).list(LetterQuery()).count == 3)
            #expect(try await client.call(.get, "/v1/letters/KH-US-2022-001", token: harness.reader).object["revision"] as? Int == 1)
        }
    }

    /// The string at a problem's field path (`sources[0].kind`) in a request body.
    private static func value(of field: String, in body: [String: Any]) -> String? {
        var current: Any = body
        for part in field.split(separator: ".") {
            var name = Substring(part)
            var index: Int?
            if let bracket = part.firstIndex(of: "[") {
                name = part[..<bracket]
                index = Int(part[part.index(after: bracket)...].dropLast())
            }
            guard let next = (current as? [String: Any])?[String(name)] else { return nil }
            current = next
            if let index { current = (current as? [Any])?[index] as Any }
        }
        return current as? String
    }

    @Test("the exact problem for POST /v1/letters with kind lettre")
    func letterKindProblem() async throws {
        try await APIHarness.run(seed: false) { harness, client in
            let response = try await client.call(.post, "/v1/letters", token: harness.editor,
                                                 json: ["from": [["name": "Joe Biden"]], "to": [["name": "Hun Sen"]], "date": "2022-05-20",
                                                        "subject": "Thanks", "kind": "lettre"])
            #expect(response.status == .badRequest)
            #expect(response.object["detail"] as? String
                == "kind 'lettre' is not one of the accepted values: letter, note_verbale, message, telegram, cable, email, memorandum, call_readout, other")
            #expect(response.object["field"] as? String == "kind")
            #expect(response.object["hint"] as? String
                == "Use one of: letter, note_verbale, message, telegram, cable, email, memorandum, call_readout, other.")
            let spelled = try await client.call(.post, "/v1/letters", token: harness.editor,
                                                json: ["from": [["name": "Joe Biden"]], "to": [["name": "Hun Sen"]], "date": "2022-05-20",
                                                       "subject": "Thanks", "kind": "Note-Verbale"])
            #expect(spelled.status == .badRequest)
            #expect(spelled.object["hint"] as? String == "Send 'note_verbale': the values are written in lower case, with _ between words.")
        }
    }

    @Test("a missing field, a wrong type or null is still named, with where it is and what it should be")
    func otherDecodingErrorsNameTheField() async throws {
        try await APIHarness.run(seed: false) { harness, client in
            let letter: [String: Any] = ["from": [["name": "Joe Biden"]], "to": [["name": "Hun Sen"]], "date": "2022-05-20", "subject": "Thanks"]
            func post(_ change: (inout [String: Any]) -> Void) async throws -> APIResponse {
                var body = letter
                change(&body)
                return try await client.call(.post, "/v1/letters", token: harness.editor, json: body)
            }
            let missing = try await post { $0["subject"] = nil }
            #expect(missing.status == .badRequest)
            #expect(missing.object["field"] as? String == "subject")
            #expect(missing.object["detail"] as? String == "the body lacks the required field subject")

            let nested = try await post { $0["to"] = [["capacity": "Prime Minister"]] }
            #expect(nested.status == .badRequest)
            #expect(nested.object["field"] as? String == "to[0].name")
            #expect(nested.object["detail"] as? String == "the body lacks the required field to[0].name")

            let number = try await post { $0["subject"] = 5 }
            #expect(number.status == .badRequest)
            #expect(number.object["field"] as? String == "subject")
            #expect(number.object["detail"] as? String == "subject should be a string, not a number")

            let kindNumber = try await post { $0["kind"] = 7 }
            #expect(kindNumber.object["field"] as? String == "kind")
            #expect(kindNumber.object["detail"] as? String == "kind should be a string, not a number")

            let array = try await post { $0["from"] = "Joe Biden" }
            #expect(array.object["field"] as? String == "from")
            #expect(array.object["detail"] as? String == "from should be an array, not a string")

            let boolean = try await post { $0["awaitingReply"] = "yes" }
            #expect(boolean.object["field"] as? String == "awaitingReply")
            #expect(boolean.object["detail"] as? String == "awaitingReply should be true or false, not a string")

            let null = try await post { $0["subject"] = NSNull() }
            #expect(null.status == .badRequest)
            #expect(null.object["field"] as? String == "subject")
            #expect((null.object["detail"] as? String)?.contains("null") == true)

            let notJSON = try await client.call(.post, "/v1/letters", token: harness.editor, rawBody: "{\"kind\": ",
                                                headers: ["Content-Type": "application/json"])
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.object["detail"] as? String == "the body is not valid JSON")
        }
    }
}
