import Foundation

/// A reference file that does not read as its format says: a defect of the build, named with its place.
public struct ReferenceDataError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var problem: String
    public var description: String { "\(file), line \(line): \(problem)" }
}

extension ReferenceData {
    /// Reads the reference files' texts (see Data/reference for their formats).
    public init(iso3166Part1: String, iso3166Part3: String, wikidata: String, displayNames: String, otherNames: String,
                formerStates: String, demonyms: String, organizations: String) throws {
        let wikidataByCode = try Self.table(wikidata, file: "state-wikidata.tsv", columns: 2).mapValues { $0[0] }
        let displayNameByCode = try Self.table(displayNames, file: "display-names.tsv", columns: 2).mapValues { $0[0] }
        let demonymsByCode = try Self.table(demonyms, file: "demonyms.tsv", columns: 2)
            .mapValues { $0[0].split(separator: "|").map { String($0) } }
        var sources: [String] = []

        var states: [State] = []
        var indexByCode: [String: Int] = [:]
        for (line, record) in try Self.jsonLines(iso3166Part1, file: "iso-3166-1.jsonl", as: CurrentEntry.self) {
            if let source = record.source { sources.append(source); continue }
            guard let code = record.code, let isoName = record.name else {
                throw ReferenceDataError(file: "iso-3166-1.jsonl", line: line, problem: "an entry without code or name")
            }
            let name = displayNameByCode[code] ?? record.commonName ?? isoName
            let english = [isoName, record.officialName, record.commonName].compactMap { $0 }.filter { $0 != name }
            indexByCode[code] = states.count
            states.append(State(key: code, code: code, name: name, wikidata: wikidataByCode[code], existed: nil,
                                otherNames: english.map { Name(text: $0, language: "en") } + (record.names ?? []).map { Name(text: $0.text, language: $0.language) },
                                demonyms: demonymsByCode[code] ?? []))
        }
        // Codes in wide use that ISO 3166-1 does not assign (XK, Kosovo) are named in display-names.tsv.
        for (code, name) in displayNameByCode.sorted(by: { $0.key < $1.key }) where indexByCode[code] == nil {
            indexByCode[code] = states.count
            states.append(State(key: code, code: code, name: name, wikidata: wikidataByCode[code], existed: nil,
                                otherNames: [], demonyms: demonymsByCode[code] ?? []))
        }

        let curated = try Self.table(formerStates, file: "former-states.tsv", columns: 7, header: true)
        for (line, record) in try Self.jsonLines(iso3166Part3, file: "iso-3166-3.jsonl", as: FormerEntry.self) {
            if let source = record.source { sources.append(source); continue }
            guard let alpha4 = record.alpha4, let isoName = record.name else {
                throw ReferenceDataError(file: "iso-3166-3.jsonl", line: line, problem: "an entry without alpha4 code or name")
            }
            guard let row = curated[alpha4] else {
                throw ReferenceDataError(file: "former-states.tsv", line: 0, problem: "no line for ISO 3166-3 code \(alpha4)")
            }
            let (code, name, wikidata, existed, successor) = (row[0], row[1], row[2], row[3], row[4])
            let aliases = row[5].split(separator: "|").map { Name(text: String($0), language: "en") }
            var otherNames = aliases + [Name(text: isoName, language: "en")] + (record.names ?? []).map { Name(text: $0.text, language: $0.language) }
            if !successor.isEmpty {
                guard let index = indexByCode[successor] else {
                    throw ReferenceDataError(file: "former-states.tsv", line: 0, problem: "\(alpha4)'s successor \(successor) is not an ISO 3166-1 code")
                }
                states[index].otherNames += otherNames
                continue
            }
            otherNames.removeAll { $0.text == name }
            let key = code.isEmpty ? alpha4 : code
            indexByCode[key] = states.count
            states.append(State(key: key, code: code.isEmpty ? nil : code, name: name, wikidata: wikidata.isEmpty ? nil : wikidata,
                                existed: existed.isEmpty ? nil : existed, otherNames: otherNames,
                                demonyms: code.isEmpty ? [] : demonymsByCode[code] ?? []))
        }
        // Names in common use the ISO files lack ("Turkey", "UK", "DRC"), before the translations
        // so that they keep their language when a catalog spells them alike.
        var lineNumber = 0
        for line in otherNames.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard !line.hasPrefix("#"), !line.hasPrefix("code\t"), !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0) }
            guard fields.count == 3, let index = indexByCode[fields[0]] else {
                throw ReferenceDataError(file: "other-names.tsv", line: lineNumber, problem: "not a known code, a language and names")
            }
            let added = fields[2].split(separator: "|").map { Name(text: String($0), language: fields[1]) }
            states[index].otherNames.insert(contentsOf: added, at: 0)
        }
        for index in states.indices { states[index].otherNames = Self.distinct(states[index].otherNames, besides: states[index].name) }
        states = Self.withoutSharedNames(states)

        let file = try JSONDecoder().decode(OrganizationsFile.self, from: Data(organizations.utf8))
        sources.append(file.source)
        let organizations = file.organizations.map { entry in
            Organization(name: entry.name, wikidata: entry.wikidata, note: entry.note,
                         otherNames: Self.distinct(entry.aliases.map { Name(text: $0, language: nil) }, besides: entry.name),
                         members: entry.members.map { pair in
                             let member = pair[0], period = pair.count > 1 ? pair[1] : ""
                             let isCode = member.count == 2 && member.allSatisfy { $0.isUppercase }
                             return Member(state: isCode ? member : nil, organization: isCode ? nil : member, period: period)
                         })
        }
        self.organizations = organizations
        let stateKeys = Set(states.map(\.key)), organizationNames = Set(organizations.map(\.name))
        for organization in organizations {
            for member in organization.members {
                let known = member.state.map(stateKeys.contains) ?? member.organization.map(organizationNames.contains) ?? false
                guard known else {
                    throw ReferenceDataError(file: "organizations.json", line: 0,
                                             problem: "\(organization.name) has the member \(member.state ?? member.organization ?? "?"), which the reference data lacks")
                }
            }
        }
        self.states = states
        self.sources = sources
    }

    /// The states without other names that several of them carry: some translation catalogs give
    /// one spelling to two countries ("Irlanda" for Ireland and for the Gilbert and Ellice
    /// Islands), and a name that could mean either would make every lookup of it ambiguous. A
    /// name that is another state's own name goes too.
    private static func withoutSharedNames(_ states: [State]) -> [State] {
        var holders: [String: Set<String>] = [:]
        for state in states {
            holders[state.name.lowercased(), default: []].insert(state.key)
            for name in state.otherNames { holders[name.text.lowercased(), default: []].insert(state.key) }
        }
        return states.map { state in
            var kept = state
            kept.otherNames = state.otherNames.filter { (holders[$0.text.lowercased()]?.count ?? 0) <= 1 }
            return kept
        }
    }

    /// Each name once (the first language that writes it so), and not the actor's own name.
    private static func distinct(_ names: [Name], besides name: String) -> [Name] {
        var seen: Set<String> = [name.lowercased()]
        return names.filter { seen.insert($0.text.lowercased()).inserted }
    }

    /// Tab-separated rows by their first column; `#` lines are comments, and a header row is skipped.
    private static func table(_ text: String, file: String, columns: Int, header: Bool = false) throws -> [String: [String]] {
        var rows: [String: [String]] = [:]
        var skippedHeader = !header
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            if !skippedHeader { skippedHeader = true; continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0) }
            guard fields.count == columns else {
                throw ReferenceDataError(file: file, line: offset + 1, problem: "\(fields.count) columns where \(columns) were expected")
            }
            guard rows.updateValue(Array(fields.dropFirst()), forKey: fields[0]) == nil else {
                throw ReferenceDataError(file: file, line: offset + 1, problem: "\(fields[0]) appears twice")
            }
        }
        return rows
    }

    private static func jsonLines<T: Decodable>(_ text: String, file: String, as type: T.Type) throws -> [(Int, T)] {
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").enumerated().map { offset, line in
            do {
                return (offset + 1, try decoder.decode(T.self, from: Data(line.utf8)))
            } catch {
                throw ReferenceDataError(file: file, line: offset + 1, problem: "not a reference entry: \(error)")
            }
        }
    }

    private struct CurrentEntry: Decodable {
        var source: String?
        var code: String?
        var name: String?
        var officialName: String?
        var commonName: String?
        var names: [TranslatedName]?
    }

    private struct FormerEntry: Decodable {
        var source: String?
        var alpha4: String?
        var name: String?
        var names: [TranslatedName]?
    }

    /// `["fr", "Cambodge"]` in the generated files.
    private struct TranslatedName: Decodable {
        var language: String
        var text: String

        init(from decoder: any Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            language = try pair.decode(String.self)
            text = try pair.decode(String.self)
        }
    }

    private struct OrganizationsFile: Decodable {
        var source: String
        var organizations: [OrganizationEntry]
    }

    private struct OrganizationEntry: Decodable {
        var name: String
        var wikidata: String?
        var note: String?
        var aliases: [String]
        var members: [[String]]
    }
}
