import ChanceryModel
import Foundation

extension Extractor {
    /// After the last sentence: names the register does not know get their closest known names,
    /// and events their participants.
    mutating func finish() {
        settlePendingResponses()
        var seen: [String: Int] = [:]
        func note(_ party: Party, _ sentences: [Int]) {
            guard case .proposed(let name) = party.actor else { return }
            if let n = seen[name] {
                for s in sentences where !proposals.newActors[n].sentences.contains(s) { proposals.newActors[n].sentences.append(s) }
                return
            }
            seen[name] = proposals.newActors.count
            proposals.newActors.append((name, ClosestNames.closest(to: name, among: gazetteer.actors.filter { $0.kind == .person }), sentences))
        }
        for letter in proposals.letters {
            for party in letter.from + letter.to + letter.via { note(party, letter.support.sentences) }
        }
        for invitation in proposals.invitations {
            for party in [invitation.inviter] + invitation.invitees { note(party, invitation.support.sentences) }
            if let event = invitation.event {
                for party in [invitation.inviter] + invitation.invitees where !proposals.events[event].participants.contains(where: { $0.same(party) }) {
                    proposals.events[event].participants.append(party)
                }
            }
        }
        // An event the register already has is linked to it.
        for n in proposals.events.indices {
            let identity = proposals.events[n].identity
            guard identity.count >= 2 else { continue }
            proposals.events[n].known = gazetteer.events.first { known in
                known.kind == proposals.events[n].kind && EventProposal.same(identity, EventProposal.identity(of: known.name))
            }?.ref
        }
        // An event never named stays nameless only if nothing else calls it anything.
        for n in proposals.events.indices where proposals.events[n].name == nil {
            let kind = proposals.events[n].kind
            let place = proposals.events[n].city ?? proposals.events[n].country.map { gazetteer.actors[$0].name }
            proposals.events[n].name = (kind == .summit ? "Summit" : kind.rawValue.replacingOccurrences(of: "_", with: " ").capitalized)
                + (place.map { " in " + $0 } ?? "")
            proposals.events[n].support.confidence = min(proposals.events[n].support.confidence, 0.5)
        }
    }
}

/// The register's names nearest to a name it does not know, by edit distance over normalized words.
enum ClosestNames {
    static func closest(to name: String, among actors: [Gazetteer.KnownActor], limit: Int = 3) -> [String] {
        let target = Tokenizer.key(of: name).joined(separator: " ")
        var scored: [(String, Int)] = []
        for actor in actors {
            let best = ([actor.name] + actor.aliases).map { distance(target, Tokenizer.key(of: $0).joined(separator: " ")) }.min() ?? Int.max
            if best <= max(2, target.count / 3) { scored.append((actor.name, best)) }
        }
        return scored.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(limit).map(\.0)
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
