/// The columns of a letters CSV file, in the order the writer puts them. Documented in
/// docs/interchange-csv.md; keep the two in step.
enum CSVColumn: String, CaseIterable, Sendable {
    case ref, key, provenance, kind, date, received
    case sender, senderID = "sender_id", senderKind = "sender_kind", senderCapacity = "sender_capacity"
    case senderState = "sender_state", senderPlace = "sender_place", senderPlaceID = "sender_place_id"
    case recipient, recipientID = "recipient_id", recipientKind = "recipient_kind", recipientCapacity = "recipient_capacity"
    case recipientState = "recipient_state", recipientPlace = "recipient_place", recipientPlaceID = "recipient_place_id"
    case cc, ccID = "cc_id", ccKind = "cc_kind", ccCapacity = "cc_capacity", ccState = "cc_state"
    case via, viaID = "via_id", viaKind = "via_kind", viaCapacity = "via_capacity", viaState = "via_state"
    case subject, summary, text, language, classification
    case replyTo = "reply_to", encloses, forwards, refersTo = "refers_to", events
    case sourceKind = "source_kind", sourceTitle = "source_title", sourceURL = "source_url"
    case sourcePublisher = "source_publisher", sourcePublished = "source_published"
    case sourceExcerpt = "source_excerpt", sourceQuote = "source_quote", sourceRetrieved = "source_retrieved"
    case awaitingReply = "awaiting_reply"
    case dateAsWritten = "date_as_written", receivedAsWritten = "received_as_written"
    /// CSV2CMI's bibliographic record of the edition printing the letter; read only (the writer
    /// puts editions among the sources, with `source_kind` edition).
    case edition

    /// The columns the writer puts out, in order.
    static let written: [CSVColumn] = allCases.filter { $0 != .edition }

    /// Other names accepted for the column, CSV2CMI's among them (`senderDate`, `addresseeID`).
    var aliases: [String] {
        switch self {
        case .date: return ["sent", "sender_date", "from_date"]
        case .received: return ["addressee_date", "recipient_date", "to_date", "received_date"]
        // CSV2CMI's columns for the dates as the edition prints them.
        case .dateAsWritten: return ["sender_date_text", "sent_date_text", "sent_as_written", "date_text"]
        case .receivedAsWritten: return ["addressee_date_text", "recipient_date_text", "received_date_text"]
        case .summary: return ["note"]
        case .text: return ["body"]
        case .sourceURL: return ["url"]
        default: break
        }
        // The participant columns take the same suffixes after any of their side's names.
        for (canonical, others) in Self.sideSynonyms where rawValue == canonical || rawValue.hasPrefix(canonical + "_") {
            let suffix = rawValue.dropFirst(canonical.count)
            var names = others.map { $0 + suffix }
            if suffix == "_state" { names += ([canonical] + others).map { $0 + "_on_behalf_of" } }
            return names
        }
        return []
    }

    private static let sideSynonyms: [(String, [String])] = [
        ("sender", ["from", "author"]),
        ("recipient", ["addressee", "to"]),
        ("via", ["transmitter"]),
        ("cc", []),
    ]

    /// How a header name is compared: case, `_`, `-`, spaces and a byte order mark do not
    /// matter, so `senderID`, `Sender ID` and `sender_id` are one column.
    static func normalized(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { !"_- \t\u{FEFF}".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// Every accepted name, normalized, to its column.
    static let byNormalizedName: [String: CSVColumn] = {
        var table: [String: CSVColumn] = [:]
        for column in allCases {
            for name in [column.rawValue] + column.aliases { table[normalized(name)] = column }
        }
        return table
    }()
}
