import Foundation
import ChanceryModel

/// One identifier in a `*_id` cell: how the importer finds an actor without relying on its name.
enum CSVActorID: Hashable, Sendable {
    case iso(String), wikidata(String), viaf(String), gnd(String)

    /// What a token in a `*_id` cell turned out to be.
    enum Parsed: Equatable {
        case id(CSVActorID)
        /// A scheme we know, written wrongly: the row is rejected with this advice.
        case malformed(String)
        /// Another authority (LoC, ISNI, …): skipped with a warning, the name still counts.
        case unrecognized
    }

    /// The dataset-local key naming the actor in letters: `KH`, `Q6279`, `viaf:N`, `gnd:N`,
    /// the forms the importer resolves.
    var key: String {
        switch self {
        case .iso(let code): return code
        case .wikidata(let qid): return qid
        case .viaf(let id): return "viaf:" + id
        case .gnd(let id): return "gnd:" + id
        }
    }

    /// Reads `KH`, `Q6279`, `viaf:N`, `gnd:N`, their URLs, or a bare GND number (CSV2CMI's
    /// convention: a number without a scheme is a GND id).
    static func parse(_ token: String) -> Parsed {
        let lower = token.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return parseURL(token) }
        if lower.hasPrefix("viaf:") { return viaf(String(token.dropFirst(5))) }
        if lower.hasPrefix("gnd:") { return gnd(String(token.dropFirst(4))) }
        if lower.hasPrefix("q"), token.dropFirst().first?.isASCIIDigit == true { return wikidata(token) }
        if token.count == 2, token.allSatisfy({ $0.isASCII && $0.isLetter }) { return .id(.iso(token.uppercased())) }
        if token.first?.isASCIIDigit == true, case .id(let id) = gnd(token) { return .id(id) }
        return .unrecognized
    }

    private static func parseURL(_ url: String) -> Parsed {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return .unrecognized }
        let path = components.path.split(separator: "/").map(String.init)
        // The id follows the scheme's folder (`/viaf/N/rdf.xml`, `/gnd/N/about/html`); Wikidata's is last.
        func after(_ folder: String) -> String {
            path.firstIndex(of: folder).flatMap { path.index(after: $0) < path.endIndex ? path[path.index(after: $0)] : nil } ?? ""
        }
        switch host.hasPrefix("www.") ? String(host.dropFirst(4)) : host {
        case "wikidata.org": return wikidata(path.last ?? "")
        case "viaf.org": return viaf(after("viaf"))
        case "d-nb.info": return gnd(after("gnd"))
        default: return .unrecognized
        }
    }

    private static func wikidata(_ text: String) -> Parsed {
        guard let qid = try? InputValidation.wikidataId(text) else {
            return .malformed("'\(text)' is not a Wikidata id; they look like Q6279 or https://www.wikidata.org/wiki/Q6279")
        }
        return .id(.wikidata(qid))
    }

    private static func viaf(_ text: String) -> Parsed {
        guard !text.isEmpty, text.count <= 30, text.allSatisfy(\.isASCIIDigit) else {
            return .malformed("'\(text)' is not a VIAF id; they are digits: viaf:76361317 or https://viaf.org/viaf/76361317")
        }
        return .id(.viaf(text))
    }

    /// GND numbers: digits with an optional check character `X` or `-N` (`118540238`, `4015701-0`).
    private static func gnd(_ text: String) -> Parsed {
        let upper = text.uppercased()
        var body = Substring(upper)
        if body.hasSuffix("X") {
            body = body.dropLast()
        } else if let dash = body.lastIndex(of: "-"), body.distance(from: dash, to: body.endIndex) == 2 {
            body = body[..<dash]
        }
        guard !body.isEmpty, text.count <= 20, body.allSatisfy(\.isASCIIDigit) else {
            return .malformed("'\(text)' is not a GND id; they look like gnd:118540238 or https://d-nb.info/gnd/118540238")
        }
        return .id(.gnd(upper))
    }

    /// Whether a name cell already is a reference the importer resolves without a name (an ISO
    /// code such as `KH`, `Q6279`, `viaf:N`, `gnd:N`), so no actor should be made from it.
    static func isReference(_ name: String) -> Bool {
        if name.count == 2, name.allSatisfy({ $0.isASCII && $0.isUppercase }) { return true }
        let lower = name.lowercased()
        if lower.hasPrefix("viaf:") || lower.hasPrefix("gnd:") { return true }
        return name.hasPrefix("Q") && name.count > 1 && name.dropFirst().allSatisfy(\.isASCIIDigit)
    }
}

/// GeoNames ids in `*_place_id` cells: a number or a GeoNames URL.
enum CSVGeoNamesID {
    /// The id, or nil when the cell is neither a number nor a GeoNames URL.
    static func parse(_ text: String) -> Int64? {
        if let number = Int64(text), number > 0 { return number }
        guard let components = URLComponents(string: text), let host = components.host?.lowercased(),
              host.hasSuffix("geonames.org") else { return nil }
        // https://www.geonames.org/2879139/leipzig.html and https://sws.geonames.org/2879139/
        return components.path.split(separator: "/").lazy.compactMap { Int64($0) }.first { $0 > 0 }
    }
}

fileprivate extension Character {
    /// 0–9 only; `isNumber` also accepts other scripts' digits and fractions.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
