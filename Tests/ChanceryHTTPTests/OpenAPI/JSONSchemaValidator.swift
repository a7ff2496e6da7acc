import Foundation

/// One way an instance breaks a schema: where (a JSON pointer into the instance), which rule,
/// and what was found.
struct SchemaViolation: Sendable, CustomStringConvertible, Equatable {
    /// The JSON pointer of the offending value (`""` for the whole instance, `/items/0/date`).
    var pointer: String
    /// The keyword broken (`type`, `required`, `additionalProperties`, …).
    var rule: String
    /// What was expected and what was found.
    var message: String
    /// Where in the document the rule is (`#/components/schemas/LetterDetail/properties/sent`).
    var schemaLocation: String

    var description: String {
        "at \(pointer.isEmpty ? "(root)" : pointer): \(rule): \(message) [schema \(schemaLocation)]"
    }
}

/// A JSON Schema (2020-12, as OpenAPI 3.1 uses it) validator for the subset the Chancery
/// document uses: `type` (a name or a list), `properties`, `required`, `additionalProperties`
/// (a boolean or a schema), `items`, `enum`, `const`, `$ref` (JSON pointers into the document),
/// `oneOf`/`anyOf`/`allOf`/`not`, `minimum`/`maximum` (and the exclusive forms),
/// `minItems`/`maxItems`, `minLength`/`maxLength`, `pattern`. Annotations (`description`,
/// `format`, `examples`, `default`, …) and `x-` extensions are ignored; any other keyword is
/// reported as a violation, so the document cannot silently rely on a rule this does not check.
///
/// Instances are `Any` values as `JSONSerialization` produces them (see ``JSONKind``).
///
/// Schemas are read here as the JSON they are, not through OpenAPIKit (which the service uses to
/// read the document): a conformance check must refuse a keyword it does not check, and a typed
/// model keeps only the keywords it knows; OpenAPIKit has no instance validator to use instead.
struct JSONSchemaValidator {
    /// The document `$ref`s point into.
    let root: [String: Any]

    /// Keywords that only annotate, never constrain.
    static let annotations: Set<String> = [
        "description", "format", "examples", "example", "title", "default", "deprecated", "readOnly", "writeOnly",
        "$comment", "summary", "externalDocs", "xml", "contentMediaType", "contentEncoding",
    ]

    /// The keywords checked here.
    static let supported: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const", "oneOf", "anyOf",
        "allOf", "not", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
        "minLength", "maxLength", "pattern",
    ]

    /// Every way `instance` breaks `schema` (empty when it conforms).
    func validate(_ instance: Any, against schema: Any, schemaLocation: String = "#") -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        check(instance, schema, pointer: "", location: schemaLocation, depth: 0, into: &violations)
        return violations
    }

    /// Whether `instance` conforms.
    func conforms(_ instance: Any, to schema: Any) -> Bool {
        validate(instance, against: schema).isEmpty
    }

    /// The value at `reference` (`#/components/schemas/Problem`) in the document.
    func resolve(_ reference: String) -> Any? {
        Self.resolve(reference, in: root)
    }

    /// The value a local `$ref` points to in `document`; nil when it points nowhere.
    static func resolve(_ reference: String, in document: Any) -> Any? {
        guard reference.hasPrefix("#") else { return nil }
        let pointer = String(reference.dropFirst()).removingPercentEncoding ?? String(reference.dropFirst())
        if pointer.isEmpty { return document }
        guard pointer.hasPrefix("/") else { return nil }
        var current: Any = document
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let object = current as? [String: Any] {
                guard let next = object[token] else { return nil }
                current = next
            } else if let array = current as? [Any], let index = Int(token), array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }

    // MARK: - The rules

    private func check(_ instance: Any, _ schemaValue: Any, pointer: String, location: String, depth: Int,
                       into violations: inout [SchemaViolation]) {
        func fail(_ rule: String, _ message: String, at path: String? = nil, schema: String? = nil) {
            violations.append(SchemaViolation(pointer: path ?? pointer, rule: rule, message: message,
                                              schemaLocation: schema ?? location + "/" + rule))
        }
        guard depth < 256 else {
            fail("$ref", "the schema recurses without end")
            return
        }
        // Boolean schemas: true accepts everything, false nothing.
        if let kind = JSONKind.of(schemaValue), kind == .boolean {
            if !JSONKind.boolValue(schemaValue) { fail("false", "no value is allowed here", schema: location) }
            return
        }
        guard let schema = schemaValue as? [String: Any] else {
            fail("schema", "the schema is not an object or a boolean", schema: location)
            return
        }
        guard let instanceKind = JSONKind.of(instance) else {
            fail("type", JSONKind.describe(instance) + " is not JSON")
            return
        }

        for key in schema.keys.sorted() where !Self.supported.contains(key) && !Self.annotations.contains(key) && !key.hasPrefix("x-") {
            fail(key, "the validator does not support the keyword \(key)")
        }

        if let reference = schema["$ref"] as? String {
            if let target = resolve(reference) {
                check(instance, target, pointer: pointer, location: reference, depth: depth + 1, into: &violations)
            } else {
                fail("$ref", "\(reference) points nowhere in the document")
            }
        }

        if let typeValue = schema["type"] {
            let names = (typeValue as? [String]) ?? (typeValue as? String).map { [$0] } ?? []
            if !names.contains(where: instanceKind.satisfies) {
                fail("type", "expected \(names.joined(separator: " or ")), found \(JSONKind.describe(instance))")
                // The other rules would only repeat the mismatch.
                return
            }
        }

        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { JSONKind.equal($0, instance) }) {
            fail("enum", "\(JSONKind.describe(instance)) is not one of "
                + allowed.map { JSONKind.describe($0) }.joined(separator: ", "))
        }
        if let constant = schema["const"], !JSONKind.equal(constant, instance) {
            fail("const", "expected \(JSONKind.describe(constant)), found \(JSONKind.describe(instance))")
        }

        if instanceKind == .integer || instanceKind == .number {
            let value = JSONKind.doubleValue(instance)
            if let minimum = schema["minimum"].map(JSONKind.doubleValue), value < minimum {
                fail("minimum", "\(instance) is less than \(minimum.cleanDescription)")
            }
            if let maximum = schema["maximum"].map(JSONKind.doubleValue), value > maximum {
                fail("maximum", "\(instance) is more than \(maximum.cleanDescription)")
            }
            if let minimum = schema["exclusiveMinimum"].map(JSONKind.doubleValue), value <= minimum {
                fail("exclusiveMinimum", "\(instance) is not more than \(minimum.cleanDescription)")
            }
            if let maximum = schema["exclusiveMaximum"].map(JSONKind.doubleValue), value >= maximum {
                fail("exclusiveMaximum", "\(instance) is not less than \(maximum.cleanDescription)")
            }
        }

        if instanceKind == .string, let text = instance as? String {
            let length = text.unicodeScalars.count
            if let minimum = schema["minLength"].map(JSONKind.doubleValue), Double(length) < minimum {
                fail("minLength", "the string has \(length) characters, fewer than \(minimum.cleanDescription)")
            }
            if let maximum = schema["maxLength"].map(JSONKind.doubleValue), Double(length) > maximum {
                fail("maxLength", "the string has \(length) characters, more than \(maximum.cleanDescription)")
            }
            if let pattern = schema["pattern"] as? String {
                if let expression = try? NSRegularExpression(pattern: pattern) {
                    let range = NSRange(text.startIndex..., in: text)
                    if expression.firstMatch(in: text, range: range) == nil {
                        fail("pattern", "\(JSONKind.describe(instance)) does not match \(pattern)")
                    }
                } else {
                    fail("pattern", "the pattern \(pattern) is not a valid regular expression")
                }
            }
        }

        if instanceKind == .array, let elements = instance as? [Any] {
            if let minimum = schema["minItems"].map(JSONKind.doubleValue), Double(elements.count) < minimum {
                fail("minItems", "the array has \(elements.count) items, fewer than \(minimum.cleanDescription)")
            }
            if let maximum = schema["maxItems"].map(JSONKind.doubleValue), Double(elements.count) > maximum {
                fail("maxItems", "the array has \(elements.count) items, more than \(maximum.cleanDescription)")
            }
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() {
                    check(element, items, pointer: pointer + "/\(index)", location: location + "/items", depth: depth + 1,
                          into: &violations)
                }
            }
        }

        if instanceKind == .object, let object = instance as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in (schema["required"] as? [String] ?? []) where object[name] == nil {
                fail("required", "the required property \(name) is missing")
            }
            for (name, value) in object.sorted(by: { $0.key < $1.key }) {
                let child = pointer + "/" + Self.escape(name)
                if let propertySchema = properties[name] {
                    check(value, propertySchema, pointer: child, location: location + "/properties/" + Self.escape(name),
                          depth: depth + 1, into: &violations)
                } else if let additional = schema["additionalProperties"] {
                    if JSONKind.of(additional) == .boolean {
                        if !JSONKind.boolValue(additional) {
                            fail("additionalProperties", "the property \(name) is not in the schema (\(properties.keys.sorted().joined(separator: ", ")))",
                                 at: child)
                        }
                    } else {
                        check(value, additional, pointer: child, location: location + "/additionalProperties", depth: depth + 1,
                              into: &violations)
                    }
                }
            }
        }

        if let all = schema["allOf"] as? [Any] {
            for (index, member) in all.enumerated() {
                check(instance, member, pointer: pointer, location: location + "/allOf/\(index)", depth: depth + 1, into: &violations)
            }
        }
        if let any = schema["anyOf"] as? [Any] {
            let outcomes = any.enumerated().map { index, member in
                validateNested(instance, member, pointer: pointer, location: location + "/anyOf/\(index)", depth: depth)
            }
            if !outcomes.contains(where: \.isEmpty) {
                fail("anyOf", "matches none of the \(any.count) alternatives: " + Self.summarize(outcomes))
            }
        }
        if let one = schema["oneOf"] as? [Any] {
            let outcomes = one.enumerated().map { index, member in
                validateNested(instance, member, pointer: pointer, location: location + "/oneOf/\(index)", depth: depth)
            }
            let matching = outcomes.indices.filter { outcomes[$0].isEmpty }
            if matching.isEmpty {
                fail("oneOf", "matches none of the \(one.count) alternatives: " + Self.summarize(outcomes))
            } else if matching.count > 1 {
                fail("oneOf", "matches \(matching.count) alternatives (\(matching.map(String.init).joined(separator: ", "))), not exactly one")
            }
        }
        if let negated = schema["not"],
           validateNested(instance, negated, pointer: pointer, location: location + "/not", depth: depth).isEmpty {
            fail("not", "\(JSONKind.describe(instance)) matches a schema it must not match")
        }
    }

    private func validateNested(_ instance: Any, _ schema: Any, pointer: String, location: String, depth: Int) -> [SchemaViolation] {
        var nested: [SchemaViolation] = []
        check(instance, schema, pointer: pointer, location: location, depth: depth + 1, into: &nested)
        return nested
    }

    private static func summarize(_ outcomes: [[SchemaViolation]]) -> String {
        outcomes.enumerated().map { index, violations in
            "#\(index): " + (violations.first.map { "\($0.pointer.isEmpty ? "" : $0.pointer + " ")\($0.rule): \($0.message)" } ?? "ok")
        }.joined(separator: "; ")
    }

    /// A property name as a JSON-pointer token.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

extension Double {
    /// `50` rather than `50.0`.
    fileprivate var cleanDescription: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
