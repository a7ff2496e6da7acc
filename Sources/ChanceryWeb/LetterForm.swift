import ChanceryRequests
import ChanceryModel
import Foundation

/// What an editor typed into the new-letter form, kept as typed so a rejected form comes back
/// unchanged, and read into the draft the CLI and the API also log.
///
/// Participants are one per line, `Name | capacity | for`: the name (or alias, ISO code, Wikidata
/// id), then optionally the capacity and the state or organization acted for.
struct LetterForm {
    var kind = LetterKind.letter.rawValue
    var subject = ""
    var date = ""
    var received = ""
    var from = ""
    var to = ""
    var cc = ""
    var via = ""
    var replyTo = ""
    var encloses = ""
    var summary = ""
    var sourceKind = SourceKind.news.rawValue
    var sourceURL = ""
    var sourceTitle = ""
    var sourceQuote = ""
    var awaitingReply = false

    init() {}

    init(_ fields: FormEncodedQuery) {
        kind = fields.value("kind") ?? kind
        subject = fields.value("subject") ?? ""
        date = fields.value("date") ?? ""
        received = fields.value("received") ?? ""
        from = fields.value("from") ?? ""
        to = fields.value("to") ?? ""
        cc = fields.value("cc") ?? ""
        via = fields.value("via") ?? ""
        replyTo = fields.value("reply-to") ?? ""
        encloses = fields.value("encloses") ?? ""
        summary = fields.value("summary") ?? ""
        sourceKind = fields.value("source-kind") ?? sourceKind
        sourceURL = fields.value("source-url") ?? ""
        sourceTitle = fields.value("source-title") ?? ""
        sourceQuote = fields.value("source-quote") ?? ""
        awaitingReply = fields.value("awaiting-reply") != nil
    }

    /// The draft the form describes; what cannot be read is an `.invalidInput` error on the
    /// form field concerned.
    func draft() throws -> LetterDraft {
        var draft = LetterDraft()
        guard let kind = LetterKind(rawValue: kind) else {
            throw ChanceryError.invalid("kind", "unknown kind '\(kind)'", hint: "Choose one of the kinds listed.")
        }
        draft.kind = kind
        draft.subject = subject
        draft.date = date.trimmingCharacters(in: .whitespaces)
        let received = received.trimmingCharacters(in: .whitespaces)
        draft.received = received.isEmpty ? nil : received
        draft.from = try Self.participants(from, field: "from")
        draft.to = try Self.participants(to, field: "to")
        draft.cc = try Self.participants(cc, field: "cc")
        draft.via = try Self.participants(via, field: "via")
        draft.replyTo = Self.references(replyTo)
        draft.encloses = Self.references(encloses)
        draft.summary = summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : summary
        draft.awaitingReply = awaitingReply
        if let source = try source() { draft.sources = [source] }
        return draft
    }

    private func source() throws -> SourceDraft? {
        let url = sourceURL.trimmingCharacters(in: .whitespaces)
        let title = sourceTitle.trimmingCharacters(in: .whitespaces)
        let quote = sourceQuote.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !(url.isEmpty && title.isEmpty && quote.isEmpty) else { return nil }
        guard let kind = SourceKind(rawValue: sourceKind) else {
            throw ChanceryError.invalid("source-kind", "unknown source kind '\(sourceKind)'", hint: "Choose one of the kinds listed.")
        }
        if !url.isEmpty {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw ChanceryError.invalid("source-url", "'\(url)' is not a web address",
                                            hint: "Give the address as the browser shows it, starting with https://.")
            }
        }
        guard !title.isEmpty else {
            throw ChanceryError.invalid("source-title", "a source needs a title",
                                        hint: "Give the headline or title of the page the address leads to.")
        }
        return SourceDraft(kind: kind, title: title, url: url.isEmpty ? nil : url, quote: quote.isEmpty ? nil : quote)
    }

    /// One participant per non-blank line: `Name | capacity | for`.
    static func participants(_ text: String, field: String) throws -> [ParticipantDraft] {
        try text.split(whereSeparator: \.isNewline).enumerated().compactMap { index, line in
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !parts.allSatisfy(\.isEmpty) else { return nil }
            guard parts.count <= 3 else {
                throw ChanceryError.invalid(field, "line \(index + 1) has \(parts.count) parts: \(line)",
                                            hint: "Write Name | capacity | for, e.g. Hun Sen | Prime Minister | Cambodia.")
            }
            guard !parts[0].isEmpty else {
                throw ChanceryError.invalid(field, "line \(index + 1) names no one: \(line)",
                                            hint: "Start the line with a name, alias, ISO code or Wikidata id.")
            }
            func part(_ position: Int) -> String? { parts.count > position && !parts[position].isEmpty ? parts[position] : nil }
            return ParticipantDraft(name: parts[0], capacity: part(1), onBehalfOf: part(2))
        }
    }

    /// References separated by commas, spaces or lines.
    static func references(_ text: String) -> [String] {
        text.split { $0 == "," || $0.isWhitespace }.map(String.init)
    }
}

extension LetterForm {
    /// The form field an error's `field` points at, so the message can stand beside it. Fields
    /// the services name that the form has no box for (a participant's capacity or the state
    /// acted for) point at the participants' group.
    static func formField(for errorField: String?) -> String? {
        guard let errorField else { return nil }
        let base = String(errorField.prefix { $0 != "[" && $0 != "." })
        switch base {
        case "kind", "subject", "date", "received", "from", "to", "cc", "via", "reply-to", "encloses", "summary",
             "source-kind", "source-url", "source-title", "source-quote":
            return base
        case "capacity", "on-behalf-of", "nameAsWritten":
            return "participants"
        case "source-date", "source-publisher", "source-excerpt", "source-retrieved":
            return "source-title"
        case "refers-to", "forwards":
            return "reply-to"
        default:
            return nil
        }
    }
}
