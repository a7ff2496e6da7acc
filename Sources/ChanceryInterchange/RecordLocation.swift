/// Where a record sits in the file it was read from, for error messages and reject files.
public struct RecordLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The line the record starts on (1-based).
    public var line: Int
    /// The XML element's path (`/TEI/teiHeader/profileDesc/correspDesc[3]`) for XML input.
    public var element: String?

    /// Creates a location.
    public init(file: String, line: Int, element: String? = nil) {
        self.file = file
        self.line = line
        self.element = element
    }

    /// `letters.csv:12` or `edition.xml:40 (/TEI/…/correspDesc[3])`.
    public var description: String {
        file + ":" + String(line) + (element.map { " (" + $0 + ")" } ?? "")
    }
}

/// A record that could not be imported, with why, and its text as it was in the file.
public struct RejectedRecord: Sendable, Hashable, Codable {
    /// Where it is.
    public var location: RecordLocation
    /// Why it was rejected: what is wrong and how to fix it.
    public var reason: String
    /// The record's text (a JSON line, a CSV row, a `correspDesc` element), for the rejects file.
    public var raw: String
    /// The refs or keys a record the reader could not read gives itself (a CSV row's `ref` and
    /// `key`, a `correspDesc`'s `@key` and `@ref`): the names its file's other records know it
    /// by, which then name no other letter. Not part of the report's JSON.
    public var names: [String] = []

    private enum CodingKeys: String, CodingKey { case location, reason, raw }

    /// Creates a rejection.
    public init(location: RecordLocation, reason: String, raw: String, names: [String] = []) {
        self.location = location
        self.reason = reason
        self.raw = raw
        self.names = names.filter { !$0.isEmpty }
    }
}

/// Something in the input that was skipped without rejecting a record (an unknown element), or
/// that an editor should look at (a new actor whose name is close to another's).
public struct ImportWarning: Sendable, Hashable, Codable {
    /// Where it is.
    public var location: RecordLocation
    /// What was skipped.
    public var message: String
    /// For a new actor whose name is close to another's: the merge that makes it an alias of the
    /// other, if the two are one.
    public var merge: MergeSuggestion?

    /// Creates a warning.
    public init(location: RecordLocation, message: String, merge: MergeSuggestion? = nil) {
        self.location = location
        self.message = message
        self.merge = merge
    }
}

/// `chancery actor merge <actor> --into <into>`: each names one actor, as the command takes it
/// (a name, or an authority id or `id:N` where another actor has the same name).
public struct MergeSuggestion: Sendable, Hashable, Codable {
    /// The actor that would become an alias.
    public var actor: String
    /// The actor kept.
    public var into: String

    public init(actor: String, into: String) {
        self.actor = actor
        self.into = into
    }
}

extension RecordLocation: Codable {
    private enum CodingKeys: String, CodingKey { case file, line, element }
}
