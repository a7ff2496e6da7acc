import ChanceryModel

/// Authority-file URIs as CMIF writes them in `@ref`, and the ids Chancery keeps from them.
enum AuthorityURI: Hashable {
    case gnd(String)
    case viaf(String)
    case wikidata(String)

    /// Reads a GND, VIAF or Wikidata URI, in any of the forms editions use (http or https,
    /// with or without `www.`, a trailing slash, `entity/` or `wiki/`); nil for anything else.
    init?(_ uri: String) {
        guard let (host, segments) = Self.split(uri) else { return nil }
        switch (host, segments.count) {
        case ("d-nb.info", 2) where segments[0] == "gnd" && Self.isGND(segments[1]):
            self = .gnd(segments[1])
        case ("viaf.org", 2) where segments[0] == "viaf" && Self.isVIAF(segments[1]):
            self = .viaf(segments[1])
        case ("wikidata.org", 2) where ["entity", "wiki"].contains(segments[0]) && Self.isQID(segments[1]):
            self = .wikidata(segments[1])
        default:
            return nil
        }
    }

    /// How a dataset names the actor: `gnd:118629662`, `viaf:59894734`, `Q6279` (the forms the
    /// importer's actor resolution understands).
    var key: String {
        switch self {
        case .gnd(let id): "gnd:" + id
        case .viaf(let id): "viaf:" + id
        case .wikidata(let id): id
        }
    }

    /// The URI written on export, in the form correspSearch lists for each authority.
    var uri: String {
        switch self {
        case .gnd(let id): "http://d-nb.info/gnd/" + id
        case .viaf(let id): "http://viaf.org/viaf/" + id
        case .wikidata(let id): "http://www.wikidata.org/entity/" + id
        }
    }

    /// The actor's authority ids as URIs, GND first (the authority correspSearch was built on),
    /// then VIAF, then Wikidata.
    static func all(of actor: ActorDraft) -> [AuthorityURI] {
        [actor.gndId.map(AuthorityURI.gnd), actor.viafId.map(AuthorityURI.viaf), actor.wikidataId.map(AuthorityURI.wikidata)]
            .compactMap { $0 }
    }

    /// Sets the matching id on an actor draft.
    func apply(to actor: inout ActorDraft) {
        switch self {
        case .gnd(let id): actor.gndId = actor.gndId ?? id
        case .viaf(let id): actor.viafId = actor.viafId ?? id
        case .wikidata(let id): actor.wikidataId = actor.wikidataId ?? id
        }
    }

    /// A GeoNames id from `http(s)://(www.|sws.)geonames.org/2873891[/mannheim.html]`.
    static func geoNamesID(_ uri: String) -> Int64? {
        guard let (host, segments) = split(uri), host == "geonames.org", let first = segments.first,
              first.allSatisfy(\.isASCIIDigit), first.count <= 18
        else { return nil }
        return Int64(first)
    }

    /// The GeoNames URI written on export.
    static func geoNamesURI(_ id: Int64) -> String { "http://www.geonames.org/" + String(id) }

    /// Host without `www.`/`sws.` and the non-empty path segments; nil when not http(s).
    private static func split(_ uri: String) -> (String, [String])? {
        let lowered = uri.lowercased()
        let rest: Substring
        if lowered.hasPrefix("https://") {
            rest = uri.dropFirst(8)
        } else if lowered.hasPrefix("http://") {
            rest = uri.dropFirst(7)
        } else {
            return nil
        }
        let withoutQuery = rest.prefix { $0 != "?" && $0 != "#" }
        var segments = withoutQuery.split(separator: "/").map(String.init)
        guard !segments.isEmpty else { return nil }
        var host = segments.removeFirst().lowercased()
        for prefix in ["www.", "sws."] where host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
        return (host, segments)
    }

    // The shapes schema.sql accepts for each id.
    private static func isGND(_ id: String) -> Bool {
        guard let first = id.first, first.isASCIIDigit, id.count <= 15 else { return false }
        return id.allSatisfy { $0.isASCIIDigit || $0 == "X" || $0 == "-" }
    }

    private static func isVIAF(_ id: String) -> Bool {
        id.count <= 22 && id.first != "0" && !id.isEmpty && id.allSatisfy(\.isASCIIDigit)
    }

    private static func isQID(_ id: String) -> Bool {
        id.count >= 2 && id.count <= 13 && id.first == "Q" && id.dropFirst().first != "0"
            && id.dropFirst().allSatisfy(\.isASCIIDigit)
    }
}

fileprivate extension Character {
    /// 0–9 only (not other scripts' digits).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
