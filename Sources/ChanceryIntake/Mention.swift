import ChanceryModel
/// An actor as intake found it: one of the register's, or a name it does not know.
public enum ActorRef: Sendable, Hashable {
    case known(Int)
    case proposed(String)
}

/// A phrase of a sentence naming someone: "the US President Joe Biden", "Cambodia's premier",
/// "ASEAN leaders", "Indonesia", or a pronoun to be resolved from the context.
struct Mention {
    enum Pronoun { case third, firstPerson, secondPerson }

    /// The tokens it covers.
    var range: Range<Int>
    var actor: ActorRef?
    /// The office as written ("President", "premier" → canonical "Prime Minister").
    var title: String?
    /// The state or organization written with it ("US" in "US President", "of Cambodia").
    var of: Int?
    /// "leaders" after an organization: its members' leaders.
    var leaders = false
    var pronoun: Pronoun?
    /// Only courtesy words, no name: resolved to whoever was last called by them.
    var honorificsOnly = false
    /// Words as written.
    var text: String

    var isPronoun: Bool { pronoun != nil }
}

/// Finds the mentions of a sentence, reading titles, honorifics and demonyms around names, and
/// resolving offices to their holders on the article's date.
struct MentionFinder {
    let gazetteer: Gazetteer
    let index: PhraseIndex
    let roles: RoleBook

    static let determiners: Set<String> = ["the", "a", "an"]
    static let stopCapitalized: Set<String> = ["the", "a", "an", "in", "on", "at", "of", "and", "for", "to", "with", "his", "her",
                                               "this", "that", "it", "he", "she", "they", "we", "i", "as", "but", "while", "after"]

    func mentions(in sentence: Sentence) -> [Mention] {
        let tokens = sentence.tokens
        var result: [Mention] = []
        var i = 0
        while i < tokens.count {
            if let pronoun = Self.pronoun(tokens[i]) {
                result.append(Mention(range: i..<i + 1, pronoun: pronoun, text: tokens[i].text))
                i += 1
                continue
            }
            if let mention = phrase(at: i, in: tokens, sentence: sentence.text) {
                result.append(mention)
                i = mention.range.upperBound
                continue
            }
            i += 1
        }
        return result
    }

    static func pronoun(_ token: Token) -> Mention.Pronoun? {
        switch token.text {
        case "he", "He", "him", "his", "His", "she", "She", "her", "Her": return .third
        case "I", "me", "my", "My": return .firstPerson
        case "you", "You", "your", "Your": return .secondPerson
        default: return nil
        }
    }

    private func isKind(_ entry: PhraseIndex.Entry, _ kinds: Set<ActorKind>) -> Bool {
        if case .actor(let n) = entry { return kinds.contains(gazetteer.actors[n].kind) }
        return false
    }

    /// A noun phrase naming an actor starting at `start`, or nil.
    private func phrase(at start: Int, in tokens: [Token], sentence: String) -> Mention? {
        var j = start
        if Self.determiners.contains(tokens[j].norm) { j += 1 }
        let begin = j
        var of: Int?
        var demonymOnly = false
        var title: String?
        var person: ActorRef?
        var honorific = false

        // A state or organization, or a demonym, before an office or alone.
        if let match = index.longest(at: j, in: tokens, accepting: { if case .demonym = $0 { return true }; return isKind($0, [.state, .organization]) }),
           let entry = match.entries.first {
            switch entry {
            case .actor(let n): of = n
            case .demonym(let n): of = n; demonymOnly = true
            default: break
            }
            j += match.length
            if j < tokens.count, tokens[j].norm == "'s" || tokens[j].norm == "'" { j += 1 }
        }
        // A person's name straight away ("Joe Biden", "President Biden" as an alias).
        if of == nil, let match = index.longest(at: j, in: tokens, accepting: { isKind($0, [.person]) }), case .actor(let n) = match.entries[0] {
            return finishPerson(start: begin, end: j + match.length, person: .known(n), title: nil, of: nil, tokens: tokens, sentence: sentence)
        }
        if let match = index.longest(at: j, in: tokens, accepting: { if case .title = $0 { return true }; return false }),
           case .title(let written) = match.entries[0] {
            // A title needs a capital, a modifier, a determiner or a name after it to be one
            // ("President", "the president", "special envoy Teodoro Lacsamana").
            let nameFollows = j + match.length < tokens.count && tokens[j + match.length].isCapitalized && tokens[j + match.length].isWord
            if tokens[j].isCapitalized || of != nil || begin > start || nameFollows {
                title = written
                j += match.length
            }
        }
        while j < tokens.count {
            if tokens[j].text == "H.E." || tokens[j].text == "H.E" {
                j += 1; honorific = true; continue
            }
            guard let match = index.longest(at: j, in: tokens, accepting: { $0 == .honorific }), tokens[j].isCapitalized else { break }
            j += match.length
            honorific = true
        }
        if title != nil || honorific {
            if let match = index.longest(at: j, in: tokens, accepting: { isKind($0, [.person]) }), case .actor(let n) = match.entries[0] {
                person = .known(n)
                j += match.length
            } else if let (skip, match) = (1...3).lazy.compactMap({ k -> (Int, (length: Int, entries: [PhraseIndex.Entry]))? in
                // Courtesy words the list lacks before a known name ("Samdech Thipadei Hun Manet").
                // A whole name, not a surname alone: "Emanuel Macron" is an unknown spelling, not a courtesy and "Macron".
                guard j + k < tokens.count, tokens[j..<(j + k)].allSatisfy({ $0.isWord && $0.isCapitalized }),
                      let match = index.longest(at: j + k, in: tokens, accepting: { isKind($0, [.person]) }), match.length >= 2 else { return nil }
                return (k, match)
            }).first, case .actor(let n) = match.entries[0] {
                person = .known(n)
                j += skip + match.length
            } else if let name = unknownName(at: j, in: tokens) {
                person = .proposed(name.text)
                j += name.length
            }
        }
        if title != nil, person == nil, of == nil, j + 1 < tokens.count, tokens[j].norm == "of" {
            // "Prime Minister of Cambodia", "… of the Kingdom of Cambodia".
            let at = MentionFinder.determiners.contains(tokens[j + 1].norm) ? j + 2 : j + 1
            if let match = index.longest(at: at, in: tokens, accepting: { isKind($0, [.state, .organization]) }), case .actor(let n) = match.entries[0] {
                of = n
                j = at + match.length
            }
        }
        // "the Philippine Ambassador to France": where an envoy is posted belongs to the title.
        if let t = title, person == nil, ["Ambassador", "Envoy", "Special Envoy"].contains(t), j + 1 < tokens.count, tokens[j].norm == "to",
           let match = index.longest(at: j + 1, in: tokens, accepting: { isKind($0, [.state, .organization]) }) {
            j += 1 + match.length
        }
        if person == nil, title == nil, honorific, j > begin {
            // Courtesy words alone ("Samdech Thipadei"): whoever the text last called so.
            var mention = Mention(range: begin..<j, actor: nil, text: Self.text(tokens[begin..<j], in: sentence))
            mention.honorificsOnly = true
            return mention
        }
        if let person {
            return finishPerson(start: begin, end: j, person: person, title: title, of: of, tokens: tokens, sentence: sentence)
        }
        if let title {
            // An office without a name: its holder on the article's date, when the register knows.
            let holder = roles.holder(title: title, of: of.map { gazetteer.actors[$0].name })
            return Mention(range: begin..<j, actor: holder.map(ActorRef.known), title: title, of: of, text: Self.text(tokens[begin..<j], in: sentence))
        }
        guard let of, !demonymOnly else { return nil }
        var mention = Mention(range: begin..<j, actor: .known(of), text: Self.text(tokens[begin..<j], in: sentence))
        // An alias such as "ASEAN leaders" names the organization's leaders.
        if j > begin, ["leaders", "leader"].contains(tokens[j - 1].norm) { mention.leaders = true }
        if j < tokens.count, tokens[j].norm == "leaders" || tokens[j].norm == "leader" {
            mention.leaders = true
            mention.range = begin..<j + 1
            mention.text = Self.text(tokens[begin..<j + 1], in: sentence)
        }
        // "Cambodia's" names the state, but the phrase goes on with what is Cambodia's.
        if mention.range.upperBound > begin, tokens[mention.range.upperBound - 1].norm == "'s" || tokens[mention.range.upperBound - 1].norm == "'" {
            mention.range = begin..<mention.range.upperBound - 1
        }
        return mention
    }

    private func finishPerson(start: Int, end: Int, person: ActorRef, title: String?, of: Int?, tokens: [Token], sentence: String) -> Mention {
        Mention(range: start..<end, actor: person, title: title, of: of, text: Self.text(tokens[start..<end], in: sentence))
    }

    /// Capitalized words after a title that name no one the register knows ("President Emmanuel Macron").
    private func unknownName(at start: Int, in tokens: [Token]) -> (text: String, length: Int)? {
        var end = start
        while end < tokens.count, end - start < 4, tokens[end].isWord, tokens[end].isCapitalized,
              !Self.stopCapitalized.contains(tokens[end].norm), ArticleDates.month(tokens[end].text) == nil || end > start,
              index.longest(at: end, in: tokens, accepting: { isKind($0, [.state, .organization]) }) == nil {
            end += 1
        }
        guard end > start else { return nil }
        return (tokens[start..<end].map(\.text).joined(separator: " "), end - start)
    }

    /// The words of `tokens` as the sentence writes them.
    static func text(_ tokens: ArraySlice<Token>, in sentence: String) -> String {
        guard let first = tokens.first, let last = tokens.last else { return "" }
        let characters = Array(sentence)
        return String(characters[first.offset..<min(characters.count, last.offset + last.text.count)])
    }
}
