import EDTF
package import Foundation
import ChanceryModel

/// Reads Chancery's native interchange: JSON Lines, a `{"type": "chancery-dataset", "version": 1}`
/// header and then one record per line (see the README's "Dataset format").
package struct JSONLinesReader: RecordReader {
    package enum Input {
        case file(path: String)
        case text(String)
        /// A file's bytes already in memory, read as the file would be (BOM, CRLF, invalid UTF-8).
        case bytes(Data)
    }

    let input: Input
    let displayName: String

    /// The dataset format version this build reads and writes.
    package static let supportedVersion = 1
    package static let header = #"{"type":"chancery-dataset","version":1}"#

    /// The file's own header (which may name the register that exported it), else the plain one.
    package var rejectsPrologue: String {
        var header = Self.header
        try? forEachLine { line, _ in
            if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
            if case .header = try? JSONDecoder().decode(DatasetRecord.self, from: Data(line.utf8)) {
                header = line.trimmingCharacters(in: .whitespaces)
            }
            return false
        }
        return header + "\n"
    }
    package var rejectsPrologueOfNoRegister: String { Self.header + "\n" }
    package var rejectsEpilogue: String { "" }

    /// A line that is a JSON object with a known `type` is counted under it, and its `ref`
    /// is the name its file's other records know it by.
    package func unreadableRecord(_ raw: String) -> (type: String, ref: String?) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any] else {
            // A line cut short or otherwise not JSON: its type and ref as far as they can be read.
            let type = raw.firstMatch(of: /"type"\s*:\s*"([a-z]+)"/).map { String($0.1) }
            let ref = raw.firstMatch(of: /"ref"\s*:\s*"([^"\\]+)"/).map { String($0.1) }
            guard let type, Self.recordTypes.contains(type) else { return ("record", nil) }
            return (type, ref)
        }
        guard let type = object["type"] as? String, Self.recordTypes.contains(type) else { return ("record", nil) }
        return (type, object["ref"] as? String)
    }

    private static let recordTypes: Set<String> = ["actor", "source", "membership", "role", "letter", "event", "invitation", "response"]

    package func read(_ emit: (ReaderOutput) throws -> Void) throws {
        let decoder = JSONDecoder()
        var sawHeader = false
        var firstExporter: String?
        var firstMoment: String?
        func readLine(_ line: String, _ number: Int) throws {
            // JSON ignores surrounding whitespace; only blank lines need skipping.
            if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            let location = RecordLocation(file: displayName, line: number)
            let record: DatasetRecord
            do {
                record = try decoder.decode(DatasetRecord.self, from: Data(line.utf8))
            } catch {
                guard sawHeader else { throw missingHeader(line: number) }
                try emit(.invalid(RejectedRecord(location: location, reason: Self.describe(error, line: line), raw: line)))
                return
            }
            if case .header(let version, let register, let exported) = record {
                let fields = JSONFieldNames.topLevel(of: line)
                // `name`, `note` and `intake` are what `chancery intake` says of its drafts.
                let unknown = fields.filter { !["type", "version", "register", "exported", "name", "note", "intake"].contains($0) }
                if !unknown.isEmpty {
                    let names = unknown.map { "'" + $0 + "'" }.joined(separator: ", ")
                    try emit(.warning(ImportWarning(location: location, message: "header field(s) \(names) unknown and ignored; check the spelling")))
                }
                let exporter = register.flatMap(RegisterID.id(text:))
                if fields.contains("register"), exporter == nil {
                    try emit(.warning(ImportWarning(
                        location: location,
                        message: "header: register \(register.map { "'" + $0 + "'" } ?? "(not a string)") is no register's id (a UUID, as "
                            + "`chancery db status` shows it); the file is read as another register's")))
                }
                let moment = exported.flatMap(RegisterID.moment(text:))
                if fields.contains("exported"), moment == nil {
                    try emit(.warning(ImportWarning(
                        location: location,
                        message: "header: exported \(exported.map { "'" + $0 + "'" } ?? "(not a string)") is no time (such as "
                            + "2026-12-07T04:58:10.123456Z); the import cannot tell which letters were changed in the register since")))
                }
                guard !sawHeader else {
                    if (moment == nil) != (firstMoment == nil) {
                        try emit(.warning(ImportWarning(location: location, message: "of this file's dataset headers (files joined?), some say when "
                            + "their export was made and some do not: every record is checked against the earliest time given")))
                    }
                    if exporter != firstExporter {
                        try emit(.warning(ImportWarning(location: location, message: "a second dataset header (files joined?) naming another "
                            + "register than the first: the file counts as this register's own export only if every header in it names this register")))
                    }
                    try emit(.exportedBy(register: exporter, at: moment))
                    return
                }
                firstExporter = exporter
                firstMoment = moment
                guard version == Self.supportedVersion else {
                    throw ChanceryError(.invalidInput, "\(location): dataset version \(version) is not supported (this chancery reads \(Self.supportedVersion))",
                                        hint: "Export it again with a chancery that writes version \(Self.supportedVersion).")
                }
                sawHeader = true
                try emit(.exportedBy(register: exporter, at: moment))
                return
            }
            guard sawHeader else { throw missingHeader(line: number) }
            if let known = JSONFieldNames.known(for: record.typeName) {
                let fields = JSONFieldNames.names(of: line)
                let knownNested = JSONFieldNames.knownNested(for: record.typeName) ?? [:]
                let unknown = fields.topLevel.filter { !known.contains($0) }
                    + fields.nested.filter { nested in knownNested[nested.field].map { !$0.contains(nested.name) } ?? false }.map(\.path)
                if !unknown.isEmpty {
                    let names = unknown.map { "'" + $0 + "'" }.joined(separator: ", ")
                    try emit(.warning(ImportWarning(location: location,
                                                    message: "\(record.typeName) field(s) \(names) unknown and ignored; check the spelling")))
                }
            }
            if case .letter(let letter) = record {
                // A pre-2019 spelling (`1548-10-27/?`) is read in its 2019 form; say so, as the CSV reader does.
                for (field, text) in [("date", letter.date), ("received", letter.received ?? "")] {
                    guard let date = try? EDTFDate(text), date.isLegacyForm else { continue }
                    for note in date.notes { try emit(.warning(ImportWarning(location: location, message: field + ": " + note))) }
                }
            }
            try emit(.item(ImportItem(location: location, record: record, raw: line)))
        }
        try forEachLine { line, number in
            try readLine(line, number)
            return true
        }
        if !sawHeader { throw missingHeader(line: 1) }
    }

    /// Calls `body` with each line and its number until it returns false.
    private func forEachLine(_ body: (String, Int) throws -> Bool) throws {
        switch input {
        case .file(let path):
            try LineReader(path: path).forEachLine(body)
        case .bytes(let data):
            try LineReader(source: .bytes(data)).forEachLine(body)
        case .text(let text):
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard try body(String(line), index + 1) else { return }
            }
        }
    }

    private func missingHeader(line: Int) -> ChanceryError {
        ChanceryError(.invalidInput, "\(displayName):\(line): not a Chancery dataset: the first record must be \(Self.header)",
                      hint: "Add the header line, or name the format csv or cmif if the file is one of those.")
    }

    /// A decoding error in the user's terms: which field, what was wrong. A line that is not
    /// JSON at all gets the place where it stops being JSON: JSONDecoder says only "not valid
    /// JSON", JSONSerialization says where.
    static func describe(_ error: any Error, line: String) -> String {
        if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty, context.underlyingError == nil {
            do {
                _ = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
            } catch {
                if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                    return "the line is not valid JSON: " + Self.characterToColumn(detail).trimmingCharacters(in: CharacterSet(charactersIn: ". "))
                        + "; each line holds one JSON object, such as {\"type\":\"letter\", …}"
                }
            }
        }
        return describe(error)
    }

    /// "Invalid value around character 33." as a column, counted from 1 as editors count.
    private static func characterToColumn(_ detail: String) -> String {
        guard let match = detail.firstMatch(of: /around (line \d+, )?character (\d+)\.?/), let offset = Int(match.2) else { return detail }
        return detail.replacingCharacters(in: match.range, with: "at column \(offset + 1)")
            .replacingOccurrences(of: "Invalid value", with: "unexpected text")
    }

    /// A decoding error in the user's terms: which field, what was wrong.
    static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let parent = path(context)
            return "missing field '\(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue)'"
        case DecodingError.typeMismatch(let type, let context):
            let at = path(context)
            return (at.isEmpty ? "the line is not a JSON object" : "'\(at)' is not \(kind(of: type))")
                + (at.isEmpty ? "; each line holds one record, such as {\"type\":\"letter\", …}" : "")
        case DecodingError.valueNotFound(let type, let context):
            return "'\(path(context))' is null: give \(kind(of: type))"
        case DecodingError.dataCorrupted(let context):
            let at = path(context)
            if let match = context.debugDescription.firstMatch(of: /^Cannot initialize (\w+) from invalid String value (.*)$/),
               let values = vocabularies[String(match.1)] {
                return "'\(at)': '\(match.2)' is not one of its values: " + values.joined(separator: ", ")
            }
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return (at.isEmpty ? "" : "'\(at)': ") + context.debugDescription + (detail.map { " (" + $0 + ")" } ?? "")
        default:
            return String(describing: error)
        }
    }

    /// The values of each vocabulary a record's field takes, by the type's name as a decoding
    /// error gives it ("Cannot initialize LetterKind from invalid String value telegramme").
    private static let vocabularies: [String: [String]] = [
        "ActorKind": ActorKind.allCases.map(\.rawValue), "LetterKind": LetterKind.allCases.map(\.rawValue),
        "Classification": Classification.allCases.map(\.rawValue), "ParticipantRole": ParticipantRole.allCases.map(\.rawValue),
        "LetterLinkKind": LetterLinkKind.allCases.map(\.rawValue), "ResponseStatus": ResponseStatus.allCases.map(\.rawValue),
        "EventKind": EventKind.allCases.map(\.rawValue), "EventStatus": EventStatus.allCases.map(\.rawValue),
        "SourceKind": SourceKind.allCases.map(\.rawValue),
    ]

    /// A JSON value of the kind a Swift type is read from, as a person writing the file calls it.
    private static func kind(of type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "a list ([…])" }
        if name.hasPrefix("Dictionary") { return "an object ({…})" }
        return switch name {
        case "String": "text (\"…\")"
        case "Int", "Int64", "Int32": "a whole number"
        case "Double", "Float", "Decimal": "a number"
        case "Bool": "true or false"
        default: "of the right kind (\(name))"
        }
    }

    /// Creates a value from its parts.
    package init(input: Input, displayName: String) {
        self.input = input
        self.displayName = displayName
    }
}
