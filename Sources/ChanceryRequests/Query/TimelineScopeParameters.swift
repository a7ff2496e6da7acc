package import ChanceryModel

/// The timeline's scope from the query: exactly one of country, between, person, org, event, all.
package struct TimelineScopeParameters {
    let query: QueryParameters

    package init(_ query: QueryParameters) { self.query = query }

    package func scope() throws -> TimelineScope {
        let country = try query.string("country"), between = try query.pair("between"), person = try query.string("person")
        let org = try query.string("org"), event = try query.string("event"), all = try query.bool("all")
        let given = [country != nil, between != nil, person != nil, org != nil, event != nil, all].filter { $0 }.count
        guard given == 1 else {
            throw Problem.unprocessable("a timeline needs exactly one of country, between, person, org, event or all",
                                        hint: "For example /v1/timeline?between=US,KH or /v1/timeline?all=true&since=2022.")
        }
        let side = try query.choice("side", CountrySide.self, allowed: CountrySide.allCases)
        if side != nil && country == nil { throw Problem.unprocessable("side goes with country", field: "side") }
        let members = try query.bool("members")
        if members && org == nil { throw Problem.unprocessable("members goes with org", field: "members") }
        if let country { return .country(country, side: side ?? .any) }
        if let between { return .between(between.0, between.1) }
        if let person { return .person(person) }
        if let org { return .organization(org, includingMembers: members) }
        if let event { return .event(event) }
        return .everything
    }
}
