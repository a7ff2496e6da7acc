import ChanceryModel

/// The words that name a piece of correspondence, and what kind each is.
enum LetterCues {
    static let nouns: [String: LetterKind] = [
        "letter": .letter, "letters": .letter, "missive": .letter, "correspondence": .letter, "reply": .letter,
        "message": .message, "messages": .message, "congratulations": .message, "condolences": .message, "greetings": .message,
        "telegram": .telegram, "cable": .cable, "note": .noteVerbale, "memorandum": .memorandum,
    ]
    /// Words before or after a cue that make it something other than diplomatic correspondence.
    static let notDiplomaticBefore: Set<String> = ["open", "capital", "cover", "love", "chain", "recommendation", "reference",
                                                  "block", "scarlet", "text", "voice", "news", "red", "dead", "credit", "footnote",
                                                  "foot", "sticky", "short", "lowercase", "uppercase", "bold", "first", "single"]
    static let notDiplomaticAfter: [[String]] = [["to", "the", "editor"], ["of", "recommendation"], ["grade"], ["grades"],
                                                 ["of", "the", "law"], ["box"], ["boxes"], ["writing"], ["carrier"], ["carriers"]]
    static let sendVerbs: Set<String> = ["sent", "send", "sends", "sending", "wrote", "write", "writes", "written", "addressed",
                                         "dispatched", "transmitted", "conveyed", "extended", "expressed", "offered"]
    static let receiveVerbs: Set<String> = ["received", "receives", "receiving", "got"]
    static let replyVerbs: Set<String> = ["thanked", "thanks", "congratulated", "congratulates", "replied", "replies", "responded",
                                          "responds", "answered", "condoled", "assured", "informed", "urged", "told", "wrote", "invited", "invites",
                                          "congratulating", "thanking", "welcomed"]
    static let deliverVerbs: Set<String> = ["delivered", "handed", "presented", "passed", "carried", "brought", "conveyed"]
    static let replyWords: Set<String> = ["reply", "replied", "replies", "response", "responded", "responding", "answer", "answered",
                                          "thanked", "thanks", "thanking"]

    /// The kind a cue at `k` names, or nil when the word is no cue there ("open letter", "capital letters").
    static func kind(at k: Int, in tokens: [Token]) -> LetterKind? {
        let word = tokens[k].norm
        guard var kind = nouns[word] else { return nil }
        if k > 0, notDiplomaticBefore.contains(tokens[k - 1].norm) { return nil }
        for phrase in notDiplomaticAfter where k + phrase.count < tokens.count {
            if zip(phrase, tokens[(k + 1)...]).allSatisfy({ $0 == $1.norm }) { return nil }
        }
        if word == "note" {
            // A diplomatic note: "note verbale", "diplomatic note", "a note to"; not "took note".
            let before = k > 0 ? tokens[k - 1].norm : ""
            let after = k + 1 < tokens.count ? tokens[k + 1].norm : ""
            guard after == "verbale" || before == "diplomatic" || before == "protest" || (["a", "the"].contains(before) && ["to", "from"].contains(after)) else { return nil }
        }
        if word == "reply", k > 0, !["a", "the", "his", "her", "its", "their", "in"].contains(tokens[k - 1].norm) { return nil }
        if word == "congratulations" || word == "condolences" || word == "greetings" {
            // A message only when sent: "sent congratulations to", "a message of condolences".
            guard tokens[max(0, k - 4)..<k].contains(where: { sendVerbs.contains($0.norm) || $0.norm == "message" }) else { return nil }
            if tokens[max(0, k - 3)..<k].contains(where: { $0.norm == "message" || $0.norm == "messages" }) { return nil }
        }
        if kind == .noteVerbale, k > 0, tokens[k - 1].norm == "protest" { kind = .noteVerbale }
        return kind
    }
}

extension Extractor {
    /// "… the enclosed correspondence conveying my intent …": a letter enclosed in the current
    /// one, from its writer, conveyed by whoever it was "received from".
    mutating func readEnclosure(_ clause: Clause) -> Int? {
        let tokens = clause.tokens
        guard let current = currentLetter, clause.number - currentLetterSentence <= 4,
              let cue = tokens.indices.first(where: { k in
                  ["enclosed", "enclosing", "enclosure", "attached"].contains(tokens[k].norm)
                      && (tokens[k].norm == "enclosure" || tokens[(k + 1)..<min(tokens.count, k + 3)].contains { LetterCues.nouns[$0.norm] != nil })
              }) else { return nil }
        let outer = proposals.letters[current]
        guard let writer = outer.from.first else { return nil }
        var letter = LetterProposal(kind: .letter, from: [writer], to: outer.to, date: outer.date, dateWords: outer.dateWords,
                                    isEnclosure: true, support: Support(sentences: [clause.number], rule: "enclosure", confidence: 0.7))
        if let from = clause.index(of: "from"), let m = clause.mentions(after: from, chained: false).first, let via = clause.parties[m],
           !via.same(writer) {
            var conveyer = via
            conveyer.capacity = capacityPhrase(in: clause, after: clause.mentions[m].range.upperBound) ?? conveyer.capacity
            letter.via = [conveyer]
            letter.support.confidence = 0.75
        }
        _ = cue
        proposals.letters.append(letter)
        let index = proposals.letters.count - 1
        proposals.letters[current].encloses.append(index)
        proposals.letters[current].support.add(clause.number)
        return index
    }

    /// "in its capacity as country coordinator for the United States in ASEAN," → that phrase.
    func capacityPhrase(in clause: Clause, after k: Int) -> String? {
        let tokens = clause.tokens
        var start = k
        while start < tokens.count, [",", "in", "its", "his", "her", "their"].contains(tokens[start].norm) { start += 1 }
        guard start + 1 < tokens.count, tokens[start].norm == "capacity", tokens[start + 1].norm == "as" else { return nil }
        var end = start + 2
        while end < tokens.count, tokens[end].norm != "," { end += 1 }
        var first = start + 2
        while first < end, MentionFinder.determiners.contains(tokens[first].norm) { first += 1 }
        guard first < end else { return nil }
        return clause.text(first..<end)
    }

    /// "X forwarded Y's letter to Z", "X forwarded to Z the letter from Y": the letter Y wrote to X,
    /// and X's own letter to Z that forwards it.
    mutating func readForwarding(_ clause: Clause) -> Bool {
        let tokens = clause.tokens
        guard let verb = tokens.indices.first(where: { ["forwarded", "forwards", "forwarding"].contains(tokens[$0].norm) }),
              let cue = tokens.indices.first(where: { LetterCues.kind(at: $0, in: tokens) != nil }),
              let forwarderIndex = clause.subject(before: verb), let forwarder = clause.parties[forwarderIndex] else { return false }
        var writer: Party?
        if let owner = clause.mentions.indices.last(where: { clause.isPossessive($0) && clause.mentions[$0].range.upperBound <= cue }) {
            writer = clause.parties[owner]
        } else if let from = clause.index(of: "from", from: verb), let m = clause.mentions(after: from, chained: false).first {
            writer = clause.parties[m]
        }
        var recipients: [Party] = []
        if let to = clause.index(of: "to", from: verb) { recipients = clause.mentions(after: to).compactMap { clause.parties[$0] } }
        guard let writer, !writer.same(forwarder), !recipients.isEmpty else { return false }
        let kind = LetterCues.kind(at: cue, in: tokens) ?? .letter
        let support = Support(sentences: [clause.number], rule: "forwarding", confidence: 0.75)
        // The letter forwarded: one already read from its writer to the forwarder, else a new one.
        let original: Int
        if let known = proposals.letters.indices.last(where: { i in
            proposals.letters[i].from.contains { $0.same(writer) } && proposals.letters[i].to.contains { $0.same(forwarder) }
        }) {
            original = known
            proposals.letters[known].support.add(clause.number)
        } else {
            proposals.letters.append(LetterProposal(kind: kind, from: [writer], to: [forwarder], support: support))
            original = proposals.letters.count - 1
        }
        var forwarding = LetterProposal(kind: .letter, from: [forwarder], to: recipients, support: support)
        forwarding.forwards = [original]
        let date = ArticleDates.mentioned(in: tokens, published: proposals.article.published)
        forwarding.date = date?.date
        forwarding.dateWords = date?.words
        proposals.letters.append(forwarding)
        currentLetter = proposals.letters.count - 1
        currentLetterSentence = clause.number
        return true
    }

    /// "X and Y exchanged letters", "an exchange of messages between X and Y": a letter each way,
    /// the second answering the first.
    mutating func readExchange(_ clause: Clause) -> Bool {
        let tokens = clause.tokens
        guard let verb = tokens.indices.first(where: { ["exchanged", "exchange", "exchanging", "traded"].contains(tokens[$0].norm) }),
              let cue = tokens.indices.first(where: { $0 > verb && $0 - verb <= 3 && LetterCues.kind(at: $0, in: tokens) != nil }) else { return false }
        var sides: [Party] = []
        if let between = clause.index(of: "between", from: cue) {
            sides = clause.mentions(after: between).compactMap { clause.parties[$0] }
        } else if let first = clause.mentions.indices.first(where: { clause.mentions[$0].range.upperBound <= verb && !clause.isObject($0) }) {
            sides = clause.mentions(after: clause.mentions[first].range.lowerBound - 1).compactMap { clause.parties[$0] }
        }
        sides = unique(sides)
        guard sides.count == 2 else { return false }
        let kind = LetterCues.kind(at: cue, in: tokens) ?? .letter
        let date = ArticleDates.mentioned(in: tokens, published: proposals.article.published)
        for (from, to) in [(sides[0], sides[1]), (sides[1], sides[0])] {
            let letter = LetterProposal(kind: kind, from: [from], to: [to], date: date?.date, dateWords: date?.words,
                                        support: Support(sentences: [clause.number], rule: "exchange", confidence: 0.8))
            proposals.letters.append(letter)
        }
        currentLetter = proposals.letters.count - 1
        currentLetterSentence = clause.number
        return true
    }

    /// A sentence reporting a letter: who sent it to whom, through whom, when.
    mutating func readLetter(_ clause: Clause) {
        let tokens = clause.tokens
        var cue: Int?
        var kind = LetterKind.letter
        for k in tokens.indices { if let found = LetterCues.kind(at: k, in: tokens) { cue = k; kind = found; break } }
        // "X wrote to Y" names a letter without the noun.
        if cue == nil, let wrote = tokens.indices.first(where: { ["wrote", "writes", "written"].contains(tokens[$0].norm) }),
           wrote + 1 < tokens.count, tokens[wrote + 1].norm == "to", !clause.mentions(after: wrote + 1).isEmpty {
            cue = wrote
        }
        // "X replied to Y" (or "answered it") after Y's letter to X: the reply is a letter too.
        var answered: Int?
        if cue == nil, let verb = tokens.indices.first(where: { ["replied", "responded", "answered"].contains(tokens[$0].norm)
                                                                || (tokens[$0].norm == "wrote" && $0 + 1 < tokens.count && tokens[$0 + 1].norm == "back") }),
           let subject = clause.subject(before: verb), let writer = clause.parties[subject] {
            let object = clause.directObject(after: tokens[verb].norm == "wrote" ? verb + 1 : verb).flatMap { clause.parties[$0] }
            answered = proposals.letters.indices.last { i in
                proposals.letters[i].to.contains { $0.same(writer) } && (object.map { o in proposals.letters[i].from.contains { $0.same(o) } } ?? true)
            }
            if answered != nil { cue = verb }
        }
        guard let cue else { return }

        var from: [Int] = [], to: [Int] = [], via: [Int] = []
        var onBehalf: Int?
        for k in tokens.indices {
            let word = tokens[k].norm
            let previous = k > 0 ? tokens[k - 1].norm : ""
            switch word {
            case "from":
                if previous == "invitation" { continue }
                from += clause.mentions(after: k)
            case "to":
                let found = clause.mentions(after: k)
                // "delivered the letter to X", "sent … to X", "addressed to X", "a letter to X"
                // Not where someone travels ("his state visit to France", "a trip to Paris").
                let travel: Set<String> = ["according", "due", "invitation", "trip", "travel", "journey", "way", "return", "flight", "mission"]
                if !found.isEmpty, !travel.contains(previous), EventCues.heads[previous] == nil { to += found }
            case "by":
                let found = clause.mentions(after: k, chained: false)
                // "handed over by Z", "carried to Paris by Z": whoever delivers it conveys it.
                // An envoy "by" whom a letter comes conveys it ("delivered … on Thursday by special envoy X").
                let envoy = found.first.map { ["Ambassador", "Envoy", "Special Envoy"].contains(clause.mentions[$0].title.map(Titles.canonical) ?? "") } ?? false
                if LetterCues.deliverVerbs.contains(previous) || previous == "over"
                    || tokens[max(0, k - 8)..<k].contains(where: { LetterCues.deliverVerbs.contains($0.norm) && $0.norm != "conveyed" })
                    || (envoy && !["sent", "signed", "written"].contains(previous)) { via += found }
                else if ["sent", "signed", "written", "addressed", "dispatched", "penned"].contains(previous)
                            || tokens[..<k].contains(where: { LetterCues.sendVerbs.contains($0.norm) }) { from += found }
            case "via", "through":
                via += clause.mentions(after: k, chained: false)
            case "behalf":
                if previous == "on", k + 1 < tokens.count, tokens[k + 1].norm == "of" {
                    onBehalf = clause.mentions(after: k + 1, chained: false).first
                }
            default:
                break
            }
        }
        // Verbs with a subject: "X sent …", "X received … from Y", "X thanked Y in a letter",
        // "Ambassador Z handed over a letter from X to Y".
        for (k, token) in tokens.enumerated() {
            let word = token.norm
            let passive = k > 0 && ["was", "were", "been", "be", "is", "being"].contains(tokens[k - 1].norm)
            guard !passive, let subject = clause.subject(before: k) else { continue }
            if LetterCues.deliverVerbs.contains(word), !from.isEmpty || !to.isEmpty, !from.contains(subject) {
                if !via.contains(subject) { via.append(subject) }
                break
            }
            if LetterCues.sendVerbs.contains(word) {
                if from.isEmpty && !to.contains(subject) && !via.contains(subject) { from.append(subject) }
                // "X sent Y a letter".
                if to.isEmpty, let object = clause.directObject(after: k), object != subject, clause.mentions[object].range.lowerBound < cue {
                    to.append(object)
                }
                break
            }
            if LetterCues.receiveVerbs.contains(word) {
                if to.isEmpty && !from.contains(subject) { to.append(subject) }
                break
            }
            if LetterCues.replyVerbs.contains(word) {
                if from.isEmpty && !to.contains(subject) { from.append(subject) }
                if to.isEmpty, let object = clause.directObject(after: k), object != subject { to.append(object) }
                break
            }
        }
        // "X's letter to Y", "his message".
        if from.isEmpty, let owner = clause.mentions.indices.last(where: { clause.isPossessive($0) && clause.mentions[$0].range.upperBound < cue && cue - clause.mentions[$0].range.upperBound <= 4 }) {
            from.append(owner)
        }
        // "In a letter to Y, X said …": the sentence's subject wrote it.
        if from.isEmpty, !to.isEmpty, let subject = clause.firstSubject(), !to.contains(subject), !via.contains(subject) {
            from.append(subject)
        }
        var senders = unique(from.compactMap { clause.parties[$0] })
        var recipients = unique(to.compactMap { clause.parties[$0] }).filter { r in !senders.contains { $0.same(r) } }
        let conveyers = unique(via.compactMap { clause.parties[$0] }).filter { v in !senders.contains { $0.same(v) } }
        recipients.removeAll { r in conveyers.contains { $0.same(r) } }
        let definite = cue > 0 && ["the", "this", "that", "his", "her", "its", "their", "said"].contains(tokens[cue - 1].norm)

        // An answer goes to the writer of what it answers, whatever else the sentence sends "to".
        if let answered, let writer = proposals.letters[answered].from.first, senders.contains(where: { proposals.letters[answered].to.contains(where: $0.same) }) {
            recipients = [writer]
        }
        // "The invitation was contained in a letter handed to Marcos": from whoever invited him.
        var carries: Int?
        if senders.isEmpty, !recipients.isEmpty, clause.contains(["invitation", "invitations"]),
           let invitation = proposals.invitations.indices.last(where: { i in proposals.invitations[i].invitees.contains { r in recipients.contains { $0.same(r) } } }) {
            senders = [proposals.invitations[invitation].inviter]
            carries = invitation
        }
        // "Widodo's letter, received in Tokyo on 3 January, …": a letter of that writer already read.
        if recipients.isEmpty, senders.count == 1, let known = proposals.letters.indices.last(where: { i in proposals.letters[i].from.contains { $0.same(senders[0]) } }) {
            var more = proposals.letters[known]
            more.via = conveyers
            // "received … on 3 January" dates its arrival, not its sending.
            let date = clause.contains(["received", "arrived", "reached"]) ? nil : ArticleDates.mentioned(in: tokens, published: proposals.article.published)
            more.date = date?.date
            more.dateWords = date?.words
            merge(more, into: known, sentence: clause.number)
            return
        }
        // "In a separate message, the Japanese Prime Minister conveyed …": to the same addressee.
        if recipients.isEmpty, !senders.isEmpty, cue > 0, ["separate", "another", "second", "similar"].contains(tokens[cue - 1].norm),
           let current = currentLetter {
            recipients = proposals.letters[current].to.filter { r in !senders.contains { $0.same(r) } }
        }
        // "Hun Manet accepted the invitation in a letter": an answer goes to whoever asked.
        if recipients.isEmpty, let sender = senders.first,
           clause.contains(LetterCues.replyWords.union(["accepted", "declined", "accepting", "declining", "invitation", "regretted"])) {
            if let invitation = proposals.invitations.last(where: { $0.invitees.contains { $0.same(sender) } }) {
                recipients = [invitation.inviter]
            } else if let earlier = proposals.letters.last(where: { $0.to.contains { $0.same(sender) } }), let writer = earlier.from.first {
                recipients = [writer]
            }
        }
        let date = ArticleDates.mentioned(in: tokens, published: proposals.article.published)
        // "The letter further says …", "In the letter, the President urged …", "The letter, dated
        // 3 June 2022, …": more of the letter last spoken of.
        // "In his reply, … President Jokowi welcomed …": the answer to the letter last spoken of, from
        // whoever it was addressed to.
        if definite || (cue > 0 && tokens[cue - 1].norm == "of"), ["reply", "response", "answer"].contains(tokens[cue].norm),
           let current = currentLetter, clause.number - currentLetterSentence <= 6,
           let writer = clause.parties.compactMap({ $0 }).first(where: { p in proposals.letters[current].to.contains { $0.same(p) } })
                ?? (senders.isEmpty ? proposals.letters[current].to.first : nil) {
            var reply = LetterProposal(kind: proposals.letters[current].kind, from: [writer], to: proposals.letters[current].from,
                                       date: date?.date, dateWords: date?.words,
                                       support: Support(sentences: [clause.number], rule: "reply", confidence: 0.8))
            reply.replyTo = [current]
            if let same = proposals.letters.indices.last(where: { sameLetter(proposals.letters[$0], reply) }) {
                merge(reply, into: same, sentence: clause.number)
            } else {
                proposals.letters.append(reply)
                currentLetter = proposals.letters.count - 1
                currentLetterSentence = clause.number
            }
            return
        }
        if definite, let current = currentLetter, clause.number - currentLetterSentence <= 6 {
            var more = proposals.letters[current]
            more.via = conveyers
            more.date = date?.date
            more.dateWords = date?.words
            merge(more, into: current, sentence: clause.number)
            return
        }
        guard !senders.isEmpty, !recipients.isEmpty else { return }
        var senderParties = senders
        if let onBehalf, let party = clause.parties[onBehalf], case .known(let n) = party.actor {
            senderParties = senderParties.map { var p = $0; p.onBehalfOf = n; return p }
        }
        let diplomatic = (senderParties + recipients).allSatisfy(isDiplomatic)
        guard diplomatic else { return }
        let inferred = (senderParties + recipients).contains { $0.inferred }
        var letter = LetterProposal(kind: kind, from: senderParties, to: recipients, via: conveyers,
                                    date: date?.date, dateWords: date?.words,
                                    support: Support(sentences: [clause.number], rule: "letter", confidence: inferred ? 0.75 : 0.9))
        if let answered { letter.replyTo = [answered] }
        if let same = proposals.letters.indices.last(where: { sameLetter(proposals.letters[$0], letter) }),
           !tokens.contains(where: { ["another", "second", "new", "separate"].contains($0.norm) }) {
            merge(letter, into: same, sentence: clause.number)
            return
        }
        // An answer to an earlier letter between the same two parties, the other way round.
        if letter.replyTo.isEmpty, let earlier = proposals.letters.indices.last(where: { i in
            let other = proposals.letters[i]
            return !other.isEnclosure && other.from.contains { s in recipients.contains { $0.same(s) } }
                && other.to.contains { r in senderParties.contains { $0.same(r) } }
        }) {
            letter.replyTo = [earlier]
            if !clause.contains(LetterCues.replyWords) { letter.support.confidence -= 0.1 }
        }
        proposals.letters.append(letter)
        currentLetter = proposals.letters.count - 1
        currentLetterSentence = clause.number
        if let carries, proposals.invitations[carries].letter == nil { proposals.invitations[carries].letter = currentLetter }
    }

    /// People and states write letters; an unknown name counts only with an office ("President X").
    func isDiplomatic(_ party: Party) -> Bool {
        switch party.actor {
        case .known: return true
        case .proposed: return party.capacity != nil
        }
    }

    func unique(_ parties: [Party]) -> [Party] {
        var result: [Party] = []
        for party in parties where !result.contains(where: { $0.same(party) }) { result.append(party) }
        return result
    }

    func sameLetter(_ a: LetterProposal, _ b: LetterProposal) -> Bool {
        Set(a.from.map(\.actor)) == Set(b.from.map(\.actor)) && Set(a.to.map(\.actor)) == Set(b.to.map(\.actor))
    }

    mutating func merge(_ letter: LetterProposal, into index: Int, sentence: Int) {
        proposals.letters[index].support.add(sentence)
        for target in letter.replyTo where target != index && !proposals.letters[index].replyTo.contains(target) {
            proposals.letters[index].replyTo.append(target)
        }
        if proposals.letters[index].via.isEmpty { proposals.letters[index].via = letter.via }
        // A date the letter itself bears ("dated 3 June 2022") beats one the report gives in passing.
        if proposals.letters[index].date == nil || letter.dateWords?.hasPrefix("dated") == true {
            proposals.letters[index].date = letter.date ?? proposals.letters[index].date
            proposals.letters[index].dateWords = letter.dateWords ?? proposals.letters[index].dateWords
        }
        // A name beats an office or a pronoun as the way to write a party.
        for (n, party) in proposals.letters[index].from.enumerated() where party.inferred {
            if let named = letter.from.first(where: { $0.same(party) && !$0.inferred }) { proposals.letters[index].from[n] = named }
        }
        for (n, party) in proposals.letters[index].to.enumerated() where party.inferred {
            if let named = letter.to.first(where: { $0.same(party) && !$0.inferred }) { proposals.letters[index].to[n] = named }
        }
        currentLetter = index
        currentLetterSentence = sentence
    }
}
