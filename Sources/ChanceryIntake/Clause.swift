/// A sentence with its mentions resolved to parties, and the questions the rules ask of it:
/// who follows "to", who is the subject of a verb, which words occur where.
struct Clause {
    let sentence: Sentence
    let mentions: [Mention]
    /// The party each mention names (nil when it could not be resolved).
    let parties: [Party?]

    var tokens: [Token] { sentence.tokens }
    var number: Int { sentence.number }

    static let prepositions: Set<String> = ["to", "from", "by", "with", "of", "for", "via", "through", "on", "under", "in", "at",
                                            "between", "about", "toward", "towards", "against", "as", "than", "among", "behalf"]
    /// Nouns that stand between a preposition and the actor they belong to ("to the leaders of Laos").
    static let headsBeforeOf: Set<String> = ["leaders", "leader", "government", "governments", "people", "peoples", "ministry",
                                             "embassy", "heads", "head", "delegation", "mission", "office", "state", "foreign",
                                             "affairs", "permanent", "royal", "counterparts", "counterpart", "nation", "nations"]

    func index(of word: String, from start: Int = 0) -> Int? {
        guard start < tokens.count else { return nil }
        return tokens[start...].firstIndex { $0.norm == word }
    }

    func contains(_ words: Set<String>) -> Bool { tokens.contains { words.contains($0.norm) } }

    /// The mention starting right after token `k` (past determiners and "the leaders of"), and
    /// those joined to it by "and" or commas.
    func mentions(after k: Int, chained: Bool = true) -> [Int] {
        var start = k + 1
        while start < tokens.count, MentionFinder.determiners.contains(tokens[start].norm) { start += 1 }
        // "the Ministry of Foreign Affairs of Vietnam", "the leaders of Laos".
        var probe = start
        while probe < tokens.count, probe - start < 6, Clause.headsBeforeOf.contains(tokens[probe].norm) || tokens[probe].norm == "of" {
            probe += 1
            if tokens[probe - 1].norm == "of", mentionIndex(startingAt: probe) != nil { start = probe; break }
        }
        guard var current = mentionIndex(startingAt: start) else { return [] }
        var found = [current]
        guard chained else { return found }
        // "A and B", "A, B and C"; a comma alone ends the list ("to Biden, Hun Sen said").
        var commaJoined: [Int] = []
        while true {
            var next = mentions[current].range.upperBound
            guard next < tokens.count, tokens[next].norm == "and" || tokens[next].norm == "," else { break }
            let comma = tokens[next].norm == ","
            next += 1
            var joinedByAnd = !comma
            if next < tokens.count, tokens[next].norm == "and" { next += 1; joinedByAnd = true }
            while next < tokens.count, MentionFinder.determiners.contains(tokens[next].norm) { next += 1 }
            guard let following = mentionIndex(startingAt: next) else { break }
            if joinedByAnd {
                found += commaJoined + [following]
                commaJoined = []
            } else {
                commaJoined.append(following)
            }
            current = following
        }
        return found
    }

    func mentionIndex(startingAt token: Int) -> Int? {
        mentions.firstIndex { $0.range.lowerBound == token || ($0.range.lowerBound == token + 1 && MentionFinder.determiners.contains(tokens[token].norm)) }
    }

    /// Whether a mention follows a preposition (then it is no verb's subject).
    func isObject(_ m: Int) -> Bool {
        var before = mentions[m].range.lowerBound - 1
        while before >= 0, MentionFinder.determiners.contains(tokens[before].norm) { before -= 1 }
        guard before >= 0 else { return false }
        if Clause.prepositions.contains(tokens[before].norm) { return true }
        // "to the leaders of Laos": the preposition is before the head noun.
        if tokens[before].norm == "of" {
            var head = before - 1
            while head >= 0, Clause.headsBeforeOf.contains(tokens[head].norm) || MentionFinder.determiners.contains(tokens[head].norm) { head -= 1 }
            if head >= 0, Clause.prepositions.contains(tokens[head].norm) { return true }
        }
        return false
    }

    /// The subject of the verb at token `verb`: the last mention before it outside any preposition's
    /// phrase and not a possessive modifier.
    func subject(before verb: Int) -> Int? {
        mentions.indices.last { m in
            mentions[m].range.upperBound <= verb && !isObject(m) && !isPossessive(m) && parties[m] != nil
        }
    }

    func firstSubject() -> Int? {
        mentions.indices.first { !isObject($0) && !isPossessive($0) && parties[$0] != nil }
    }

    func isPossessive(_ m: Int) -> Bool {
        let end = mentions[m].range.upperBound
        return end < tokens.count && (tokens[end].norm == "'s" || tokens[end].norm == "'")
    }

    /// The mention that directly follows a verb ("thanked the US President").
    func directObject(after verb: Int) -> Int? {
        var k = verb + 1
        while k < tokens.count, ["to", "over", "back", "also", "personally"].contains(tokens[k].norm) { k += 1 }
        return mentionIndex(startingAt: k) ?? mentionIndex(startingAt: k - 1 < verb + 1 ? k : k)
    }

    /// Sentence text of the tokens in `range`.
    func text(_ range: Range<Int>) -> String { MentionFinder.text(tokens[range], in: sentence.text) }
}
