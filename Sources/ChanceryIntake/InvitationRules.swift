import ChanceryModel

enum InvitationCues {
    static let verbs: Set<String> = ["invite", "invites", "invited", "inviting"]
    static let acceptance: [[String]] = [["accepted"], ["accepts"], ["accept"], ["agreed", "to", "attend"], ["will", "attend"],
                                         ["confirmed", "his", "attendance"], ["confirmed", "her", "attendance"], ["confirmed", "his", "participation"],
                                         ["confirmed", "her", "participation"], ["support", "for"], ["looks", "forward", "to", "attending"],
                                         ["looking", "forward", "to", "attending"], ["gladly", "accepted"]]
    static let refusal: [[String]] = [["declined"], ["declines"], ["decline"], ["turned", "down"], ["unable", "to", "attend"],
                                      ["could", "not", "attend"], ["cannot", "attend"], ["will", "not", "attend"], ["not", "be", "able", "to", "attend"],
                                      ["regretted"], ["regrets"], ["regret"], ["unable", "to", "accept"], ["will", "not", "be", "attending"],
                                      ["won't", "attend"], ["would", "not", "attend"]]
    /// Words in a sentence with "support for" that make it support for a meeting.
    static let convening: Set<String> = ["convene", "convening", "hold", "holding", "host", "hosting", "organize", "organizing", "organise"]

    static func find(_ phrases: [[String]], in tokens: [Token]) -> Int? {
        for k in tokens.indices {
            for phrase in phrases where k + phrase.count <= tokens.count {
                if zip(phrase, tokens[k...]).allSatisfy({ $0 == $1.norm }) { return k }
            }
        }
        return nil
    }
}

extension Extractor {
    /// "… my intent to invite ASEAN leaders to join me in Washington for a special summit",
    /// "X invited Y to attend Z", "an invitation from X".
    mutating func readInvitation(_ clause: Clause, enclosure: Int?, events: [Int]) {
        let tokens = clause.tokens
        if let noun = tokens.indices.first(where: { ["invitation", "invitations"].contains(tokens[$0].norm) }),
           !tokens.indices.contains(where: { InvitationCues.verbs.contains(tokens[$0].norm) }) {
            readInvitationNoun(clause, at: noun, enclosure: enclosure, events: events)
            return
        }
        guard let cue = tokens.indices.first(where: { InvitationCues.verbs.contains(tokens[$0].norm) }) else { return }
        let passive = cue > 0 && ["was", "were", "been", "be", "is", "being"].contains(tokens[cue - 1].norm)
        var inviter: Party?
        var invitees: [Party] = []
        if passive {
            // "Y was invited by X to …"
            if let by = clause.index(of: "by", from: cue), let m = clause.mentions(after: by, chained: false).first { inviter = clause.parties[m] }
            if let subject = clause.subject(before: cue) { invitees = [clause.parties[subject]].compactMap { $0 } }
        } else {
            // Whose intent: "my intent to invite", "the US Presidents' intention to invite".
            if let owner = clause.mentions.indices.last(where: { m in
                clause.mentions[m].range.upperBound <= cue && cue - clause.mentions[m].range.upperBound <= 5
                    && (clause.isPossessive(m) || ["my", "his", "her"].contains(clause.mentions[m].text.lowercased()))
            }) {
                inviter = clause.parties[owner]
            } else if tokens[cue].norm == "inviting", tokens[..<cue].contains(where: { LetterCues.nouns[$0.norm] != nil }),
                      let current = currentLetter, currentLetterSentence == clause.number, let writer = proposals.letters[current].from.first {
                // "… received a letter from Macron inviting him to …": the letter's writer invites.
                inviter = writer
            } else if let subject = clause.subject(before: cue) {
                inviter = clause.parties[subject]
            }
            invitees = clause.mentions(after: cue).compactMap { clause.parties[$0] }
            // "a letter from Macron inviting him": "him" is whom the letter is to.
            if tokens[cue].norm == "inviting", let current = currentLetter, currentLetterSentence == clause.number,
               let first = clause.mentions(after: cue).first, clause.mentions[first].isPronoun {
                invitees = proposals.letters[current].to + invitees.dropFirst()
            }
        }
        guard let inviter, !invitees.isEmpty else { return }
        record(inviter: inviter, invitees: invitees, clause, enclosure: enclosure, events: events)
    }

    /// "X received an invitation from Y to attend Z", "Y extended an invitation to X", "Y's invitation".
    mutating func readInvitationNoun(_ clause: Clause, at noun: Int, enclosure: Int?, events: [Int]) {
        let tokens = clause.tokens
        var inviter: Party?
        var invitees: [Party] = []
        var k = noun + 1
        if k < tokens.count, ["from", "of", "by"].contains(tokens[k].norm), let m = clause.mentions(after: k, chained: false).first {
            inviter = clause.parties[m]
            k = clause.mentions[m].range.upperBound
        } else if let owner = clause.mentions.indices.last(where: { clause.isPossessive($0) && noun - clause.mentions[$0].range.upperBound <= 3 && clause.mentions[$0].range.upperBound < noun }) {
            inviter = clause.parties[owner]
        }
        let subject = clause.subject(before: noun).flatMap { clause.parties[$0] }
        if inviter == nil {
            // "Y extended an invitation to X": the subject invites whoever follows "to".
            inviter = subject
            if k < tokens.count, tokens[k].norm == "to" { invitees = clause.mentions(after: k).compactMap { clause.parties[$0] } }
        } else if let subject {
            invitees = [subject]
        }
        guard let inviter, !invitees.isEmpty else { return }
        record(inviter: inviter, invitees: invitees, clause, enclosure: enclosure, events: events)
    }

    /// Adds an invitation, or what a sentence adds to one already read (same inviter and event).
    mutating func record(inviter: Party, invitees: [Party], _ clause: Clause, enclosure: Int?, events: [Int]) {
        var inviter = inviter
        let invitees = unique(invitees).filter { !$0.same(inviter) }
        guard !invitees.isEmpty else { return }
        if inviter.inferred, let named = recentPersons.first(where: { $0.same(inviter) && !$0.inferred }) {
            inviter.asWritten = named.asWritten
        }
        let event = events.first ?? proposals.events.indices.last
        // The letter it is written in: the enclosure just read, or the current letter when its writer invites.
        var letter = enclosure
        if letter == nil, let current = currentLetter, proposals.letters[current].from.contains(where: { $0.same(inviter) }),
           clause.number - currentLetterSentence <= 2 {
            letter = current
        }
        if let enclosure, proposals.letters[enclosure].isEnclosure {
            // What the enclosure conveys is addressed to those it invites.
            proposals.letters[enclosure].to = invitees
        }
        let invitation = InvitationProposal(inviter: inviter, invitees: invitees, event: event, letter: letter,
                                            support: Support(sentences: [clause.number], rule: "invitation", confidence: inviter.inferred ? 0.75 : 0.85))
        if let same = proposals.invitations.indices.last(where: { i in
            let other = proposals.invitations[i]
            return other.inviter.same(inviter) && (other.event == nil || event == nil || other.event == event)
        }) {
            var merged = proposals.invitations[same]
            for invitee in invitees where !merged.invitees.contains(where: { $0.same(invitee) }) { merged.invitees.append(invitee) }
            merged.event = merged.event ?? event
            merged.letter = merged.letter ?? letter
            merged.support.add(clause.number)
            proposals.invitations[same] = merged
        } else {
            proposals.invitations.append(invitation)
        }
        if let event {
            let host = inviter.onBehalfOf ?? (inviterIsState(inviter) ? inviterIndex(inviter) : nil)
            proposals.events[event].host = proposals.events[event].host ?? host
        }
    }

    private func inviterIsState(_ party: Party) -> Bool {
        if case .known(let n) = party.actor { return gazetteer.actors[n].kind == .state }
        return false
    }

    private func inviterIndex(_ party: Party) -> Int? {
        if case .known(let n) = party.actor { return n }
        return nil
    }

    /// "X accepted the invitation", "declined", "full support for the U.S. to convene the summit".
    mutating func readResponse(_ clause: Clause, events: [Int]) {
        let tokens = clause.tokens
        var status: ResponseStatus?
        var cue = 0
        if let k = InvitationCues.find(InvitationCues.refusal, in: tokens),
           clause.contains(["invitation", "attend", "summit", "visit", "conference", "meeting", "participate", "accept"]) {
            status = .declined; cue = k
        } else if let k = InvitationCues.find(InvitationCues.acceptance, in: tokens) {
            let support = tokens[k].norm == "support"
            if !support || clause.contains(InvitationCues.convening) { status = .accepted; cue = k }
            if tokens[k].norm.hasPrefix("accept"), !clause.contains(["invitation", "invite", "offer"]) { status = nil }
        }
        guard let status else { return }
        var invitee: Party?
        // Who answers: of the subjects before the verb, one already invited, else the first
        // ("Marcos thanked Macron and declined" is Marcos's answer).
        let subjects = clause.mentions.indices.filter { m in
            clause.mentions[m].range.upperBound <= cue && !clause.isObject(m) && !clause.isPossessive(m) && clause.parties[m] != nil
        }
        let invited = subjects.first { m in proposals.invitations.contains { $0.invitees.contains { $0.same(clause.parties[m]!) } } }
        if let subject = invited ?? subjects.first { invitee = clause.parties[subject] }
        if invitee == nil, let current = currentLetter { invitee = proposals.letters[current].from.first }
        guard let invitee else { return }
        // Which invitation: one naming this invitee (for the event named here, when one is), else
        // the one the sentence names by its inviter ("the invitation of X"), else a new one.
        var target = proposals.invitations.indices.last { i in
            proposals.invitations[i].invitees.contains { $0.same(invitee) } && (events.isEmpty || proposals.invitations[i].event.map(events.contains) ?? true)
        }
        if target == nil {
            var inviter: Party?
            for word in ["from", "of", "by"] {
                if let k = clause.index(of: word, from: cue), let m = clause.mentions(after: k, chained: false).first { inviter = clause.parties[m]; break }
            }
            if inviter == nil, let owner = clause.mentions.indices.first(where: { clause.isPossessive($0) && clause.mentions[$0].range.lowerBound > cue }) {
                inviter = clause.parties[owner]
            }
            if let inviter, !inviter.same(invitee) {
                proposals.invitations.append(InvitationProposal(inviter: inviter, invitees: [invitee], event: events.first, letter: nil,
                                                                support: Support(sentences: [clause.number], rule: "invitation named by its answer", confidence: 0.7)))
                target = proposals.invitations.count - 1
            }
        }
        guard let invitation = target else {
            // The invitation may be reported after its answer: settled when the article is read.
            pendingResponses.append((invitee, status, events, clause.number, answerLetter(invitee, clause)))
            return
        }
        if proposals.responses.contains(where: { $0.invitation == invitation && $0.invitee.same(invitee) }) {
            if let r = proposals.responses.firstIndex(where: { $0.invitation == invitation && $0.invitee.same(invitee) }) {
                proposals.responses[r].support.add(clause.number)
            }
            return
        }
        let letter = answerLetter(invitee, clause)
        if let letter { proposals.letters[letter].support.add(clause.number) }
        proposals.responses.append(ResponseProposal(invitation: invitation, invitee: invitee, status: status, letter: letter,
                                                    support: Support(sentences: [clause.number], rule: status == .accepted ? "acceptance" : "refusal",
                                                                     confidence: tokens[cue].norm == "support" ? 0.7 : 0.85)))
    }

    /// The letter an answer is given in: the one just reported, when the invitee wrote it.
    func answerLetter(_ invitee: Party, _ clause: Clause) -> Int? {
        guard let current = currentLetter, proposals.letters[current].from.contains(where: { $0.same(invitee) }),
              clause.number - currentLetterSentence <= 3 else { return nil }
        return current
    }

    /// Answers read before their invitation, matched to it now.
    mutating func settlePendingResponses() {
        for pending in pendingResponses {
            guard let invitation = proposals.invitations.indices.last(where: { i in
                proposals.invitations[i].invitees.contains { $0.same(pending.invitee) }
                    && (pending.events.isEmpty || proposals.invitations[i].event.map(pending.events.contains) ?? true)
            }) else { continue }
            if let r = proposals.responses.firstIndex(where: { $0.invitation == invitation && $0.invitee.same(pending.invitee) }) {
                proposals.responses[r].support.add(pending.sentence)
                continue
            }
            proposals.responses.append(ResponseProposal(invitation: invitation, invitee: pending.invitee, status: pending.status, letter: pending.letter,
                                                        support: Support(sentences: [pending.sentence], rule: pending.status == .accepted ? "acceptance" : "refusal",
                                                                         confidence: 0.75)))
        }
    }
}
