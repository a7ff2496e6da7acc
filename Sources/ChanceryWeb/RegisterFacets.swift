import ChanceryRequests
import ChanceryModel

/// The register's facets: how the letters shown divide by year, kind, country, person and
/// organization, each value a link that narrows the page to it (keeping the other filters).
struct RegisterFacets {
    struct Link {
        var label: String
        var count: Int
        /// "1 letter", "12 letters", for the histogram bar's label.
        var countLabel: String
        var url: String
        /// The largest count of the group, for the year histogram's bars.
        var maximum: Int
        var current: Bool
    }

    struct Group {
        var id: String
        var heading: String
        var links: [Link]
        var isHistogram: Bool
    }

    var total: Int
    /// "1 letter", "12 letters".
    var totalLabel: String
    var groups: [Group]

    init(_ facets: LetterFacets, form: FormEncodedQuery) {
        total = facets.total
        totalLabel = Self.letters(facets.total)
        func group(_ id: String, _ heading: String, _ counts: [LetterFacets.Count], histogram: Bool = false,
                   narrowing: (LetterFacets.Count) -> [(String, String)]) -> Group? {
            guard !counts.isEmpty else { return nil }
            let maximum = counts.map(\.count).max() ?? 0
            let links = counts.map { count in
                let pairs = narrowing(count)
                let current = pairs.allSatisfy { form.text($0.0)?.lowercased() == $0.1.lowercased() }
                return Link(label: count.label, count: count.count, countLabel: Self.letters(count.count),
                            url: Self.url(form, replacing: pairs), maximum: maximum, current: current)
            }
            return Group(id: "facet-" + id, heading: heading, links: links, isHistogram: histogram)
        }
        let awaiting = facets.awaitingReply > 0
            ? [LetterFacets.Count(value: "yes", label: "Awaiting a reply", count: facets.awaitingReply)] : []
        groups = [
            group("years", "Year", facets.years.map(Self.year), histogram: true) { [("since", $0.value), ("until", $0.value)] },
            group("countries", "Country", facets.countries) { [("country", $0.value)] },
            group("sending", "Sent from", facets.sendingCountries) { [("from", $0.value)] },
            group("receiving", "Sent to", facets.receivingCountries) { [("to", $0.value)] },
            group("pairs", "Between", facets.pairs) { [("between", $0.value)] },
            group("people", "Person", facets.people) { [("person", $0.value)] },
            group("organizations", "Organization", facets.organizations) { [("org", $0.value)] },
            group("events", "Event", facets.events) { [("event", $0.value)] },
            group("kinds", "Kind", facets.kinds) { [("kind", $0.value)] },
            group("status", "Status", awaiting) { [("awaiting", $0.value)] },
        ].compactMap { $0 }
    }

    /// A year's count as the page shows and links it: the year (-44 for 45 BC) as the `since` and
    /// `until` filters read it (-0044), and the label as people read it ("45 BC"); see ``WebYears``.
    static func year(_ count: LetterFacets.Count) -> LetterFacets.Count {
        guard let year = Int(count.value) else { return count }
        return LetterFacets.Count(value: WebYears.edtf(year), label: WebYears.name(year), count: count.count)
    }

    /// "1 letter", "12 letters".
    static func letters(_ count: Int) -> String {
        "\(count) letter" + (count == 1 ? "" : "s")
    }

    /// The register's address with the current filters, `pairs` replacing any of the same names.
    static func url(_ form: FormEncodedQuery, replacing pairs: [(String, String)]) -> String {
        let replaced = Set(pairs.map(\.0))
        let kept = RegisterPage.filterNames.compactMap { name, _ in
            replaced.contains(name) ? nil : form.text(name).map { (name, $0) }
        }
        let ordered = RegisterPage.filterNames.compactMap { name, _ in
            (kept + pairs).first { $0.0 == name }
        }
        return "/?" + FormEncodedQuery.encode(ordered)
    }
}
