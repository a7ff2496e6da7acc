import ChanceryRequests
import ChanceryCore
import ChanceryModel
import Hummingbird

/// An actor's page: names and other names, ids as links, the spellings letters use, offices
/// and memberships, and a link to their letters.
struct ActorPageContent {
    struct Line {
        var text: String
    }

    var kind: String
    var name: String
    var isoCode: String?
    var isoURL: String?
    var wikidataId: String?
    var wikidataURL: String?
    var viafId: String?
    var viafURL: String?
    var gndId: String?
    var gndURL: String?
    var aliases: String
    /// When a former state existed, as people read it ("30 Dec 1922 – 26 Dec 1991").
    var existed: String?
    var demonyms: String
    /// "Joseph Biden (2026-12-04, cli:alice); …": duplicates merged into this actor.
    var merged: String
    var hasMerged: Bool
    var hasDemonyms = false
    var note: String?
    /// Whether it stands for someone the sources do not name ("einen Amtsbruder").
    var unidentified: Bool
    var letterCount: Int
    var lettersURL: String
    var timelineURL: String
    var spellings: [Line]
    var roles: [Line]
    var memberships: [Line]
    /// Whom the actor exchanged most letters with; nil when counting took too long.
    var correspondents: [CorrespondentView] = []
    var correspondentsLeftOut = false
    /// What the ranking leaves out: letters with unidentified correspondents.
    var unidentifiedCorrespondence: String?

    struct CorrespondentView {
        var name: String
        var url: String
        var kind: String
        var letters: String
        var split: String
    }

    /// Mustache reads stored properties only (through Mirror), so the flags are stored.
    var hasAliases = false
    var hasSpellings = false
    var hasRoles = false
    var hasMemberships = false
    var hasCorrespondents = false
    /// The editors' forms, filled with this actor.
    var mayEdit = false
    var newOfficeURL = ""
    var newMembershipURL = ""

    init(_ profile: ActorProfile) {
        let actor = profile.actor
        kind = actor.kind.rawValue
        name = actor.name
        isoCode = actor.isoCode
        isoURL = actor.isoCode.map { "https://www.iso.org/obp/ui/#iso:code:3166:" + $0 }
        wikidataId = actor.wikidataId
        wikidataURL = actor.wikidataId.map { "https://www.wikidata.org/wiki/" + $0 }
        viafId = profile.viafId
        viafURL = profile.viafId.map { "https://viaf.org/viaf/" + $0 }
        gndId = profile.gndId
        gndURL = profile.gndId.map { "https://d-nb.info/gnd/" + $0 }
        aliases = profile.aliases.joined(separator: "; ")
        existed = profile.existed?.display
        demonyms = profile.demonyms.joined(separator: ", ")
        hasDemonyms = !profile.demonyms.isEmpty
        merged = profile.merged.map { $0.name + " (" + $0.at.prefix(10) + ", " + $0.by + ")" }.joined(separator: "; ")
        hasMerged = !profile.merged.isEmpty
        note = profile.note
        unidentified = profile.unidentified
        letterCount = profile.letterCount
        // A state's letters are its country's; a person's or an organization's their own.
        let filter = switch actor.kind {
        case .state: ("country", actor.isoCode ?? actor.name)
        case .organization: ("org", actor.name)
        case .person: ("person", actor.name)
        }
        lettersURL = "/?" + FormEncodedQuery.encode([filter])
        timelineURL = "/timeline?" + FormEncodedQuery.encode([filter])
        spellings = profile.namesAsWritten.map { spelling in
            let count = "\(spelling.letterCount) letter" + (spelling.letterCount == 1 ? "" : "s")
            let years = [spelling.firstYear, spelling.lastYear].compactMap { $0 }
            let span = years.isEmpty ? "" : ", " + WebYears.span(years[0], years[years.count - 1])
            return Line(text: spelling.name + " (" + count + span + ")")
        }
        roles = profile.roles.map { Line(text: $0.holder + ": " + $0.title + ", " + $0.of + ($0.period.map { " (" + $0.display + ")" } ?? "")) }
        memberships = profile.memberships.map {
            Line(text: $0.member + " in " + $0.organization + ($0.period.map { " (" + $0.display + ")" } ?? ""))
        }
        mayEdit = Viewer.current.may(.editor)
        let field = actor.kind == .person ? "holder" : "of"
        newOfficeURL = "/offices/new?" + FormEncodedQuery.encode([(field, actor.name)])
        newMembershipURL = "/memberships/new?" + FormEncodedQuery.encode([(actor.kind == .organization ? "organization" : "member", actor.name)])
        hasAliases = !aliases.isEmpty
        hasSpellings = !spellings.isEmpty
        hasRoles = !roles.isEmpty
        hasMemberships = !memberships.isEmpty
    }

    static func response(name: String, database: ChanceryDatabase) async throws -> Response {
        let profile = try await ActorService(database: database).show(name)
        var content = ActorPageContent(profile)
        if let ranking = try await ActorService(database: database).correspondents(of: profile.actor.name) {
            let correspondents = ranking.correspondents
            content.correspondents = correspondents.map { other in
                CorrespondentView(name: other.name, url: PagePath.actor(other.name), kind: other.kind.rawValue,
                                  letters: "\(other.letterCount) letter" + (other.letterCount == 1 ? "" : "s"),
                                  split: "\(other.sent) sent, \(other.received) received")
            }
            content.hasCorrespondents = !correspondents.isEmpty
            if ranking.lettersWithUnidentified > 0 {
                let count = ranking.lettersWithUnidentified
                content.unidentifiedCorrespondence = "\(count) letter\(count == 1 ? "" : "s") with correspondents the sources do not name "
                    + "(unidentified actors, who stand for many people) \(count == 1 ? "is" : "are") not ranked here."
            }
        } else {
            content.correspondentsLeftOut = true
        }
        let html = PageRenderer.shared.page(title: profile.actor.name, template: "actor", content: content)
        return HTMLResponse.page(html)
    }
}
