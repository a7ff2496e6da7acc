import ChanceryModel
/// The register's names, demonyms, titles and honorifics by their normalized words, for finding
/// the longest one that starts at a token.
struct PhraseIndex {
    enum Entry: Hashable {
        case actor(Int)
        case demonym(Int)
        case title(String)
        case honorific
    }

    private var byFirstWord: [String: [(words: [String], entry: Entry)]] = [:]

    init(gazetteer: Gazetteer) {
        var lastWords: [String: [Int]] = [:]
        for (index, actor) in gazetteer.actors.enumerated() {
            for name in [actor.name] + actor.aliases { add(name, .actor(index)) }
            for demonym in actor.demonyms { add(demonym, .demonym(index)) }
            if actor.kind == .person, let last = Tokenizer.key(of: actor.name).last(where: { !Self.nameSuffixes.contains($0) }), last.count >= 4 {
                lastWords[last, default: []].append(index)
            }
        }
        // A person's surname alone ("Biden") when no other person in the register bears it; their
        // given name alone ("Srettha", as Thai usage has it) when it is no one else's either.
        var firstWords: [String: [Int]] = [:]
        for (index, actor) in gazetteer.actors.enumerated() where actor.kind == .person {
            let words = Tokenizer.key(of: actor.name)
            if words.count >= 2, let first = words.first, first.count >= 4 { firstWords[first, default: []].append(index) }
        }
        func hasSingleWordEntry(_ word: String) -> Bool { byFirstWord[word]?.contains { $0.words.count == 1 } ?? false }
        for (word, holders) in lastWords where holders.count == 1 && !hasSingleWordEntry(word) {
            add(word, .actor(holders[0]))
        }
        for (word, holders) in firstWords where holders.count == 1 && !hasSingleWordEntry(word) && lastWords[word] == nil {
            add(word, .actor(holders[0]))
        }
        for (title, forms) in Titles.variants {
            for form in forms { add(form, .title(title)); add(form + "s", .title(title)) }
        }
        for role in gazetteer.roles {
            let title = Titles.canonical(role.title)
            if Titles.variants[title] == nil { add(role.title, .title(role.title)) }
        }
        for honorific in Titles.honorifics { add(honorific, .honorific) }
        for key in byFirstWord.keys { byFirstWord[key]?.sort { $0.words.count > $1.words.count } }
    }

    private mutating func add(_ phrase: String, _ entry: Entry) {
        let words = Tokenizer.key(of: phrase)
        guard let first = words.first else { return }
        if byFirstWord[first]?.contains(where: { $0.words == words && $0.entry == entry }) == true { return }
        byFirstWord[first, default: []].append((words, entry))
    }

    /// The entries of the longest phrase starting at `start`, and its length in tokens.
    func longest(at start: Int, in tokens: [Token], accepting accept: (Entry) -> Bool = { _ in true }) -> (length: Int, entries: [Entry])? {
        guard start < tokens.count, let candidates = byFirstWord[tokens[start].norm] else { return nil }
        for candidate in candidates where accept(candidate.entry) {
            let end = start + candidate.words.count
            guard end <= tokens.count else { continue }
            guard zip(candidate.words, tokens[start..<end]).allSatisfy({ $0 == $1.norm }) else { continue }
            guard Self.writtenAsName(tokens[start..<end], entry: candidate.entry) else { continue }
            let same = candidates.filter { $0.words == candidate.words && accept($0.entry) }.map(\.entry)
            return (candidate.words.count, same)
        }
        return nil
    }

    /// Generational suffixes, never a surname on their own ("Ferdinand Marcos Jr." is "Marcos").
    static let nameSuffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv"]

    static let shortWords: Set<String> = ["us", "it", "in", "is", "am", "be", "me", "no", "so", "to", "on", "at", "as", "an", "or", "by",
                                          "we", "he", "if", "of", "do", "go", "up", "my", "oh", "ok", "the", "and", "for", "but", "not",
                                          "all", "any", "can", "had", "her", "was", "one", "our", "out", "day", "get", "has", "him", "his",
                                          "how", "man", "new", "now", "old", "see", "two", "way", "who", "did", "its", "let", "put", "say",
                                          "she", "too", "use", "yes", "per", "via", "sir", "mr", "mrs", "ms", "dr"]

    /// Names are written capitalized ("us" is a pronoun, "US" a state); short forms in capitals.
    private static func writtenAsName(_ tokens: ArraySlice<Token>, entry: Entry) -> Bool {
        guard let first = tokens.first else { return false }
        switch entry {
        case .title, .honorific:
            return true
        case .actor, .demonym:
            let letters = first.text.filter(\.isLetter)
            if letters.isEmpty { return true }
            let latin = letters.unicodeScalars.allSatisfy { $0.value < 0x250 }
            if !latin { return true }
            // A short name is a name in capitals ("US", "UN"), or capitalized when it is no common word ("Lao", not "Us").
            if tokens.count == 1, letters.count <= 3 {
                return letters == letters.uppercased() || (first.isCapitalized && !shortWords.contains(first.norm))
            }
            return first.isCapitalized
        }
    }
}
