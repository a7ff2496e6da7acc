package import ChanceryModel

/// The letter filters of a query, as `GET /v1/letters` and `/v1/export` take them: the
/// `chancery letters` options, by the same names.
package struct LetterFilterParameters {
    /// The parameters that filter letters.
    package static let names: Set<String> = [
        "country", "from-country", "to-country", "between", "person", "org", "members", "since", "until", "strict",
        "kind", "event", "source", "text",
    ]

    let query: QueryParameters

    package init(_ query: QueryParameters) { self.query = query }

    /// The filters given; nil when none is.
    package func letterQuery() throws -> LetterQuery? {
        var letters = LetterQuery()
        letters.country = try query.string("country")
        letters.fromCountry = try query.string("from-country")
        letters.toCountry = try query.string("to-country")
        letters.between = try query.pair("between")
        letters.person = try query.string("person")
        letters.organization = try query.string("org")
        letters.includeMemberStates = try query.bool("members")
        if letters.includeMemberStates && letters.organization == nil {
            throw Problem.unprocessable("members goes with org", field: "members", hint: "Add org=ASEAN, for example.")
        }
        letters.since = try query.string("since")
        letters.until = try query.string("until")
        letters.strict = try query.bool("strict")
        if letters.strict && letters.since == nil && letters.until == nil {
            throw Problem.unprocessable("strict goes with since or until", field: "strict",
                                        hint: "Add since=2022-01, for example: strict keeps the letters certainly inside that window.")
        }
        letters.kind = try query.string("kind").map { try LetterKind.parse($0, field: "kind") }
        letters.event = try query.string("event")
        letters.source = try query.string("source")
        letters.text = try query.string("text")
        return letters == LetterQuery() ? nil : letters
    }
}
