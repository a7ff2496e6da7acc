import ArgumentParser
import ChanceryCore
import ChanceryModel

/// The letter filters `letters` and `export` share.
struct LetterFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Country on any side: ISO code (KH), or a name in any language (Cambodge) or demonym (Cambodian).", valueName: "cc"))
    var country: String?
    @Option(help: ArgumentHelp("Country on the sending side.", valueName: "cc"))
    var fromCountry: String?
    @Option(help: ArgumentHelp("Country on the receiving side.", valueName: "cc"))
    var toCountry: String?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Two countries, letters between them either way.", valueName: "cc cc"))
    var between: [String] = []
    @Option(help: ArgumentHelp("A person in any role (name or alias).", valueName: "name"))
    var person: String?
    @Option(help: ArgumentHelp("An organization named in, or represented by, a participant.", valueName: "name"))
    var org: String?
    @Flag(help: "With --org: also letters of its member states, written while they were members.")
    var members = false
    @Option(help: ArgumentHelp("From this date (EDTF; e.g. 2022-01-01 or 2022).", valueName: "edtf"))
    var since: String?
    @Option(help: ArgumentHelp("Up to this date (EDTF).", valueName: "edtf"))
    var until: String?
    @Flag(help: "Only letters certainly within --since/--until, not merely overlapping.")
    var strict = false
    @Option(help: ArgumentHelp("Only this kind.", valueName: "kind"))
    var kind: LetterKind?
    @Option(help: ArgumentHelp("An event the letters concern (reference or name).", valueName: "event"))
    var event: String?
    @Option(help: ArgumentHelp("A source the letters cite or were imported from: its number, URL or title (see `chancery source list`).",
                               valueName: "source"))
    var source: String?
    @Option(help: ArgumentHelp("Words in the subject, summary or text (full-text search; see `chancery search --help`).", valueName: "words"))
    var text: String?

    /// Whether any filter is given.
    var isEmpty: Bool {
        country == nil && fromCountry == nil && toCountry == nil && between.isEmpty && person == nil && org == nil
            && since == nil && until == nil && kind == nil && event == nil && source == nil && text == nil
    }

    /// The filters that take one value: given twice, the parser would keep the last one silently.
    static let singleValued = ["--country", "--from-country", "--to-country", "--person", "--org", "--since", "--until",
                               "--kind", "--event", "--source", "--text"]

    func validate() throws {
        if let repeated = Self.repeatedOption(in: Array(CommandLine.arguments.dropFirst()), among: Self.singleValued) {
            throw ValidationError("\(repeated) is given twice; it takes one value. "
                                  + (repeated == "--text" ? "Put every word in one --text \"…\"." : "Give it once."))
        }
        if !between.isEmpty && between.count != 2 {
            throw ValidationError("--between takes exactly two country codes, e.g. --between US KH.")
        }
        if members && org == nil { throw ValidationError("--members goes with --org.") }
        if strict && since == nil && until == nil {
            throw ValidationError("--strict goes with --since or --until: it keeps the letters certainly inside that window.")
        }
    }

    /// The query these options describe.
    func query() throws -> LetterQuery {
        var query = LetterQuery()
        query.country = country
        query.fromCountry = fromCountry
        query.toCountry = toCountry
        if between.count == 2 { query.between = (between[0], between[1]) }
        query.person = person
        query.organization = org
        query.includeMemberStates = members
        query.since = since
        query.until = until
        query.strict = strict
        query.kind = kind
        query.event = event
        query.source = source
        query.text = text
        return query
    }

    /// The first of `options` that `arguments` give more than once (`--person A --person=B`),
    /// before any `--`.
    static func repeatedOption(in arguments: [String], among options: [String]) -> String? {
        var seen: Set<String> = []
        for argument in arguments {
            if argument == "--" { break }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard options.contains(name) else { continue }
            if !seen.insert(name).inserted { return name }
        }
        return nil
    }
}
