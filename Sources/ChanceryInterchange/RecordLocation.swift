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

    /// Creates a rejection.
    public init(location: RecordLocation, reason: String, raw: String) {
        self.location = location
        self.reason = reason
        self.raw = raw
    }
}

/// Something in the input that was skipped without rejecting a record (an unknown element).
public struct ImportWarning: Sendable, Hashable, Codable {
    /// Where it is.
    public var location: RecordLocation
    /// What was skipped.
    public var message: String

    /// Creates a warning.
    public init(location: RecordLocation, message: String) {
        self.location = location
        self.message = message
    }
}

extension RecordLocation: Codable {
    private enum CodingKeys: String, CodingKey { case file, line, element }
}
