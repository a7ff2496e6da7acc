import Foundation
import ChanceryModel
import ChanceryInterchange

/// The proposals as a Chancery dataset (JSON Lines, the import format): a header, the article as
/// a source, actors the register lacks, events, letters, invitations and answers. Every record
/// cites the article with its supporting sentences as the quote, and carries an `intake` object
/// (confidence, rule, sentence numbers) for whoever reviews it; the import ignores that object.
public struct IntakeDataset: Sendable {
    public let proposals: IntakeProposals
    public let gazetteer: Gazetteer

    public init(proposals: IntakeProposals, gazetteer: Gazetteer) {
        self.proposals = proposals
        self.gazetteer = gazetteer
    }

    /// Reference prefixes in the register's style ("US-KH-2022-", "INV-US-2022-"), one per letter
    /// and per invitation, for the caller to number.
    public var letterPrefixes: [String] {
        proposals.letters.map { letter in
            code(letter.from.first) + "-" + code(letter.to.first) + "-" + Self.year(of: date(of: letter)) + "-"
        }
    }

    public var invitationPrefixes: [String] {
        proposals.invitations.map { invitation in
            let letterDate = invitation.letter.map { date(of: proposals.letters[$0]) }
            return "INV-" + code(invitation.inviter) + "-" + Self.year(of: letterDate ?? proposals.article.published) + "-"
        }
    }

    /// Each letter's natural key within the article (with the article as provenance): the
    /// article's fingerprint and the letter's number.
    public var letterKeys: [String] {
        proposals.letters.indices.map { "intake:\(Self.fingerprint(of: proposals.article)):\($0 + 1)" }
    }

    /// FNV-1a over the article's sentences: the same text gives the same key, whatever its page.
    static func fingerprint(of article: Article) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in article.sentences.map(\.text).joined(separator: "\n").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// A readable reference for each new event, from its name and year ("SPECIAL-ASEAN-US-SUMMIT-2022");
    /// the register's own for an event it has.
    public var eventRefBases: [String] {
        proposals.events.map { event in
            if let known = event.known { return known }
            let words = Tokenizer.key(of: event.name ?? "event").filter { $0.allSatisfy { $0.isLetter || $0.isNumber } && $0.unicodeScalars.allSatisfy(\.isASCII) }
            let base = words.prefix(6).joined(separator: "-").uppercased()
            return (base.isEmpty ? "EVENT" : base) + "-" + Self.year(of: event.date ?? proposals.article.published)
        }
    }

    private func code(_ party: Party?) -> String {
        guard let party else { return "XX" }
        if case .known(let n) = party.actor, let iso = gazetteer.actors[n].isoCode { return iso }
        if let of = party.onBehalfOf, let iso = gazetteer.actors[of].isoCode { return iso }
        return "XX"
    }

    /// As `letter add` writes it: `45BC` for EDTF's year -44, `ND` for a date it cannot read.
    static func year(of date: String?) -> String {
        UncertainDate.referenceYear(of: date.flatMap { try? UncertainDate(parsing: $0, field: "date") })
    }

    /// A letter's date: what the text says, else up to the article's day (sent before it was
    /// reported, when exactly unknown), else wholly unknown.
    func date(of letter: LetterProposal) -> String {
        if let date = letter.date { return date }
        if let published = proposals.article.published { return "../" + published }
        return "XXXX"
    }

    /// The title the source record gets: the headline, else the first words of the text.
    public var sourceTitle: String {
        if let title = proposals.article.title, !title.isEmpty { return title }
        let words = proposals.article.sentences.first?.text.split(separator: " ").prefix(12).joined(separator: " ") ?? "Untitled article"
        return words + "…"
    }

    /// The JSON Lines text, with the given references for letters and invitations.
    public func jsonLines(letterRefs: [String], invitationRefs: [String], eventRefs: [String]) -> String {
        precondition(letterRefs.count == proposals.letters.count && invitationRefs.count == proposals.invitations.count
                     && eventRefs.count == proposals.events.count)
        var lines: [String] = [header()]
        lines.append(JSONLinesWriter.object(for: .source(articleSource(quote: nil, excerpt: true)))!.result)
        for actor in proposals.newActors {
            var record = JSONLinesWriter.object(for: .actor(ActorDraft(kind: .person, name: actor.name,
                                                                       note: actor.closest.isEmpty ? "Proposed by intake: not in the register."
                                                                           : "Proposed by intake: not in the register; closest names: " + actor.closest.joined(separator: ", ") + "."), key: nil))!
            var meta = JSONText()
            meta.add("closest", actor.closest)
            meta.add("sentences", numbers: actor.sentences)
            meta.add("confidence", fraction: 0.6)
            record.add("intake", object: meta)
            lines.append(record.result)
        }
        for (n, event) in proposals.events.enumerated() where event.known == nil {
            var draft = EventDraft()
            draft.ref = eventRefs[n]
            draft.name = event.name ?? "Summit"
            draft.kind = event.kind
            draft.status = event.status
            draft.host = event.host.map { gazetteer.actors[$0].name }
            draft.city = event.city
            draft.country = event.country.flatMap { gazetteer.actors[$0].isoCode }
            draft.date = event.date
            if draft.status == .held, draft.date == nil {
                // Held before the article reported it; without the article's date, when is unknown.
                draft.date = proposals.article.published.map { "../" + $0 } ?? "XXXX"
            }
            draft.participants = event.participants.map(name)
            draft.sources = [articleSource(quote: quote(event.support))]
            lines.append(annotated(.event(draft), event.support))
        }
        let order = proposals.letters.indices.sorted { (proposals.letters[$0].isEnclosure ? 0 : 1, $0) < (proposals.letters[$1].isEnclosure ? 0 : 1, $1) }
        for n in order {
            let letter = proposals.letters[n]
            var draft = LetterDraft()
            draft.ref = letterRefs[n]
            draft.kind = letter.kind
            draft.from = letter.from.map(participant)
            draft.to = letter.to.map(participant)
            draft.via = letter.via.map(participant)
            draft.date = date(of: letter)
            draft.dateAsWritten = letter.dateWords
            draft.replyTo = letter.replyTo.map { letterRefs[$0] }
            draft.encloses = letter.encloses.map { letterRefs[$0] }
            draft.forwards = letter.forwards.map { letterRefs[$0] }
            draft.subject = subject(of: letter)
            draft.summary = sentences(letter.support).first
            draft.language = "en"
            draft.sources = [articleSource(quote: quote(letter.support))]
            // The article and the letter's place in it are its natural key: importing the drafts of
            // the same article again finds the letters already there instead of adding them twice.
            draft.key = letterKeys[n]
            draft.provenance = articleSource(quote: nil)
            lines.append(annotated(.letter(draft), letter.support, extra: letter.dateWords == nil ? "date: not given in the text" : nil))
        }
        for (n, invitation) in proposals.invitations.enumerated() {
            var draft = InvitationDraft()
            draft.ref = invitationRefs[n]
            draft.from = participant(invitation.inviter)
            draft.invitees = invitation.invitees.map(name)
            draft.event = invitation.event.map { eventRefs[$0] }
            draft.letter = invitation.letter.map { letterRefs[$0] }
            // Without its letter, an invitation is dated like an undated letter: up to the article's day.
            if draft.letter == nil { draft.date = proposals.article.published.map { "../" + $0 } ?? "XXXX" }
            draft.summary = sentences(invitation.support).first
            draft.sources = [articleSource(quote: quote(invitation.support))]
            lines.append(annotated(.invitation(draft), invitation.support))
        }
        for response in proposals.responses {
            let letter = response.letter.map { letterRefs[$0] }
            let draft = ResponseDraft(invitation: invitationRefs[response.invitation], invitee: name(response.invitee), status: response.status,
                                      letter: letter, date: letter == nil ? (proposals.article.published.map { "../" + $0 } ?? "XXXX") : nil,
                                      note: quote(response.support))
            lines.append(annotated(.response(draft), response.support))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func header() -> String {
        var o = JSONText()
        o.add("type", "chancery-dataset")
        o.add("version", Int64(1))
        o.add("name", "Drafts from: " + sourceTitle)
        o.add("note", "Proposed by `chancery intake` from a news article; review before importing.")
        var meta = JSONText()
        meta.add("ignoredLines", objects: proposals.article.ignored.map { line in
            var o = JSONText()
            o.add("line", line.line)
            o.add("reason", line.reason)
            return o
        })
        meta.add("sentences", proposals.article.sentences.map(\.text))
        o.add("intake", object: meta)
        return o.result
    }

    private func annotated(_ record: DatasetRecord, _ support: Support, extra: String? = nil) -> String {
        var object = JSONLinesWriter.object(for: record)!
        var meta = JSONText()
        meta.add("confidence", fraction: support.confidence)
        meta.add("rule", support.rule)
        meta.add("sentences", numbers: support.sentences)
        meta.add("note", extra)
        object.add("intake", object: meta)
        return object.result
    }

    private func articleSource(quote: String?, excerpt: Bool = false) -> SourceDraft {
        SourceDraft(kind: proposals.article.kind, title: sourceTitle, url: proposals.article.url, publisher: proposals.article.publisher,
                    published: proposals.article.published,
                    excerpt: excerpt ? proposals.article.paragraphs.joined(separator: "\n\n") : nil, quote: quote)
    }

    func sentences(_ support: Support) -> [String] {
        support.sentences.sorted().compactMap { n in proposals.article.sentences.first { $0.number == n }?.text }
    }

    func quote(_ support: Support) -> String { sentences(support).joined(separator: " ") }

    /// The name a party has in the drafts: the register's, or the one proposed.
    public func name(_ party: Party) -> String {
        switch party.actor {
        case .known(let n): return gazetteer.actors[n].name
        case .proposed(let name): return name
        }
    }

    func participant(_ party: Party) -> ParticipantDraft {
        let registered = name(party)
        var asWritten: String?
        if !party.inferred, case .known = party.actor {
            let written = stripTitle(party.asWritten)
            if !written.isEmpty, Tokenizer.key(of: written) != Tokenizer.key(of: registered),
               !Tokenizer.key(of: registered).starts(with: Tokenizer.key(of: written)) { asWritten = written }
        }
        return ParticipantDraft(name: registered, capacity: party.capacity, onBehalfOf: party.onBehalfOf.map { gazetteer.actors[$0].name },
                                nameAsWritten: asWritten)
    }

    /// "Jo Biden" from "President Jo Biden": how the text spells the name itself.
    private func stripTitle(_ written: String) -> String {
        var words = written.split(separator: " ").map(String.init)
        let lowered = { (w: String) in Tokenizer.normalize(w) }
        while let first = words.first, Titles.variants.values.contains(where: { $0.contains { $0.split(separator: " ").first.map(String.init) == lowered(first) } })
                || ["the", "us", "samdech", "techo", "mr", "mrs", "dr", "his", "her"].contains(lowered(first)) || first.hasSuffix("'s") {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    private func subject(of letter: LetterProposal) -> String {
        let noun: String
        switch letter.kind {
        case .message: noun = "Message"
        case .noteVerbale: noun = "Note"
        case .telegram: noun = "Telegram"
        case .cable: noun = "Cable"
        default: noun = letter.isEnclosure ? "Enclosed letter" : "Letter"
        }
        return noun + " from " + letter.from.map(name).joined(separator: " and ") + " to " + letter.to.map(name).joined(separator: " and ")
    }
}
