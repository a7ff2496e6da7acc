import Foundation

/// A word or punctuation mark of an article, with where it stands in its sentence's text.
public struct Token: Sendable, Hashable {
    /// As written.
    public let text: String
    /// Lowercased, without diacritics or abbreviation points ("U.S." → "us"): what gazetteers match.
    public let norm: String
    /// Where it stands in the sentence, in characters from its start.
    public let offset: Int
    /// A word (letters or digits), as opposed to punctuation.
    public let isWord: Bool

    /// Whether it starts with a capital letter, as names and titles in running text do.
    public var isCapitalized: Bool { text.first.map { $0.isUppercase } ?? false }
}

/// Splits text into tokens: words keep inner points ("U.S.", "D.C.") and apostrophes ("O'Brien");
/// a possessive "'s" (or a plural's bare "'") is a token of its own; hyphens split words, so
/// "ASEAN-U.S." reads as "ASEAN", "-", "U.S.".
public enum Tokenizer {
    public static func tokens(of text: String) -> [Token] {
        var result: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { index += 1; continue }
            if isWordCharacter(character) {
                let start = index
                var end = index
                var segment = 0   // letters since the last inner point
                while end < characters.count {
                    let c = characters[end]
                    if isWordCharacter(c) { end += 1; segment += 1; continue }
                    // An inner point of an abbreviation ("U.S.", "D.C."): single letters between points.
                    if c == ".", segment == 1, end + 1 < characters.count, characters[end + 1].isLetter,
                       end + 2 == characters.count || !isWordCharacter(characters[end + 2]) || characters[end + 2] == "." {
                        end += 1; segment = 0; continue
                    }
                    // An apostrophe inside a name ("O'Brien"), but not a possessive "'s".
                    if isApostrophe(c), end + 1 < characters.count, characters[end + 1].isLetter,
                       !(characters[end + 1] == "s" && (end + 2 == characters.count || !isWordCharacter(characters[end + 2]))) {
                        end += 1; segment = 0; continue
                    }
                    break
                }
                // The closing point of a dotted abbreviation: "U.S." ends with the point after "S".
                if end < characters.count, characters[end] == ".", segment == 1, characters[start..<end].contains(".") {
                    end += 1
                }
                let word = String(characters[start..<end])
                result.append(Token(text: word, norm: normalize(word), offset: start, isWord: true))
                index = end
                continue
            }
            if isApostrophe(character) {
                if index + 1 < characters.count, characters[index + 1] == "s",
                   index + 2 == characters.count || !isWordCharacter(characters[index + 2]) {
                    result.append(Token(text: String(characters[index...index + 1]), norm: "'s", offset: index, isWord: false))
                    index += 2
                    continue
                }
                result.append(Token(text: String(character), norm: "'", offset: index, isWord: false))
                index += 1
                continue
            }
            let mark = String(character)
            result.append(Token(text: mark, norm: dashes.contains(character) ? "-" : mark, offset: index, isWord: false))
            index += 1
        }
        return result
    }

    /// The form gazetteers compare: lowercase, no diacritics, no points, curly quotes straight.
    public static func normalize(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: ".", with: "")
            .replacingOccurrences(of: "’", with: "'")
    }

    /// The normalized words of a name or phrase, for building gazetteers.
    public static func key(of phrase: String) -> [String] {
        tokens(of: phrase).filter { $0.isWord || $0.norm == "'s" || $0.norm == "-" }.map(\.norm)
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c.unicodeScalars.contains { $0.properties.generalCategory == .nonspacingMark || $0.properties.generalCategory == .spacingMark }
    }

    static func isApostrophe(_ c: Character) -> Bool { c == "'" || c == "’" }

    static let dashes: Set<Character> = ["-", "–", "—", "‐"]
}
