import ChanceryIntake
import ChanceryModel
import Foundation

/// The expected records of one development-set text (`NN-slug.expected.json`).
struct ExpectedRecords: Decodable {
    struct Letter: Decodable {
        var kind: String?
        var from: [String]
        var to: [String]
        var via: [String]?
        var replyTo: [Int]?
    }
    struct Invitation: Decodable {
        var from: String
        var invitees: [String]
        var event: String?
        var letter: Int?
    }
    struct Response: Decodable {
        var invitee: String
        var status: String
        var letter: Int?
    }
    struct Event: Decodable {
        var name: String
        var kind: String?
        var city: String?
    }
    var style: String?
    var published: String?
    var letters: [Letter]
    var invitations: [Invitation]?
    var responses: [Response]?
    var events: [Event]?
    var newActors: [String]?
}

/// Counts of right, wrong and missed for one kind of record, summed over texts.
struct Tally {
    var correct = 0
    var proposed = 0
    var expected = 0

    var precision: Double { proposed == 0 ? 1 : Double(correct) / Double(proposed) }
    var recall: Double { expected == 0 ? 1 : Double(correct) / Double(expected) }

    static func += (left: inout Tally, right: Tally) {
        left.correct += right.correct
        left.proposed += right.proposed
        left.expected += right.expected
    }
}

/// Scores intake's proposals for a text against its expected records. Letters are right when
/// their senders and recipients are exactly the expected ones; senders, recipients and
/// intermediaries are also counted one by one over the letters matched to each other.
struct IntakeScore {
    static let kinds = ["letters", "senders", "recipients", "intermediaries", "reply links", "invitations", "answers", "events", "new actors"]
    var tallies: [String: Tally] = [:]
    var mistakes: [String] = []

    init(proposals: IntakeProposals, names: (Party) -> String, expected: ExpectedRecords) {
        let letters = proposals.letters.map { (from: Set($0.from.map(names)), to: Set($0.to.map(names)), via: Set($0.via.map(names))) }
        let wanted = expected.letters.map { (from: Set($0.from), to: Set($0.to), via: Set($0.via ?? [])) }
        // Expected letter → proposed letter, by the most names in common.
        var pairing: [Int: Int] = [:]
        var taken: Set<Int> = []
        for (e, want) in wanted.enumerated() {
            let best = letters.indices.filter { !taken.contains($0) }.max { a, b in
                Self.overlap(letters[a], want) < Self.overlap(letters[b], want)
            }
            if let best, Self.overlap(letters[best], want) > 0 {
                pairing[e] = best
                taken.insert(best)
            }
        }
        var letterTally = Tally(proposed: letters.count, expected: wanted.count)
        var senders = Tally(), recipients = Tally(), via = Tally()
        for (e, want) in wanted.enumerated() {
            guard let p = pairing[e] else {
                mistakes.append("missed letter \(want.from.sorted()) → \(want.to.sorted())")
                senders.expected += want.from.count; recipients.expected += want.to.count; via.expected += want.via.count
                continue
            }
            let got = letters[p]
            if got.from == want.from && got.to == want.to { letterTally.correct += 1 } else {
                mistakes.append("letter \(got.from.sorted()) → \(got.to.sorted()), expected \(want.from.sorted()) → \(want.to.sorted())")
            }
            if got.via != want.via { mistakes.append("via \(got.via.sorted()), expected \(want.via.sorted())") }
            senders += Tally(correct: got.from.intersection(want.from).count, proposed: got.from.count, expected: want.from.count)
            recipients += Tally(correct: got.to.intersection(want.to).count, proposed: got.to.count, expected: want.to.count)
            via += Tally(correct: got.via.intersection(want.via).count, proposed: got.via.count, expected: want.via.count)
        }
        for p in letters.indices where !taken.contains(p) {
            mistakes.append("extra letter \(letters[p].from.sorted()) → \(letters[p].to.sorted())")
            senders.proposed += letters[p].from.count; recipients.proposed += letters[p].to.count; via.proposed += letters[p].via.count
        }
        tallies["letters"] = letterTally
        tallies["senders"] = senders
        tallies["recipients"] = recipients
        tallies["intermediaries"] = via

        let expectedLinks = Set(expected.letters.enumerated().flatMap { e, letter in (letter.replyTo ?? []).map { "\(e)>\($0)" } })
        let byProposed = Dictionary(uniqueKeysWithValues: pairing.map { ($1, $0) })
        let proposedLinks = proposals.letters.enumerated().flatMap { p, letter in
            letter.replyTo.map { target in "\(byProposed[p].map(String.init) ?? "x\(p)")>\(byProposed[target].map(String.init) ?? "x\(target)")" }
        }
        tallies["reply links"] = Tally(correct: proposedLinks.filter(expectedLinks.contains).count, proposed: proposedLinks.count, expected: expectedLinks.count)

        let invitations = proposals.invitations.map { "\(names($0.inviter)) → \($0.invitees.map(names).sorted())" }
        let wantedInvitations = (expected.invitations ?? []).map { "\($0.from) → \($0.invitees.sorted())" }
        tallies["invitations"] = Self.multiset(invitations, wantedInvitations, "invitation", &mistakes)
        let answers = proposals.responses.map { "\(names($0.invitee)) \($0.status.rawValue)" }
        tallies["answers"] = Self.multiset(answers, (expected.responses ?? []).map { "\($0.invitee) \($0.status)" }, "answer", &mistakes)

        var eventTally = Tally(proposed: proposals.events.count, expected: (expected.events ?? []).count)
        var usedEvents: Set<Int> = []
        for want in expected.events ?? [] {
            let identity = EventProposal.identity(of: want.name)
            if let match = proposals.events.indices.first(where: { !usedEvents.contains($0) && EventProposal.same(proposals.events[$0].identity, identity) }) {
                usedEvents.insert(match)
                eventTally.correct += 1
            } else {
                mistakes.append("missed event \(want.name)")
            }
        }
        for n in proposals.events.indices where !usedEvents.contains(n) { mistakes.append("extra event \(proposals.events[n].name ?? "?")") }
        tallies["events"] = eventTally
        tallies["new actors"] = Self.multiset(proposals.newActors.map(\.name), expected.newActors ?? [], "new actor", &mistakes)
    }

    static func overlap(_ a: (from: Set<String>, to: Set<String>, via: Set<String>), _ b: (from: Set<String>, to: Set<String>, via: Set<String>)) -> Int {
        a.from.intersection(b.from).count * 2 + a.to.intersection(b.to).count * 2 + a.from.union(a.to).intersection(b.from.union(b.to)).count
    }

    static func multiset(_ got: [String], _ want: [String], _ noun: String, _ mistakes: inout [String]) -> Tally {
        var left = want
        var correct = 0
        for item in got {
            if let n = left.firstIndex(of: item) { left.remove(at: n); correct += 1 } else { mistakes.append("extra \(noun) \(item)") }
        }
        for item in left { mistakes.append("missed \(noun) \(item)") }
        return Tally(correct: correct, proposed: got.count, expected: want.count)
    }
}
