import LibPQClient
import ChanceryModel

/// Resolves a timeline scope to the actors, pair or event it is about, and its heading.
struct TimelineParties {
    let connection: PostgresConnection

    /// An actor a scope follows, over the days it counts for (a member state while a member).
    struct Party {
        var id: Int64
        /// First day, as date text ("-infinity" when open).
        var from: String = "-infinity"
        /// Last day, as date text ("infinity" when open).
        var to: String = "infinity"
        /// Whether it counts whatever the date (not a member state counted only while a member).
        var isAlwaysCounted: Bool { from == "-infinity" && to == "infinity" }
    }

    package enum Kind {
        case event(Int64)
        case everything
        /// Two states' actor ids.
        case pair(Int64, Int64)
        /// Records involving any of the parties on the given side; `countryCode` when the scope
        /// is a country, whose events held there count too.
        case parties([Party], side: CountrySide, countryCode: String?)
    }

    struct Resolved {
        var title: String
        var kind: Kind
    }

    func resolve(_ scope: TimelineScope) async throws -> Resolved {
        let countries = CountryLookup(connection: connection)
        switch scope {
        case .country(let input, let side):
            let country = try await countries.state(input, field: "country")
            let suffix = side == .sender ? ", as sender" : side == .recipient ? ", as recipient" : ""
            return Resolved(title: country.name + " (" + country.code + ")" + suffix,
                            kind: .parties([Party(id: country.stateID)], side: side, countryCode: country.code))
        case .between(let first, let second):
            let a = try await countries.state(first, field: "between")
            let b = try await countries.state(second, field: "between")
            guard a.stateID != b.stateID else {
                throw ChanceryError.invalid("between", "'\(first)' and '\(second)' name the same country",
                                            hint: "Name two countries; for the timeline of one, give it as the country.")
            }
            return Resolved(title: a.name + " (" + a.code + ") – " + b.name + " (" + b.code + ")", kind: .pair(a.stateID, b.stateID))
        case .person(let name):
            let person = try await ActorResolver(connection: connection).resolve(name, field: "person", kinds: [.person])
            return Resolved(title: person.name, kind: .parties([Party(id: person.id)], side: .any, countryCode: nil))
        case .organization(let name, let includingMembers):
            let organization = try await ActorResolver(connection: connection).resolve(name, field: "org", kinds: [.organization])
            var parties = [Party(id: organization.id)]
            if includingMembers {
                parties += try await connection.query(
                    """
                    SELECT member_id, coalesce(period_earliest::text, '-infinity') AS from_day,
                           coalesce(period_latest::text, 'infinity') AS to_day
                    FROM membership WHERE organization_id = \(organization.id)
                    """
                ).rows.map { Party(id: try $0.decode("member_id"), from: try $0.decode("from_day"), to: try $0.decode("to_day")) }
            }
            return Resolved(title: organization.name + (includingMembers ? " and its member states" : ""),
                            kind: .parties(parties, side: .any, countryCode: nil))
        case .event(let input):
            let eventID = try await EventLookup(connection: connection).id(of: input, field: "event")
            let name: String = try await connection.query("SELECT name FROM event WHERE id = \(eventID)").rows[0].decode("name")
            return Resolved(title: name, kind: .event(eventID))
        case .everything:
            return Resolved(title: "All records", kind: .everything)
        }
    }
}
