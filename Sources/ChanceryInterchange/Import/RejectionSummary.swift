/// Records that share a reason, for a summary of thousands of rejections (or warnings): how many,
/// one reason as an example, and where the first of them are.
package struct ReasonGroup: Sendable, Equatable {
    /// The reason as given for the first record of the group.
    package var example: String
    /// Every record of the group, in the order given.
    package var locations: [RecordLocation]
    /// Whether every record's message is the example word for word; when not, the example's
    /// values (a ref, a name, a number) are the first record's only.
    package var alike = true

    package var count: Int { locations.count }
}

/// Groups messages by their reason class: the message with what changes from record to record
/// (quoted values other than column and field names, numbers) taken out, so `column 'date': invalid date
/// '1542-05-05,1542-05-06'` on one line and on another are one reason.
package enum RejectionSummary {
    /// The stable part of a message.
    package static func reasonClass(_ message: String) -> String {
        var result = ""
        let characters = Array(message)
        var index = 0
        func isWordCharacter(_ character: Character?) -> Bool { character.map { $0.isLetter || $0.isNumber } ?? false }
        while index < characters.count {
            let character = characters[index]
            let previous = index > 0 ? characters[index - 1] : nil
            if character == "'" || character == "\"", !isWordCharacter(previous),
               let close = closingQuote(character, in: characters, after: index) {
                // A column's or a field's name says where the fault is, and stays; a value is one
                // row's. JSON Lines messages begin with the field they are about ("'invitees' is
                // not a list"), or name it after "missing field".
                if result.hasSuffix("column ") || result.hasSuffix("field ")
                    || (result.isEmpty && isFieldName(characters[(index + 1)..<close])) {
                    // The same field of another element of a list (`sources[2].kind`) is one reason.
                    result += String(characters[index...close].map { $0.isNumber ? "#" : $0 })
                } else {
                    result += String(character) + "…" + String(character)
                }
                index = close + 1
            } else if character.isNumber {
                result += "#"
                while index < characters.count, characters[index].isNumber { index += 1 }
            } else {
                result.append(character)
                index += 1
            }
        }
        return result
    }

    /// `invitees`, `from[0].capacity`: a lower-case letter, then letters, digits and `[]._`. A
    /// name (`'Hun Sen'`, `'ASEAN'`) is a value.
    private static func isFieldName(_ text: ArraySlice<Character>) -> Bool {
        guard let first = text.first, first.isLowercase else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "[]._".contains($0)) }
    }

    /// The quote closing the one at `start`: the next same quote not followed by a letter or
    /// digit (an apostrophe inside a word does not close it); nil when there is none.
    private static func closingQuote(_ quote: Character, in characters: [Character], after start: Int) -> Int? {
        var index = start + 1
        while index < characters.count {
            if characters[index] == quote {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if quote == "'", next == "'" {
                    index += 2
                    continue
                }
                if !(next.map { $0.isLetter || $0.isNumber } ?? false) { return index }
            }
            index += 1
        }
        return nil
    }

    /// The messages grouped by reason class, the largest group first (ties in order of first
    /// appearance).
    package static func groups(_ messages: [(location: RecordLocation, message: String)]) -> [ReasonGroup] {
        var order: [String] = []
        var groups: [String: ReasonGroup] = [:]
        for (location, message) in messages {
            let key = reasonClass(message)
            if groups[key] == nil {
                order.append(key)
                groups[key] = ReasonGroup(example: message, locations: [])
            }
            groups[key]?.locations.append(location)
            if message != groups[key]?.example { groups[key]?.alike = false }
        }
        let ranked = order.enumerated().compactMap { item in groups[item.element].map { (position: item.offset, group: $0) } }
        return ranked.sorted { ($0.group.count, -$0.position) > ($1.group.count, -$1.position) }.map(\.group)
    }

    /// `letters.csv:2, 13, 40 and 12 more`: the first `limit` locations, the file named once per run.
    package static func places(_ locations: [RecordLocation], limit: Int = 5) -> String {
        var parts: [String] = []
        var lastFile: String?
        for location in locations.prefix(limit) {
            parts.append(location.file == lastFile ? String(location.line) : location.file + ":" + String(location.line))
            lastFile = location.file
        }
        let rest = locations.count - parts.count
        return parts.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }
}
