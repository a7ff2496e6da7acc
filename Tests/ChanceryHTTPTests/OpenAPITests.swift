import ChanceryCore
import ChanceryHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQClient
import Testing

/// docs/openapi.json describes exactly the endpoints the router serves, is the document served
/// at /openapi.json, and is well formed; and the checker every API test runs responses through
/// (``OpenAPIConformance``) does fail when it should. None of these needs a database.
@Suite("OpenAPI document") struct OpenAPITests {
    /// An API whose database is never connected to: building the router and the endpoint table
    /// touches no database.
    static func unconnectedAPI() -> ChanceryAPI {
        ChanceryAPI(database: ChanceryDatabase(configuration: PostgresConfiguration(conninfo: ""), changedBy: "test"))
    }

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Every documented operation as `METHOD /path`.
    static func documentedOperations() throws -> [String: [String: Any]] {
        let paths = try OpenAPIConformance.document()["paths"] as? [String: Any] ?? [:]
        var operations: [String: [String: Any]] = [:]
        for (path, item) in paths {
            for (method, operation) in item as? [String: Any] ?? [:] where methods.contains(method) {
                operations[method.uppercased() + " " + path] = operation as? [String: Any] ?? [:]
            }
        }
        return operations
    }

    // MARK: - (a) the document and the router agree

    @Test func everyEndpointIsDocumentedAndEveryDocumentedOperationIsAnEndpoint() throws {
        let served = Self.unconnectedAPI().endpoints.map { $0.method.rawValue + " " + $0.path }
        #expect(Set(served).count == served.count, "an endpoint is listed twice")
        let documented = Set(try Self.documentedOperations().keys)
        let undocumented = Set(served).subtracting(documented)
        let unserved = documented.subtracting(served)
        #expect(undocumented.isEmpty, "served but not in docs/openapi.json: \(undocumented.sorted())")
        #expect(unserved.isEmpty, "in docs/openapi.json but not served: \(unserved.sorted())")
        #expect(served.count >= 37)
    }

    @Test func documentedRolesAreTheEndpointsRoles() throws {
        let operations = try Self.documentedOperations()
        for endpoint in Self.unconnectedAPI().endpoints {
            let key = endpoint.method.rawValue + " " + endpoint.path
            guard let operation = operations[key] else { continue }  // reported by the test above
            #expect(operation["x-access-role"] as? String == endpoint.access?.rawValue, "x-access-role of \(key)")
            let security = operation["security"] as? [Any]
            if endpoint.access == nil {
                #expect(security?.isEmpty == true, "\(key) needs no token, so its security must be []")
            } else {
                #expect(security == nil, "\(key) needs a token: it must use the global bearer security")
            }
        }
    }

    @Test func everyOperationDocumentsTheProblemsEveryRequestCanMeet() throws {
        for (key, operation) in try Self.documentedOperations() {
            let responses = operation["responses"] as? [String: Any] ?? [:]
            #expect(operation["operationId"] is String && operation["summary"] is String, "\(key) lacks an operationId or summary")
            #expect(responses["default"] == nil, "\(key) documents a default response; list statuses instead")
            #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(key) documents no success")
            #expect(responses["500"] != nil, "\(key) lacks 500")
            guard let role = operation["x-access-role"] as? String else { continue }
            for status in ["401", "503"] { #expect(responses[status] != nil, "\(key) lacks \(status)") }
            #expect((responses["403"] != nil) == (role != "reader"), "\(key): 403 exactly when it needs more than reader")
            let method = key.split(separator: " ")[0]
            if method == "POST" || method == "PATCH" {
                for status in ["400", "413", "415", "422"] { #expect(responses[status] != nil, "\(key) lacks \(status)") }
            }
        }
    }

    @Test func problemsAreProblemDocumentsAndSuccessesAreNot() throws {
        let document = try OpenAPIConformance.document()
        for (key, operation) in try Self.documentedOperations() {
            for (status, value) in operation["responses"] as? [String: Any] ?? [:] {
                let response = try #require(OpenAPIConformance.dereference(value, in: document) as? [String: Any], "\(key) \(status)")
                let content = response["content"] as? [String: Any] ?? [:]
                #expect(response["description"] is String, "\(key) \(status) lacks a description")
                if status.hasPrefix("4") || status.hasPrefix("5") {
                    #expect(Array(content.keys) == ["application/problem+json"], "\(key) \(status)")
                    let schema = (content["application/problem+json"] as? [String: Any])?["schema"] as? [String: Any]
                    #expect(schema?["$ref"] as? String == "#/components/schemas/Problem", "\(key) \(status)")
                } else if status == "204" || status == "304" {
                    #expect(content.isEmpty, "\(key) \(status) must have no body")
                } else {
                    #expect(!content.isEmpty, "\(key) \(status) documents no body")
                }
            }
        }
    }

    @Test func pathParametersAreDeclaredAndOperationIDsUnique() throws {
        let document = try OpenAPIConformance.document()
        var identifiers: [String] = []
        for (key, operation) in try Self.documentedOperations() {
            identifiers.append(operation["operationId"] as? String ?? "")
            let path = String(key.split(separator: " ")[1])
            let templated = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            let declared = Set((operation["parameters"] as? [Any] ?? []).compactMap {
                OpenAPIConformance.dereference($0, in: document) as? [String: Any]
            }.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
            #expect(templated == declared, "\(key): path parameters \(templated.sorted()) but declared \(declared.sorted())")
        }
        #expect(Set(identifiers).count == identifiers.count, "operationIds repeat: \(identifiers.sorted())")
    }

    /// The query parameters documented are the ones the endpoint reads: any other is refused with
    /// 400, so a documented one the server did not know would turn valid requests into 400s.
    @Test func documentedQueryParametersAreTheEndpointsOwn() throws {
        let document = try OpenAPIConformance.document()
        let operations = try Self.documentedOperations()
        for endpoint in Self.unconnectedAPI().endpoints {
            let key = endpoint.method.rawValue + " " + endpoint.path
            guard let operation = operations[key] else { continue }  // reported above
            let documented = Set((operation["parameters"] as? [Any] ?? []).compactMap {
                OpenAPIConformance.dereference($0, in: document) as? [String: Any]
            }.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String })
            #expect(documented == endpoint.queryParameters, "\(key): documented \(documented.sorted()), read \(endpoint.queryParameters.sorted())")
        }
    }

    // MARK: - (b) the served document is the file

    @Test func theServedDocumentIsTheFile() async throws {
        let file = try #require(OpenAPIConformance.documentText, "cannot read \(OpenAPIConformance.documentURL.path)")
        #expect(OpenAPIDocument.json == file, "rebuild: the embedded document differs from docs/openapi.json")

        let application = Application(router: Self.unconnectedAPI().router())
        try await application.test(.router) { client in
            let response = try await client.call(.get, "/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(response.text == file)
            #expect(response.headers[HTTPField.Name("X-Request-ID")!] != nil)
        }
    }

    // MARK: - (c) well formed

    @Test func theDocumentIsOpenAPI31WithTheSecurityAsked() throws {
        let document = try OpenAPIConformance.document()
        #expect((document["openapi"] as? String)?.hasPrefix("3.1.") == true)
        let info = document["info"] as? [String: Any]
        #expect(info?["title"] as? String == "Chancery API")
        #expect(info?["version"] as? String == "1")
        let bearer = ((document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any])?["bearer"] as? [String: Any]
        #expect(bearer?["type"] as? String == "http")
        #expect((bearer?["scheme"] as? String)?.lowercased() == "bearer")
        let security = document["security"] as? [[String: Any]]
        #expect(security?.count == 1 && (security?.first?["bearer"] as? [Any])?.isEmpty == true)
    }

    @Test func everyReferenceResolves() throws {
        let document = try OpenAPIConformance.document()
        var references: [(String, String)] = []
        func collect(_ value: Any, at pointer: String) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    if key == "$ref", let reference = child as? String { references.append((pointer, reference)) }
                    collect(child, at: pointer + "/" + JSONSchemaValidator.escape(key))
                }
            } else if let array = value as? [Any] {
                for (index, child) in array.enumerated() { collect(child, at: pointer + "/\(index)") }
            }
        }
        collect(document, at: "#")
        #expect(references.count > 100)
        for (pointer, reference) in references {
            #expect(reference.hasPrefix("#/components/"), "\(pointer): \(reference) is not a local component")
            #expect(JSONSchemaValidator.resolve(reference, in: document) != nil, "\(pointer): \(reference) points nowhere")
        }
        // And every component schema is used somewhere.
        let schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]).keys
        let used = Set(references.map { $0.1 })
        for name in schemas {
            #expect(used.contains("#/components/schemas/" + name), "the schema \(name) is never used")
        }
    }

    /// The document's own examples conform to their schemas: checks the document and the validator at once.
    @Test func examplesConformToTheirSchemas() throws {
        let document = try OpenAPIConformance.document()
        let validator = JSONSchemaValidator(root: document)
        var checked = 0
        func visit(_ value: Any, at pointer: String) {
            if let object = value as? [String: Any] {
                if let schema = object["schema"] {
                    if let example = object["example"] {
                        checked += 1
                        let violations = validator.validate(example, against: schema)
                        #expect(violations.isEmpty, "\(pointer)/example: \(violations)")
                    }
                    for (name, entry) in object["examples"] as? [String: Any] ?? [:] {
                        guard let example = (entry as? [String: Any])?["value"] else { continue }
                        checked += 1
                        let violations = validator.validate(example, against: schema)
                        #expect(violations.isEmpty, "\(pointer)/examples/\(name): \(violations)")
                    }
                }
                for (key, child) in object where key != "examples" && key != "example" {
                    visit(child, at: pointer + "/" + JSONSchemaValidator.escape(key))
                }
            } else if let array = value as? [Any] {
                for (index, child) in array.enumerated() { visit(child, at: pointer + "/\(index)") }
            }
        }
        visit(document["paths"] as Any, at: "#/paths")
        visit((document["components"] as? [String: Any])?["responses"] as Any, at: "#/components/responses")
        visit((document["components"] as? [String: Any])?["parameters"] as Any, at: "#/components/parameters")
        for (name, schema) in (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:] {
            for (index, example) in ((schema as? [String: Any])?["examples"] as? [Any] ?? []).enumerated() {
                checked += 1
                let violations = validator.validate(example, against: schema, schemaLocation: "#/components/schemas/" + name)
                #expect(violations.isEmpty, "#/components/schemas/\(name)/examples/\(index): \(violations)")
            }
        }
        #expect(checked > 50)
    }

    /// Every schema uses only keywords the validator checks (or annotations), so no rule is silently skipped.
    @Test func theValidatorUnderstandsEveryKeywordTheDocumentUses() throws {
        let document = try OpenAPIConformance.document()
        let components = document["components"] as? [String: Any] ?? [:]
        var unknown: Set<String> = []
        func visitSchema(_ value: Any) {
            guard let schema = value as? [String: Any] else { return }
            for (key, child) in schema {
                if !JSONSchemaValidator.supported.contains(key) && !JSONSchemaValidator.annotations.contains(key) && !key.hasPrefix("x-") {
                    unknown.insert(key)
                }
                switch key {
                case "properties": (child as? [String: Any])?.values.forEach(visitSchema)
                case "items", "additionalProperties", "not": visitSchema(child)
                case "oneOf", "anyOf", "allOf": (child as? [Any])?.forEach(visitSchema)
                default: break
                }
            }
        }
        (components["schemas"] as? [String: Any])?.values.forEach(visitSchema)
        #expect(unknown.isEmpty, "keywords the validator does not check: \(unknown.sorted())")
    }
}

// MARK: - (d) the validator and the checker can fail

@Suite("OpenAPI conformance checker") struct OpenAPIConformanceCheckerTests {
    /// A JSON value from its text, as `JSONSerialization` gives it.
    static func json(_ text: String) -> Any {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? "unparseable: \(text)"
    }

    /// A validator over a small document with two schemas to refer to.
    nonisolated(unsafe) static let validator = JSONSchemaValidator(root: json("""
        {"components": {"schemas": {
            "Date": {"type": "object", "properties": {"edtf": {"type": "string"}, "earliest": {"type": ["string", "null"]}},
                     "required": ["edtf", "earliest"], "additionalProperties": false},
            "Node": {"type": "object", "properties": {"ref": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}},
                     "required": ["ref", "children"]}
        }}}
        """) as? [String: Any] ?? [:])

    /// The violations of `instance` (JSON text) against `schema` (JSON text).
    static func violations(_ instance: String, _ schema: String) -> [SchemaViolation] {
        validator.validate(json(instance), against: json(schema))
    }

    /// Asserts that `good` conforms and `bad` breaks `rule` at `pointer`.
    static func expectRule(_ schema: String, good: [String], bad: [String], rule: String, pointer: String = "",
                           sourceLocation: SourceLocation = #_sourceLocation) {
        for instance in good {
            let found = violations(instance, schema)
            #expect(found.isEmpty, "\(instance) should conform to \(schema): \(found)", sourceLocation: sourceLocation)
        }
        for instance in bad {
            let found = violations(instance, schema)
            #expect(found.contains { $0.rule == rule && $0.pointer == pointer },
                    "\(instance) should break \(rule) at '\(pointer)' of \(schema); found \(found)", sourceLocation: sourceLocation)
        }
    }

    @Test func jsonKindsTellBooleansFromNumbersOnThisPlatform() throws {
        let values = try #require(Self.json(#"[true, false, 1, 0, 1.5, 1.0, -3, 9007199254740993, "s", null, [], {}]"#) as? [Any])
        #expect(values.map { JSONKind.of($0) } == [.boolean, .boolean, .integer, .integer, .number, .integer, .integer, .integer,
                                                   .string, .null, .array, .object])
        // The trap this avoids: Foundation lets JSON 1 cast to Bool and JSON true cast to Int.
        #expect(JSONKind.isBoolean(try #require(values[0] as? NSNumber)))
        #expect(!JSONKind.isBoolean(try #require(values[2] as? NSNumber)))
        #expect(!JSONKind.equal(values[0], values[2]), "true must not equal 1")
        #expect(JSONKind.of(true) == .boolean && JSONKind.of(1) == .integer && JSONKind.of(2.5) == .number && JSONKind.of("x") == .string)
    }

    @Test func typeRule() {
        Self.expectRule(#"{"type": "string"}"#, good: [#""x""#], bad: ["1", "true", "null", "[]", "{}"], rule: "type")
        Self.expectRule(#"{"type": "integer"}"#, good: ["1", "0", "-7", "2.0"], bad: ["true", "false", "1.5", #""1""#], rule: "type")
        Self.expectRule(#"{"type": "number"}"#, good: ["1", "1.5"], bad: ["true", "null"], rule: "type")
        Self.expectRule(#"{"type": "boolean"}"#, good: ["true", "false"], bad: ["1", "0", #""true""#], rule: "type")
        Self.expectRule(#"{"type": ["string", "null"]}"#, good: [#""x""#, "null"], bad: ["1", "false"], rule: "type")
        Self.expectRule(#"{"type": "array"}"#, good: ["[]"], bad: ["{}"], rule: "type")
        Self.expectRule(#"{"type": "object"}"#, good: ["{}"], bad: ["[]"], rule: "type")
    }

    @Test func propertiesAndRequired() {
        let schema = #"{"type": "object", "properties": {"ref": {"type": "string"}, "revision": {"type": "integer"}}, "required": ["ref"]}"#
        Self.expectRule(schema, good: [#"{"ref": "US-KH-2022-001"}"#, #"{"ref": "x", "revision": 2, "other": true}"#],
                        bad: [#"{"revision": 1}"#], rule: "required")
        Self.expectRule(schema, good: [], bad: [#"{"ref": 7}"#], rule: "type", pointer: "/ref")
        Self.expectRule(schema, good: [], bad: [#"{"ref": "x", "revision": "2"}"#], rule: "type", pointer: "/revision")
    }

    @Test func additionalProperties() {
        Self.expectRule(#"{"type": "object", "properties": {"a": {}}, "additionalProperties": false}"#,
                        good: [#"{"a": 1}"#, "{}"], bad: [#"{"a": 1, "b": 2}"#], rule: "additionalProperties", pointer: "/b")
        Self.expectRule(#"{"type": "object", "additionalProperties": {"type": "integer"}}"#,
                        good: [#"{"a": 1, "b": 2}"#], bad: [#"{"a": 1, "b/c": "x"}"#], rule: "type", pointer: "/b~1c")
        Self.expectRule(#"{"type": "object", "additionalProperties": true}"#, good: [#"{"z": null}"#], bad: [], rule: "additionalProperties")
    }

    @Test func itemsAndMinItems() {
        Self.expectRule(#"{"type": "array", "items": {"type": "string"}}"#, good: ["[]", #"["a", "b"]"#],
                        bad: [#"["a", 2]"#], rule: "type", pointer: "/1")
        Self.expectRule(#"{"type": "array", "minItems": 1}"#, good: ["[1]"], bad: ["[]"], rule: "minItems")
        Self.expectRule(#"{"type": "array", "maxItems": 1}"#, good: ["[1]"], bad: ["[1, 2]"], rule: "maxItems")
    }

    @Test func enumAndConst() {
        Self.expectRule(#"{"enum": ["reader", "editor", "admin"]}"#, good: [#""editor""#], bad: [#""owner""#, "1"], rule: "enum")
        Self.expectRule(#"{"enum": [1, null]}"#, good: ["1", "null", "1.0"], bad: ["true"], rule: "enum")
        Self.expectRule(#"{"const": true}"#, good: ["true"], bad: ["false", "1"], rule: "const")
    }

    @Test func references() {
        Self.expectRule(##"{"$ref": "#/components/schemas/Date"}"##,
                        good: [#"{"edtf": "2022", "earliest": null}"#, #"{"edtf": "2022", "earliest": "2022-01-01"}"#],
                        bad: [#"{"edtf": "2022"}"#], rule: "required")
        Self.expectRule(##"{"$ref": "#/components/schemas/Date"}"##, good: [],
                        bad: [#"{"edtf": "2022", "earliest": null, "display": "2022"}"#], rule: "additionalProperties", pointer: "/display")
        // Recursion through a $ref, with the pointer reaching into the nesting.
        Self.expectRule(##"{"$ref": "#/components/schemas/Node"}"##,
                        good: [#"{"ref": "a", "children": [{"ref": "b", "children": []}]}"#],
                        bad: [#"{"ref": "a", "children": [{"ref": "b", "children": [{"ref": 3, "children": []}]}]}"#],
                        rule: "type", pointer: "/children/0/children/0/ref")
        Self.expectRule(##"{"$ref": "#/components/schemas/Missing"}"##, good: [], bad: ["{}"], rule: "$ref")
    }

    @Test func combinations() {
        Self.expectRule(#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#, good: [#""x""#, "null"], bad: ["1"], rule: "anyOf")
        Self.expectRule(#"{"oneOf": [{"type": "integer"}, {"type": "number"}]}"#, good: ["1.5"], bad: ["1"], rule: "oneOf")
        Self.expectRule(#"{"oneOf": [{"type": "integer"}, {"type": "string"}]}"#, good: ["1", #""x""#], bad: ["true"], rule: "oneOf")
        Self.expectRule(#"{"allOf": [{"type": "integer"}, {"minimum": 1}]}"#, good: ["1"], bad: ["0"], rule: "minimum")
        Self.expectRule(#"{"not": {"type": "null"}}"#, good: ["1"], bad: ["null"], rule: "not")
    }

    @Test func bounds() {
        Self.expectRule(#"{"type": "integer", "minimum": 1, "maximum": 500}"#, good: ["1", "500"], bad: ["0"], rule: "minimum")
        Self.expectRule(#"{"type": "integer", "minimum": 1, "maximum": 500}"#, good: [], bad: ["501"], rule: "maximum")
        Self.expectRule(#"{"type": "string", "minLength": 1}"#, good: [#""ក""#], bad: [#""""#], rule: "minLength")
        Self.expectRule(#"{"type": "string", "maxLength": 2}"#, good: [#""ab""#], bad: [#""abc""#], rule: "maxLength")
        Self.expectRule(#"{"type": "string", "pattern": "^\"r[0-9]+\"$"}"#, good: [#""\"r3\"""#], bad: [#""r3""#], rule: "pattern")
    }

    @Test func annotationsAreIgnoredAndUnknownKeywordsReported() {
        Self.expectRule(#"{"type": "string", "format": "date", "description": "d", "examples": [1], "x-note": 1}"#,
                        good: [#""not a date""#], bad: [], rule: "format")
        Self.expectRule(#"{"patternProperties": {}}"#, good: [], bad: ["{}"], rule: "patternProperties")
        Self.expectRule("true", good: ["1", "null"], bad: [], rule: "false")
        Self.expectRule("false", good: [], bad: ["1"], rule: "false")
    }

    // The checker, on made-up responses against the real document.

    static func response(_ status: Int, _ contentType: String?, _ body: String) -> APIResponse {
        var headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
        return APIResponse(status: HTTPResponse.Status(code: status), headers: headers, body: Data(body.utf8))
    }

    static let date = #"{"display":"Jan–Apr 2022","earliest":"2022-01-01","edtf":"2022-01/2022-04","latest":"2022-04-30","precision":"month"}"#
    static let summary = #"{"cc":[],"date":\#(date),"from":["Joe Biden"],"kind":"letter","ref":"US-KH-2022-001","subject":"S","to":["Hun Sen"],"via":[]}"#

    /// The error `check` throws, or nil when it passes.
    static func failure(_ response: APIResponse, _ method: HTTPRequest.Method, _ path: String, route: String? = nil) -> String? {
        do {
            try OpenAPIConformance.check(response, method: method, path: path, route: route)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test func conformingResponsesPass() {
        let page = Self.response(200, "application/json; charset=utf-8", #"{"items":[\#(Self.summary)],"nextCursor":null}"#)
        #expect(Self.failure(page, .get, "/v1/letters?between=US,KH&limit=1") == nil)
        #expect(Self.failure(Self.response(304, nil, ""), .get, "/v1/letters/US-KH-2022-001") == nil)
        #expect(Self.failure(Self.response(204, nil, ""), .delete, "/v1/letters/US-KH-2022-001") == nil)
        let problem = Self.response(404, "application/problem+json",
                                    #"{"detail":"no letter","status":404,"title":"Not found","type":"urn:chancery:problem:not-found","field":"ref"}"#)
        #expect(Self.failure(problem, .get, "/v1/letters/NOPE", route: "/v1/letters/:ref") == nil)
        #expect(Self.failure(Self.response(200, "text/csv; charset=utf-8; header=present", "kind,ref\r\n"), .get, "/v1/timeline?all") == nil)
        #expect(Self.failure(Self.response(200, "text/plain; version=0.0.4; charset=utf-8", "# metrics\n"), .get, "/metrics") == nil)
        #expect(Self.failure(Self.response(200, "application/json", #"{"status":"ok","version":"0.5.0","schemaVersion":5}"#), .get, "/healthz") == nil)
    }

    @Test func undocumentedPathsMethodsAndStatusesFail() {
        let ok = Self.response(200, "application/json", "{}")
        #expect(Self.failure(ok, .get, "/v1/nothing-here")?.contains("no documented path matches /v1/nothing-here") == true)
        #expect(Self.failure(ok, .put, "/v1/letters/US-KH-2022-001")?.contains("PUT is not documented") == true)
        #expect(Self.failure(ok, .get, "/x", route: "/v1/unknown/{id}")?.contains("the route /v1/unknown/{id} is not documented") == true)
        let teapot = Self.response(418, "application/problem+json", #"{"detail":"d","status":418,"title":"t","type":"t"}"#)
        #expect(Self.failure(teapot, .get, "/v1/letters")?.contains("status 418 is not documented") == true)
        // 404 is not documented for a list.
        let notFound = Self.response(404, "application/problem+json", #"{"detail":"d","status":404,"title":"t","type":"t"}"#)
        #expect(Self.failure(notFound, .get, "/v1/letters")?.contains("status 404 is not documented") == true)
    }

    @Test func wrongMediaTypesAndBodiesFail() {
        let html = Self.response(200, "text/html", "<p>")
        #expect(Self.failure(html, .get, "/v1/letters")?.contains("the media type text/html is not documented") == true)
        #expect(Self.failure(Self.response(200, nil, "{}"), .get, "/v1/letters")?.contains("no Content-Type") == true)
        // A problem sent as plain JSON is not a problem document.
        let plainProblem = Self.response(401, "application/json", #"{"detail":"d","status":401,"title":"t","type":"t"}"#)
        #expect(Self.failure(plainProblem, .get, "/v1/letters")?.contains("application/json is not documented") == true)
        #expect(Self.failure(Self.response(200, "application/json", "{not json"), .get, "/v1/letters")?.contains("not valid JSON") == true)
        #expect(Self.failure(Self.response(304, "application/json", "{}"), .get, "/v1/letters/A")?.contains("must not have a body") == true)
    }

    @Test func schemaViolationsNameThePointerAndTheRule() throws {
        // nextCursor is always present; here it is missing.
        let message = try #require(Self.failure(Self.response(200, "application/json", #"{"items":[]}"#), .get, "/v1/letters"))
        #expect(message.contains("at (root): required: the required property nextCursor is missing"))
        // A null where JSONEncoder leaves an optional out.
        let nullSummary = Self.summary.replacingOccurrences(of: #""subject":"S""#, with: #""subject":null"#)
        let typed = try #require(Self.failure(Self.response(200, "application/json", #"{"items":[\#(nullSummary)],"nextCursor":null}"#),
                                              .get, "/v1/letters"))
        #expect(typed.contains("at /items/0/subject: type: expected string, found null"))
        // A date precision outside the vocabulary, deep inside.
        let badDate = Self.summary.replacingOccurrences(of: #""precision":"month""#, with: #""precision":"week""#)
        let enumerated = try #require(Self.failure(Self.response(200, "application/json", #"{"items":[\#(badDate)],"nextCursor":null}"#),
                                                   .get, "/v1/letters"))
        #expect(enumerated.contains("at /items/0/date/precision: enum"))
        // A field the schema does not know.
        let extra = try #require(Self.failure(Self.response(200, "application/json", #"{"status":"ok","version":"0.5.0","schemaVersion":5,"uptime":3}"#), .get, "/healthz"))
        #expect(extra.contains("at /uptime: additionalProperties"))
        // A problem lacking its detail.
        let problem = try #require(Self.failure(Self.response(503, "application/problem+json", #"{"status":503,"title":"t","type":"t"}"#),
                                                .get, "/readyz"))
        #expect(problem.contains("required property detail is missing"))
    }

    @Test func templatesMatchSegmentWise() {
        let templates = ["/v1/letters", "/v1/letters/{ref}", "/v1/letters/{ref}/thread", "/v1/letters/{ref}/participants/{role}/{position}"]
        #expect(OpenAPIConformance.template(matching: "/v1/letters/US-KH-2022-001", among: templates) == "/v1/letters/{ref}")
        #expect(OpenAPIConformance.template(matching: "/v1/letters/thread", among: templates) == "/v1/letters/{ref}")
        #expect(OpenAPIConformance.template(matching: "/v1/letters/A/thread", among: templates) == "/v1/letters/{ref}/thread")
        #expect(OpenAPIConformance.template(matching: "/v1/letters/A/participants/cc/1", among: templates)
            == "/v1/letters/{ref}/participants/{role}/{position}")
        #expect(OpenAPIConformance.template(matching: "/v1/letters/", among: templates) == nil)
        #expect(OpenAPIConformance.template(matching: "/v1/letters/A/B", among: templates) == nil)
    }
}
