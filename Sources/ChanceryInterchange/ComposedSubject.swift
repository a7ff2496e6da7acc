package import ChanceryModel

/// The subject Chancery gives a letter whose source has none (CSV2CMI tables and CMIF have no
/// subject): "Letter from Joe Biden to Hun Sen". Long lists are abbreviated ("Letter from A, B
/// and 6 others to C") and the whole is kept within the subject limit every path applies, so a
/// subject Chancery composed is never refused as too long.
package enum ComposedSubject {
    /// The subject limit of `letter add`, the API and imports.
    package static let limit = 300
    /// How many names a list shows before "and N others".
    static let namesShown = 2

    package static func make(_ label: String, senders: [String], recipients: [String]) -> String {
        let text = label + " from " + names(senders) + " to " + names(recipients)
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// "A", "A and B", "A, B and 6 others"; "unknown" for none.
    static func names(_ list: [String]) -> String {
        switch list.count {
        case 0: return "unknown"
        case 1: return list[0]
        case 2: return list[0] + " and " + list[1]
        case namesShown + 1: return list.dropLast().joined(separator: ", ") + " and " + list[list.count - 1]
        default:
            let others = list.count - namesShown
            return list.prefix(namesShown).joined(separator: ", ") + " and \(others) others"
        }
    }

    /// How the kind starts a composed subject ("Note verbale from …").
    package static func label(_ kind: LetterKind) -> String {
        switch kind {
        case .letter: "Letter"
        case .noteVerbale: "Note verbale"
        case .message: "Message"
        case .telegram: "Telegram"
        case .cable: "Cable"
        case .email: "E-mail"
        case .memorandum: "Memorandum"
        case .callReadout: "Call read-out"
        case .other: "Correspondence"
        }
    }
}
