import Foundation

/// A sentence of an article's body.
public struct Sentence: Sendable {
    /// Its position among the article's sentences.
    public let number: Int
    /// The paragraph it belongs to.
    public let paragraph: Int
    public let text: String
    public let tokens: [Token]
}

/// Splits a paragraph at sentence ends, but not after titles and abbreviations ("Mr.", "Gen.",
/// "U.S."), unless what follows plainly starts a sentence ("… in Washington, D.C. I am confident").
enum SentenceSplitter {
    static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sen", "rep", "gov", "amb",
                                             "prof", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                                             "sept", "oct", "nov", "dec", "h.e", "he", "jr", "sr", "inc", "co", "corp", "capt",
                                             "maj", "sgt", "pres", "hon", "rev", "fr", "messrs"]
    static let sentenceStarters: Set<String> = ["i", "the", "he", "she", "it", "they", "we", "this", "that", "these", "in",
                                                "and", "but", "as", "on", "a", "an", "his", "her", "their", "our", "while",
                                                "during", "according", "after", "before", "however", "meanwhile", "earlier"]

    static func sentences(of paragraph: String, paragraph number: Int, startingAt first: Int) -> [Sentence] {
        let characters = Array(paragraph)
        var result: [Sentence] = []
        var start = 0
        var index = 0
        func close(at end: Int) {
            let text = String(characters[start..<end]).trimmingCharacters(in: .whitespaces)
            if !text.isEmpty {
                result.append(Sentence(number: first + result.count, paragraph: number, text: text, tokens: Tokenizer.tokens(of: text)))
            }
            start = end
        }
        while index < characters.count {
            let c = characters[index]
            if ".!?".contains(c) {
                var end = index + 1
                while end < characters.count, "\"”’')".contains(characters[end]) { end += 1 }
                guard end < characters.count, characters[end].isWhitespace else { index += 1; continue }
                let next = characters[end...].drop(while: { $0.isWhitespace })
                guard let nextFirst = next.first, nextFirst.isUppercase || nextFirst.isNumber || "\"“‘(".contains(nextFirst) else {
                    index += 1; continue
                }
                if c == ".", endsWithAbbreviation(characters[start..<index]) {
                    let nextWord = Tokenizer.normalize(String(next.prefix(while: { $0.isLetter })))
                    if !sentenceStarters.contains(nextWord) { index += 1; continue }
                }
                close(at: end)
                index = end
                continue
            }
            index += 1
        }
        close(at: characters.count)
        return result
    }

    /// The last word before a point, as written: after the last space or dash ("ASEAN-U.S" → "U.S").
    static func lastWord(_ text: ArraySlice<Character>) -> String {
        String(String(text).split(whereSeparator: { $0 == " " || Tokenizer.dashes.contains($0) || $0 == "(" || $0 == "\"" || $0 == "“" }).last ?? "")
    }

    /// Whether the text before a point ends with an abbreviation or a dotted short form ("U.S", "D.C").
    static func endsWithAbbreviation(_ text: ArraySlice<Character>) -> Bool {
        let word = lastWord(text)
        if word.contains(".") && word.filter(\.isLetter).count <= 4 { return true }   // U.S, D.C, H.E
        if word.count == 1, word.first?.isUppercase == true { return true }            // an initial: "Joseph R."
        return abbreviations.contains(word.lowercased())
    }
}
