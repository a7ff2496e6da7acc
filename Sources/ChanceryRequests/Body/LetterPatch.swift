package import ChanceryModel
import EDTF
import Foundation
import HTTPTypes

/// A JSON merge patch (RFC 7396) of a letter: a field left out stays, `null` clears it, a
/// value replaces it. Fields are named as `GET /v1/letters/{ref}` returns them and `POST` takes
/// them, so a letter read with GET can be sent back changed or unchanged: dates may come as the
/// EDTF text or as the date object GET returns. What changes through other endpoints
/// (participants, links, sources) or never (ref, revision) may be sent back only as it is.
package struct LetterPatch: Decodable {
    package var changes = LetterChanges()
    /// The fields GET returns that PATCH cannot change, as the request sent them; the route
    /// checks they equal the stored letter's.
    package var unchangeable: [String: JSONValue] = [:]

    typealias Key = LetterDraft.CodingKeys

    /// The fields PATCH changes.
    static let editable: [Key] = [.kind, .date, .received, .dateAsWritten, .receivedAsWritten, .subject, .summary, .text, .language, .classification,
                                  .sentPlace, .sentPlaceGeonamesId, .receivedPlace, .receivedPlaceGeonamesId, .awaitingReply]
    /// What to send instead of null for a field a letter always has.
    static let withoutValueHints: [String: String] = [
        "date": "A letter whose date is unknown is dated \"XXXX\" (EDTF's unspecified year); an uncertain one can be a range such as \"2022-01/2022-04\" or \"2022?\".",
        "kind": "Send one of " + LetterKind.allCases.map(\.rawValue).joined(separator: ", ") + ".",
        "subject": "Send a short description of the letter instead.",
        "classification": "Send \"unclassified\" for a letter without a classification.",
        "awaitingReply": "Send false for a letter that awaits no reply.",
    ]
    /// The fields GET returns that change elsewhere, with where.
    static let unchangeableFields: [String: String] = [
        "ref": "a letter's reference never changes", "revision": "the revision is the ETag; send it in If-Match",
        "participants": "participants change through /v1/letters/{ref}/participants",
        "links": "links change through /v1/letters/{ref}/links", "linkedFrom": "links change through /v1/letters/{ref}/links",
        "sources": "sources change through /v1/letters/{ref}/sources",
        "invitations": "invitations are recorded through /v1/invitations", "events": "a letter's events are set when it is logged",
        "origin": "where a letter was first recorded never changes",
    ]

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let editable = Set(Self.editable.map(\.stringValue))
        for key in container.allKeys where !editable.contains(key.stringValue) {
            guard Self.unchangeableFields[key.stringValue] != nil else {
                throw Problem.badRequest("a letter has no field \(key.stringValue)", field: key.stringValue,
                                         hint: "PATCH takes " + Self.editable.map(\.stringValue).joined(separator: ", ")
                                             + "; participants, links and sources have their own endpoints.")
            }
            let sent = try container.decode(JSONValue.self, forKey: key)
            // Malformed is a bad request whatever the revision (checked after, with 412).
            guard Self.hasShape(sent, of: key.stringValue) else {
                throw Problem.badRequest("\(key.stringValue) is not what GET returns for it", field: key.stringValue,
                                         hint: "Send \(key.stringValue) back as GET returned it, or leave it out.")
            }
            unchangeable[key.stringValue] = sent
        }
        let fields = try decoder.container(keyedBy: Key.self)
        func required<T: Decodable>(_ key: Key, _ type: T.Type) throws -> T? {
            guard fields.contains(key) else { return nil }
            if try fields.decodeNil(forKey: key) {
                var problem = Problem(.unprocessableContent, "invalid-input", title: "Invalid input",
                                      detail: "\(key.stringValue) cannot be removed; a letter always has one", field: key.stringValue)
                problem.hint = Self.withoutValueHints[key.stringValue]
                throw problem
            }
            return try fields.decode(T.self, forKey: key)
        }
        func optional<T: Decodable & Sendable>(_ key: Key, _ type: T.Type) throws -> FieldPatch<T> {
            guard fields.contains(key) else { return .keep }
            if try fields.decodeNil(forKey: key) { return .clear }
            return .set(try fields.decode(T.self, forKey: key))
        }
        changes.kind = try required(.kind, LetterKind.self)
        changes.date = try required(.date, DateField.self)?.edtf
        switch try optional(.received, DateField.self) {
        case .keep: changes.received = .keep
        case .clear: changes.received = .clear
        case .set(let date): changes.received = .set(date.edtf)
        }
        changes.dateAsWritten = try optional(.dateAsWritten, String.self)
        changes.receivedAsWritten = try optional(.receivedAsWritten, String.self)
        changes.subject = try required(.subject, String.self)
        changes.summary = try optional(.summary, String.self)
        changes.text = try optional(.text, String.self)
        changes.language = try optional(.language, String.self)
        changes.classification = try required(.classification, Classification.self)
        changes.sentPlace = try optional(.sentPlace, String.self)
        changes.sentPlaceGeonamesId = try optional(.sentPlaceGeonamesId, Int64.self)
        changes.receivedPlace = try optional(.receivedPlace, String.self)
        changes.receivedPlaceGeonamesId = try optional(.receivedPlaceGeonamesId, Int64.self)
        changes.awaitingReply = try required(.awaitingReply, Bool.self)
    }

    /// Refuses (409) any unchangeable field that differs from `stored`, naming it and where it
    /// changes instead.
    /// Whether `value` has the JSON shape GET gives `field` (one of `unchangeableFields`).
    private static func hasShape(_ value: JSONValue, of field: String) -> Bool {
        func all(_ items: [JSONValue], _ test: (JSONValue) -> Bool) -> Bool { items.allSatisfy(test) }
        let isString = { (item: JSONValue) -> Bool in if case .string = item { true } else { false } }
        let isObject = { (item: JSONValue) -> Bool in if case .object = item { true } else { false } }
        switch (field, value) {
        case ("ref", .string), ("revision", .number), ("origin", .object): return true
        case ("invitations", .array(let items)), ("events", .array(let items)): return all(items, isString)
        case ("participants", .array(let items)), ("links", .array(let items)), ("linkedFrom", .array(let items)),
             ("sources", .array(let items)):
            return all(items, isObject)
        default: return false
        }
    }

    package func checkUnchangeable(against stored: LetterDetail) throws {
        guard !unchangeable.isEmpty else { return }
        let encoded = try JSONDecoder().decode([String: JSONValue].self, from: JSONEncoder().encode(stored))
        for (name, sent) in unchangeable.sorted(by: { $0.key < $1.key }) where sent != (encoded[name] ?? .null) {
            throw Problem(.conflict, "unchangeable-field", title: "Field cannot change here",
                          detail: "\(name) differs from the stored letter's; \(Self.unchangeableFields[name] ?? "")", field: name,
                          hint: "Send \(name) back as GET returned it, or leave it out.")
        }
    }
}

/// A date as PATCH takes it: EDTF text, or the object GET returns (only its `edtf` counts; the
/// bounds, precision and display are derived from it).
private struct DateField: Decodable, Sendable {
    var edtf: String

    private enum Keys: String, CodingKey, CaseIterable { case edtf, earliest, latest, precision, display }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            edtf = text
            return
        }
        // The object GET returns, and nothing else: a field it never has is a mistake to say so.
        for key in try decoder.container(keyedBy: AnyKey.self).allKeys where Keys(rawValue: key.stringValue) == nil {
            throw Problem.badRequest("a date has no field \(key.stringValue)", field: key.stringValue,
                                     hint: "Send the EDTF text, or the date object as GET returns it (edtf, earliest, latest, precision, display).")
        }
        // Whole, as the document describes it: a partial or mistyped copy is a client's mistake.
        let fields = try decoder.container(keyedBy: Keys.self)
        func refuse(_ key: Keys, _ what: String) -> Problem {
            Problem.badRequest("the date object's \(key.rawValue) \(what)", field: key.rawValue,
                               hint: "Send the EDTF text, or the date object exactly as GET returns it.")
        }
        for key in Keys.allCases where !fields.contains(key) { throw refuse(key, "is missing") }
        guard let text = try? fields.decode(String.self, forKey: .edtf) else { throw refuse(.edtf, "is not text") }
        guard (try? fields.decode(String.self, forKey: .display)) != nil else { throw refuse(.display, "is not text") }
        guard (try? fields.decode(EDTFPrecision.self, forKey: .precision)) != nil else {
            throw refuse(.precision, "is not one of " + EDTFPrecision.allCases.map(\.rawValue).joined(separator: ", "))
        }
        for bound in [Keys.earliest, .latest] {
            guard try fields.decodeNil(forKey: bound) || (try? fields.decode(String.self, forKey: bound)).map(Self.isDay) == true else {
                throw refuse(bound, "is neither a YYYY-MM-DD day nor null")
            }
        }
        edtf = text
    }

    private static func isDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in index == 4 || index == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    }
}
