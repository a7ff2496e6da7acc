import ChanceryCore
import ChanceryIntake

/// What `chancery intake` found, in a few lines for the terminal.
enum IntakeSummaryText {
    static func render(_ drafts: IntakeDrafts, written path: String?) -> String {
        let p = drafts.proposals
        var lines: [String] = []
        lines.append("intake: \(p.article.sentences.count) sentence(s) read, \(p.article.ignored.count) line(s) of page furniture left out")
        lines.append("  \(p.letters.count) letter(s), \(p.invitations.count) invitation(s), \(p.responses.count) answer(s), \(p.events.count) event(s), 1 source, \(p.newActors.count) new actor(s)")
        for actor in p.newActors {
            lines.append("  new actor: \(actor.name)" + (actor.closest.isEmpty ? "" : " (closest in the register: \(actor.closest.joined(separator: ", ")))"))
        }
        if let path {
            lines.append("Review \(path), then: chancery import \(path)")
        }
        return lines.joined(separator: "\n")
    }
}
