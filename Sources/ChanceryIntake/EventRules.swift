import Foundation
import ChanceryModel

/// Summits, visits and meetings a sentence names ("the Special ASEAN-U.S. Summit", "a special
/// summit", "a state visit to Japan"), with their place when the sentence gives it.
enum EventCues {
    static let heads: [String: EventKind] = [
        "summit": .summit, "summits": .summit, "conference": .conference, "forum": .conference, "congress": .conference,
        "meeting": .other, "dialogue": .other, "session": .session, "visit": .officialVisit, "talks": .other,
        "assembly": .session, "ceremony": .other, "retreat": .other,
    ]
    static let connectors: Set<String> = ["of", "the", "and", "on", "for", "-", "'s", "&"]
    static let heldWords: Set<String> = ["held", "took", "concluded", "hosted", "attended", "opened", "closed", "ended"]
}

extension Extractor {
    /// The events the sentence names, as indices into the proposals (new or merged).
    mutating func readEvents(_ clause: Clause) -> [Int] {
        let tokens = clause.tokens
        var found: [Int] = []
        for (h, token) in tokens.enumerated() {
            guard var kind = EventCues.heads[token.norm] else { continue }
            var start = h
            if token.isCapitalized {
                // Walk back over the capitalized words of the name and their connectors.
                while start > 0 {
                    let previous = tokens[start - 1]
                    if previous.isWord && (previous.isCapitalized || Int(previous.norm) != nil || previous.norm.hasSuffix("th")) && previous.norm != "the" && !(MentionFinder.stopCapitalized.contains(previous.norm)) {
                        start -= 1
                    } else if EventCues.connectors.contains(previous.norm) && previous.norm != "the", start >= 2, tokens[start - 2].isCapitalized {
                        start -= 1
                    } else { break }
                }
            }
            let before = h > 0 ? tokens[h - 1].norm : ""
            if before == "state" { kind = .stateVisit }
            if before == "working" { kind = .workingVisit }
            if before == "ministerial" || before == "ministers" || before == "ministers'" { kind = .ministerialMeeting }
            let named = token.isCapitalized && start < h
            // "a visit" by itself is too vague to propose, unless it is to somewhere.
            let place = place(in: clause, near: h)
            if !named, kind == .other || kind == .session { continue }
            if !named, [.officialVisit, .stateVisit, .workingVisit].contains(kind), place.country == nil && place.city == nil { continue }
            let name = named ? clause.text(start..<(h + 1)) : nil
            let status: EventStatus = clause.contains(EventCues.heldWords) && !clause.contains(["will", "to", "would", "shall"]) ? .held : .proposed
            // A date in the same sentence as a named meeting is its date ("the summit on 12 May 2022").
            let date = named ? ArticleDates.mentioned(in: tokens, published: proposals.article.published, upcoming: status != .held)?.date : nil
            var event = EventProposal(name: name, kind: kind, status: status, city: place.city, country: place.country, date: date,
                                      support: Support(sentences: [clause.number], rule: named ? "named event" : "event", confidence: named ? 0.85 : 0.55))
            if event.name == nil, let country = place.country, [.officialVisit, .stateVisit, .workingVisit].contains(kind) {
                // Named as the text names the visit and the state ("official visit to Viet Nam").
                let adjective = ["state", "official", "working"].contains(before) ? tokens[h - 1].text.capitalized + " visit" : "Visit"
                event.name = adjective + " to " + (place.countryAsWritten ?? gazetteer.actors[country].name)
            }
            let index = mergeEvent(event, definite: before == "the")
            if !found.contains(index) { found.append(index) }
        }
        return found
    }

    /// "in Washington, D.C." after (or just before) the event's word: a city, or a state.
    func place(in clause: Clause, near head: Int) -> (city: String?, country: Int?, countryAsWritten: String?) {
        let tokens = clause.tokens
        let candidates = tokens.indices.filter { k in
            (tokens[k].norm == "in" || tokens[k].norm == "to") && k + 1 < tokens.count
                && (tokens[k + 1].isCapitalized || (tokens[k + 1].norm == "the" && k + 2 < tokens.count && tokens[k + 2].isCapitalized))
        }.sorted { abs($0 - head) < abs($1 - head) }
        for k in candidates {
            if let m = clause.mentionIndex(startingAt: k + 1), case .known(let n)? = clause.mentions[m].actor,
               gazetteer.actors[n].kind == .state, clause.mentions[m].title == nil {
                if tokens[k].norm == "to", !(EventCues.heads[tokens[max(0, k - 1)].norm] != nil) { continue }
                return (nil, n, clause.mentions[m].text)
            }
            guard tokens[k].norm == "in" else { continue }
            if clause.mentionIndex(startingAt: k + 1) != nil || tokens[k + 1].norm == "the" { continue }
            var end = k + 1
            while end < tokens.count, tokens[end].isWord, tokens[end].isCapitalized, ArticleDates.month(tokens[end].text) == nil,
                  EventCues.heads[tokens[end].norm] == nil { end += 1 }
            guard end > k + 1 else { continue }
            // "Washington, D.C.": a dotted short form after a comma belongs to the city.
            if end + 1 < tokens.count, tokens[end].norm == ",", tokens[end + 1].text.contains("."), tokens[end + 1].text.filter(\.isLetter).count <= 3 {
                end += 2
            }
            return (clause.text((k + 1)..<end), nil, nil)
        }
        return (nil, nil, nil)
    }

    /// Merges an event into one already proposed when they are the same (same words in any order,
    /// or an unnamed one of the same kind), else adds it; returns its index.
    mutating func mergeEvent(_ event: EventProposal, definite: Bool) -> Int {
        let match = proposals.events.indices.last { i in
            let other = proposals.events[i]
            guard other.kind == event.kind else { return false }
            if event.name == nil || other.name == nil { return true }
            let a = event.identity, b = other.identity
            return EventProposal.same(a, b) || (definite && a.count <= 1)
        }
        guard let i = match else {
            proposals.events.append(event)
            return proposals.events.count - 1
        }
        var merged = proposals.events[i]
        if merged.name == nil || (event.name.map { $0.count > (merged.name?.count ?? 0) && event.identity.count > 1 } ?? false) && merged.identity.count <= 1 {
            merged.name = event.name ?? merged.name
        }
        if merged.name == nil { merged.name = event.name }
        if let city = event.city, merged.city == nil || (city.count > merged.city!.count && city.hasPrefix(merged.city!)) { merged.city = city }
        merged.country = merged.country ?? event.country
        merged.date = merged.date ?? event.date
        if event.status == .held { merged.status = .held }
        for sentence in event.support.sentences { merged.support.add(sentence) }
        merged.support.confidence = max(merged.support.confidence, event.support.confidence)
        proposals.events[i] = merged
        return i
    }
}
