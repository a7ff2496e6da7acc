import ChanceryModel
/// Reads an article sentence by sentence and proposes records: deterministic rules over the
/// register's names, each proposal keeping the sentences that support it.
public struct Extractor {
    let gazetteer: Gazetteer
    let finder: MentionFinder
    let roles: RoleBook
    var proposals: IntakeProposals

    // What the text has been talking about.
    var currentLetter: Int?
    var currentLetterSentence = -10
    var lastSubject: Party?
    var recentPersons: [Party] = []
    var holdersByTitle: [String: Party] = [:]
    /// Names not in the register met so far, in order.
    var proposedNames: [String] = []
    var proposedParties: [String: Party] = [:]
    /// Who a text has called by courtesy words ("Samdech Thipadei" → Hun Manet).
    var honorificHolders: [String: Party] = [:]
    /// Answers whose invitation had not been read yet.
    var pendingResponses: [(invitee: Party, status: ResponseStatus, events: [Int], sentence: Int, letter: Int?)] = []

    public init(article: Article, gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        let roles = RoleBook(gazetteer: gazetteer, day: article.published)
        self.roles = roles
        self.finder = MentionFinder(gazetteer: gazetteer, index: PhraseIndex(gazetteer: gazetteer), roles: roles)
        self.proposals = IntakeProposals(article: article)
    }

    public static func propose(article: Article, gazetteer: Gazetteer) -> IntakeProposals {
        var extractor = Extractor(article: article, gazetteer: gazetteer)
        for sentence in article.sentences { extractor.read(sentence) }
        extractor.finish()
        return extractor.proposals
    }

    mutating func read(_ sentence: Sentence) {
        let mentions = finder.mentions(in: sentence)
        let clause = Clause(sentence: sentence, mentions: mentions, parties: resolve(mentions, in: sentence))
        let lettersBefore = proposals.letters.count
        let enclosure = readEnclosure(clause)
        if enclosure == nil, !readForwarding(clause), !readExchange(clause) { readLetter(clause) }
        let events = readEvents(clause)
        readInvitation(clause, enclosure: enclosure, events: events)
        readResponse(clause, events: events)
        if proposals.letters.count == lettersBefore, enclosure == nil, let current = currentLetter,
           sentence.number - currentLetterSentence <= 3,
           clause.mentions.contains(where: { $0.pronoun == .firstPerson }) {
            // The letter's own words, quoted.
            proposals.letters[current].support.add(sentence.number)
            currentLetterSentence = sentence.number
        }
        remember(clause)
    }

    /// Parties for mentions: names as found, offices through their holders, pronouns from context.
    func resolve(_ mentions: [Mention], in sentence: Sentence) -> [Party?] {
        var result: [Party?] = []
        for (n, mention) in mentions.enumerated() {
            if let pronoun = mention.pronoun {
                result.append(resolvePronoun(pronoun, mention: mention, earlier: Array(result.prefix(n)),
                                             localSubject: localSubject(before: n, mentions: mentions, parties: result, sentence: sentence)))
                continue
            }
            var actor = mention.actor
            var inferred = false
            if mention.honorificsOnly, let known = honorificHolders[Tokenizer.key(of: mention.text).joined(separator: " ")] {
                actor = known.actor
                inferred = true
            }
            if actor == nil, let title = mention.title, mention.of == nil, let known = holdersByTitle[Titles.canonical(title)] {
                actor = known.actor
                inferred = true
            }
            // An office the register has no holder for, of a state: the state, acting through it
            // ("the Philippine Ambassador", "the Thai Foreign Minister").
            if actor == nil, let title = mention.title, let state = mention.of {
                result.append(Party(actor: .known(state), capacity: Titles.canonical(title), onBehalfOf: nil, asWritten: mention.text, inferred: true))
                continue
            }
            // "Prime Minister Modi" after "Narendra Modi", neither in the register: the same new person.
            var earlierParty: Party?
            if case .proposed(let name)? = actor, let earlier = proposedNames.first(where: { $0 != name && $0.hasSuffix(" " + name) }) {
                actor = .proposed(earlier)
                earlierParty = proposedParties[earlier]
            }
            guard let actor else { result.append(nil); continue }
            var found = party(actor, title: mention.title, of: mention.of, leaders: mention.leaders, asWritten: mention.text,
                              inferred: inferred || (mention.title != nil && mention.actor != nil && !mentionNamesPerson(mention)))
            found.onBehalfOf = found.onBehalfOf ?? earlierParty?.onBehalfOf
            result.append(found)
        }
        return result
    }

    private func mentionNamesPerson(_ mention: Mention) -> Bool {
        guard case .known(let n) = mention.actor else { return true }
        let words = Set(Tokenizer.key(of: mention.text))
        return Tokenizer.key(of: gazetteer.actors[n].name).contains(where: words.contains)
            || gazetteer.actors[n].aliases.contains { Tokenizer.key(of: $0).contains(where: words.contains) && $0.count > 3 }
    }

    func party(_ actor: ActorRef, title: String?, of: Int?, leaders: Bool, asWritten: String, inferred: Bool) -> Party {
        var capacity = title.map(Titles.canonical)
        var onBehalfOf = of
        if case .known(let n) = actor {
            let kind = gazetteer.actors[n].kind
            if kind == .person, let office = roles.office(of: n, title: title) {
                capacity = capacity ?? office.title
                if Titles.canonical(office.title) == capacity || title == nil { capacity = office.title }
                onBehalfOf = onBehalfOf ?? roles.index(of: office.of)
            }
            if kind != .person { onBehalfOf = nil; capacity = leaders ? "\(gazetteer.actors[n].name) leaders" : nil }
        }
        return Party(actor: actor, capacity: capacity, onBehalfOf: onBehalfOf, asWritten: asWritten, inferred: inferred)
    }

    /// Who does what a pronoun at mention `n` is the object of: the owner just before it ("the
    /// President's intention to invite him"), else the sentence's subject so far.
    func localSubject(before n: Int, mentions: [Mention], parties: [Party?], sentence: Sentence) -> Party? {
        let tokens = sentence.tokens
        let start = mentions[n].range.lowerBound
        if let owner = (0..<n).last(where: { m in
            let end = mentions[m].range.upperBound
            return end < tokens.count && ["'s", "'"].contains(tokens[end].norm) && start - end <= 6
        }), let party = parties[owner] { return party }
        for m in 0..<n {
            var before = mentions[m].range.lowerBound - 1
            while before >= 0, MentionFinder.determiners.contains(tokens[before].norm) { before -= 1 }
            if before >= 0, Clause.prepositions.contains(tokens[before].norm) { continue }
            if let party = parties[m], isPerson(party) { return party }
        }
        return nil
    }

    func resolvePronoun(_ pronoun: Mention.Pronoun, mention: Mention, earlier: [Party?], localSubject: Party?) -> Party? {
        func inferred(_ p: Party?) -> Party? { p.map { var q = $0; q.inferred = true; q.asWritten = mention.text; return q } }
        switch pronoun {
        case .firstPerson:
            return currentLetter.flatMap { proposals.letters[$0].from.first }.flatMap(inferred)
        case .secondPerson:
            return currentLetter.flatMap { proposals.letters[$0].to.first }.flatMap(inferred)
        case .third:
            let persons = earlier.compactMap { $0 }.filter(isPerson)
            if ["him", "her"].contains(mention.text.lowercased()) {
                // An object pronoun is not who acts on it (the local subject): the last other person
                // named in the sentence, else the last one talked of.
                func other(_ p: Party) -> Bool { localSubject.map { !p.same($0) } ?? true }
                if let named = persons.last(where: other) { return inferred(named) }
                return inferred(recentPersons.first(where: other) ?? lastSubject)
            }
            // "Kishida regretted that he …": the subject so far, else the first person named, else the last talked of.
            return inferred(localSubject ?? persons.first ?? lastSubject ?? recentPersons.first)
        }
    }

    func isPerson(_ party: Party) -> Bool {
        if case .known(let n) = party.actor { return gazetteer.actors[n].kind == .person }
        return true
    }

    mutating func remember(_ clause: Clause) {
        for party in clause.parties.compactMap({ $0 }) {
            if case .proposed(let name) = party.actor, !proposedNames.contains(name) {
                proposedNames.append(name)
                proposedParties[name] = party
            }
        }
        if let subject = clause.firstSubject(), let party = clause.parties[subject], isPerson(party) { lastSubject = party }
        for party in clause.parties.compactMap({ $0 }).reversed() where isPerson(party) {
            recentPersons.removeAll { $0.same(party) }
            recentPersons.insert(party, at: 0)
            if let capacity = party.capacity { holdersByTitle[Titles.canonical(capacity)] = party }
        }
        for (n, mention) in clause.mentions.enumerated() where mention.pronoun == nil && !mention.honorificsOnly {
            // The courtesy words before a name, to read them alone later.
            if let party = clause.parties[n], isPerson(party) {
                var words: [String] = []
                for token in clause.tokens[mention.range] {
                    guard Titles.honorifics.contains(token.norm) || ["thipadei", "samdech", "moha", "borvor"].contains(token.norm) else { break }
                    words.append(token.norm)
                }
                if !words.isEmpty { honorificHolders[words.joined(separator: " ")] = party }
            }
        }
        for (n, mention) in clause.mentions.enumerated() where mention.pronoun == nil {
            if let title = mention.title, let party = clause.parties[n], isPerson(party) { holdersByTitle[Titles.canonical(title)] = party }
        }
    }
}

extension Extractor {
    /// How intake read each sentence: the names it found and whom they name. For `--explain`.
    public static func explain(article: Article, gazetteer: Gazetteer) -> [String] {
        var extractor = Extractor(article: article, gazetteer: gazetteer)
        var lines: [String] = []
        for sentence in article.sentences {
            let mentions = extractor.finder.mentions(in: sentence)
            let parties = extractor.resolve(mentions, in: sentence)
            lines.append("[\(sentence.number + 1)] \(sentence.text)")
            for (mention, party) in zip(mentions, parties) {
                let who: String
                switch party?.actor {
                case .known(let n)?: who = gazetteer.actors[n].name
                case .proposed(let name)?: who = name + " (not in the register)"
                case nil: who = "nobody the register knows"
                }
                let extra = [party?.capacity, party?.onBehalfOf.map { "for " + gazetteer.actors[$0].name }].compactMap { $0 }
                lines.append("    \"\(mention.text)\" → \(who)" + (extra.isEmpty ? "" : " (" + extra.joined(separator: ", ") + ")"))
            }
            extractor.read(sentence)
        }
        return lines
    }
}
