import ChanceryModel

/// The subject Chancery gives a letter whose source has none (CSV2CMI tables and CMIF have no
/// subject): "Letter from Joe Biden to Hun Sen". Long lists are abbreviated ("Letter from A, B
/// and 6 others to C") and the whole is kept within the subject limit every path applies, so a
/// subject Chancery composed is never refused as too long.
enum ComposedSubject {
    /// The subject limit of `letter add`, the API and imports.
    static let limit = 300
    /// How many names a list shows before "and N others".
    static let namesShown = 2

    static func make(_ label: String, senders: [String], recipients: [String]) -> String {
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
}
