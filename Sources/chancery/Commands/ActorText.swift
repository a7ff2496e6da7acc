import EDTF
import ChanceryModel

/// An actor's profile as `actor show`, `actor edit` and `actor merge` print it.
enum ActorText {
    static func profile(_ profile: ActorProfile, allNames: Bool) -> String {
        var lines = [profile.actor.label]
        if profile.unidentified {
            lines.append("Unidentified: stands for someone the sources do not name; left out of the busiest correspondents")
        }
        // Every identifier, each on its line, so none hides in the label.
        if let iso = profile.actor.isoCode { lines.append("ISO code:    " + iso) }
        if let wikidata = profile.actor.wikidataId { lines.append("Wikidata:    " + wikidata) }
        if let viaf = profile.viafId { lines.append("VIAF:        " + viaf) }
        if let gnd = profile.gndId { lines.append("GND:         " + gnd) }
        if let existed = profile.existed { lines.append("Existed:     " + existed.display + " (" + existed.edtf + ")") }
        if !profile.aliases.isEmpty {
            let shown = allNames ? profile.aliases : Array(profile.aliases.prefix(ActorCommand.Show.namesShown))
            let more = profile.aliases.count - shown.count
            lines.append("Aliases:     " + shown.joined(separator: "; ")
                 + (more > 0 ? "; and \(more) more (--all-names lists them)" : ""))
        }
        if !profile.demonyms.isEmpty { lines.append("Demonyms:    " + profile.demonyms.joined(separator: ", ")) }
        if !profile.namesAsWritten.isEmpty {
            lines.append("Written as:  " + profile.namesAsWritten.map(spelling).joined(separator: "; "))
        }
        if let note = profile.note { lines.append("Note:        " + note) }
        for role in profile.roles {
            lines.append("Role:        " + role.holder + " — " + role.title + ", " + role.of
                 + (role.period.map { " (" + $0.display + ")" } ?? "") + " [id \(role.id)]")
        }
        for membership in profile.memberships {
            lines.append("Membership:  " + MembershipSelection.line(membership))
        }
        for merged in profile.merged {
            lines.append("Merged in:   " + merged.name + " (" + merged.at.prefix(10) + ", " + merged.by + ")")
        }
        lines.append("Letters:     \(profile.letterCount)")
        return lines.joined(separator: "\n")
    }

    /// "Kf. N. (30 letters, 1547–1553)".
    static func spelling(_ name: NameAsWritten) -> String {
        let count = "\(name.letterCount) letter" + (name.letterCount == 1 ? "" : "s")
        let years = name.firstYear.flatMap { first in name.lastYear.map { Gregorian.yearSpan(first, $0) } }
        return name.name + " (" + ([count] + [years].compactMap { $0 }).joined(separator: ", ") + ")"
    }
}
