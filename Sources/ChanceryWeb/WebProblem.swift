import ChanceryRequests
import ChanceryModel
import Foundation

/// A refusal as a page shows it.
///
/// ChanceryCore's errors serve every interface: a hint says what to do, and the next steps an
/// error names (`NextStep`) say where, which a page writes as links. A few hints still name a
/// command or a flag, which means nothing in a browser. A page shows the message as it is, the
/// hint without such advice, the closest names (as links where the page has somewhere to send
/// them: the actor's page, the letter, the same register with the name corrected), and the next
/// steps it has pages for, with its own: the form that adds the missing actor or event, or a
/// search of the register.
/// Templates/problem-detail.mustache draws the hint, the names and the next steps.
struct WebProblem {
    struct Link {
        var label: String
        var url: String
        /// False for a name listed as text (a form would lose what was typed behind a link).
        var isLink: Bool
    }

    /// Where a page sends the names a refusal lists.
    enum Destinations {
        /// Each to its own page: an actor's, a letter's, an event's timeline.
        case pages
        /// The same page with the refused filter corrected: `parameters` gives the address's
        /// parameter for each field a service names (`from-country` is `from`), and `address`
        /// the page's address with that parameter set to the name.
        case filter(parameters: [String: String], address: (_ parameter: String, _ value: String) -> String)
        /// Listed as text: on a form a link would leave what was typed behind.
        case text
    }

    var message: String
    /// The hint without its command-line advice; empty when none is left.
    var hint: String
    var hasHint: Bool
    /// "Did you mean one of these?", or for a name several records answer to, "It matches these:".
    var candidatesLead: String
    var candidates: [Link]
    var hasCandidates: Bool
    /// What the reader can do next on the web, in place of the command line's advice.
    var actions: [Link]
    var hasActions: Bool

    /// The message and the advice in one line, for beside a form's field.
    var inline: String {
        var parts = [message]
        if hasCandidates {
            parts.append("Did you mean " + Self.listed(candidates.map(\.label)) + "?")
        }
        if hasHint { parts.append(hint) }
        return parts.joined(separator: ". ")
    }

    /// A page's own refusal, written for the web already.
    init(message: String, hint: String?) {
        self.message = message
        self.hint = hint ?? ""
        hasHint = hint != nil
        candidatesLead = ""
        candidates = []
        hasCandidates = false
        actions = []
        hasActions = false
    }

    /// `error` as a page shows it; `fieldLabels` names the page's fields by the flags that give
    /// the same values on the command line (`since`: "From"), so that advice naming those flags
    /// ("Swap --since and --until.") is kept in the page's words ("Swap “From” and “To”.").
    init(_ error: ChanceryError, destinations: Destinations = .pages, fieldLabels: [String: String] = [:]) {
        message = error.message
        let cleaned = Self.browserHint(error.hint, fieldLabels: fieldLabels)
        hint = cleaned ?? ""
        hasHint = cleaned != nil
        candidatesLead = error.kind == .ambiguous ? "It matches these:" : "Did you mean one of these?"
        candidates = error.candidates.map { Self.link(for: $0, error: error, destinations: destinations) }
        hasCandidates = !candidates.isEmpty
        var actions = error.next.compactMap(Self.link(for:))
        for action in Self.nextSteps(after: error) where !actions.contains(where: { $0.url == action.url }) { actions.append(action) }
        self.actions = actions
        hasActions = !actions.isEmpty
    }

    // MARK: - Hints for a browser

    /// `hint` without what names the command line: a sentence or clause naming a `chancery`
    /// command or a `--flag` (unless `fieldLabels` names the page's field for each of its flags,
    /// which then stand for them), an aside in brackets that does, and "Did you mean one of
    /// these?" (the page lists the names under its own lead, and says nothing of them when there
    /// are none). Nil when nothing is left.
    static func browserHint(_ hint: String?, fieldLabels: [String: String] = [:]) -> String? {
        guard let hint else { return nil }
        let kept = sentences(in: withoutCommandAsides(hint)).compactMap { sentence -> String? in
            let clauses = sentence.components(separatedBy: "; ").map { relabelled($0, fieldLabels) }.filter { clause in
                !namesCommandLine(clause) && !asksAboutCandidates(clause)
            }
            guard !clauses.isEmpty else { return nil }
            var text = clauses.joined(separator: "; ").trimmingCharacters(in: .whitespaces)
            if let first = text.first, first.isLowercase { text = first.uppercased() + text.dropFirst() }
            if let last = text.last, !".?!:".contains(last) { text += "." }
            return text
        }
        return kept.isEmpty ? nil : kept.joined(separator: " ")
    }

    /// Whether `text` tells the reader to run a command or pass a flag: `chancery letter show`,
    /// `--to`. Another program's options (`xmllint --noout`, `iconv -f`) are advice about a
    /// file the reader holds, which holds in a browser too.
    static func namesCommandLine(_ text: String) -> Bool {
        if text.range(of: #"\bchancery [a-z]"#, options: .regularExpression) != nil { return true }
        let otherPrograms = ["xmllint", "iconv"]
        if otherPrograms.contains(where: text.contains) { return false }
        return text.range(of: #"(^|[\s(`"'])--[a-z]"#, options: .regularExpression) != nil
    }

    /// `clause` with each `--flag` in it replaced by the page's label for the field (“From”), when
    /// `labels` has one for every flag the clause names; else as it is.
    private static func relabelled(_ clause: String, _ labels: [String: String]) -> String {
        guard !labels.isEmpty, let expression = try? NSRegularExpression(pattern: #"--([a-z][a-z-]*)"#) else { return clause }
        let matches = expression.matches(in: clause, range: NSRange(clause.startIndex..., in: clause))
        var result = clause
        for match in matches.reversed() {
            guard let whole = Range(match.range, in: result), let name = Range(match.range(at: 1), in: result),
                  let label = labels[String(result[name])] else { return clause }
            result.replaceSubrange(whole, with: "“" + label + "”")
        }
        return result
    }

    private static func asksAboutCandidates(_ clause: String) -> Bool {
        clause.hasPrefix("Did you mean") || clause.contains("one of these")
    }

    /// `hint` without the bracketed asides that name the command line:
    /// "or a state's name (`chancery actor list --kind state`)." becomes "or a state's name.".
    private static func withoutCommandAsides(_ hint: String) -> String {
        var result = "", rest = Substring(hint)
        while let aside = rest.range(of: #"\s*\([^()]*\)"#, options: .regularExpression) {
            let asideText = String(rest[aside])
            result += rest[..<aside.lowerBound]
            if !namesCommandLine(asideText) { result += asideText }
            rest = rest[aside.upperBound...]
        }
        return result + rest
    }

    /// The sentences of `text`: a full stop, question or exclamation mark ends one when a capital
    /// or a quotation follows ("e.g. KH" and "i.e. KH" do not end one).
    private static func sentences(in text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            current.append(character)
            if ".?!".contains(character), index + 2 < characters.count, characters[index + 1] == " ",
               characters[index + 2].isUppercase || "`\"“'".contains(characters[index + 2]),
               !current.hasSuffix("e.g."), !current.hasSuffix("i.e.") {
                sentences.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                index += 1
            }
            index += 1
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { sentences.append(last) }
        return sentences
    }

    // MARK: - Names

    /// What a listed name is, read from how ChanceryCore labels it.
    enum Candidate: Equatable {
        /// "Hun Sen (person)", "Cambodia (state, KH, Q424)"; "Johann Schmidt (person, id:42)" where
        /// two actors share the name, and only the register's id tells them apart.
        case actor(name: String, kind: ActorKind, isoCode: String?, registerID: String? = nil)
        /// "US-KH-2022-001 — Invitation to the summit".
        case letter(ref: String)
        /// "ASEAN-US-SUMMIT-2022 — Special ASEAN–U.S. Summit".
        case event(ref: String)
        /// Anything else (an office by its id, a token): listed as written.
        case other
    }

    static func candidate(_ label: String, error: ChanceryError) -> Candidate {
        if label.hasSuffix(")"), let open = label.range(of: " (", options: .backwards) {
            let details = label[open.upperBound..<label.index(before: label.endIndex)].components(separatedBy: ", ")
            if let kind = details.first.flatMap(ActorKind.init(rawValue:)) {
                let code = details.dropFirst().first { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isUppercase } }
                let registerID = details.dropFirst().first { $0.hasPrefix("id:") }
                return .actor(name: String(label[..<open.lowerBound]), kind: kind, isoCode: code, registerID: registerID)
            }
        }
        if let dash = label.range(of: " — ") {
            let ref = String(label[..<dash.lowerBound])
            if error.message.contains("event") { return .event(ref: ref) }
            if error.message.contains("letter") { return .letter(ref: ref) }
        }
        return .other
    }

    private static func link(for label: String, error: ChanceryError, destinations: Destinations) -> Link {
        let candidate = candidate(label, error: error)
        if case .text = destinations { return Link(label: label, url: "", isLink: false) }
        if case .filter(let parameters, let address) = destinations, let field = error.field, let parameter = parameters[field] {
            switch candidate {
            case .actor(let name, _, let code, let registerID): return Link(label: label, url: address(parameter, code ?? registerID ?? name), isLink: true)
            case .event(let ref), .letter(let ref): return Link(label: label, url: address(parameter, ref), isLink: true)
            case .other: break
            }
        }
        switch candidate {
        case .actor(let name, _, _, let registerID): return Link(label: label, url: PagePath.actor(registerID ?? name), isLink: true)
        case .letter(let ref): return Link(label: label, url: PagePath.letter(ref), isLink: true)
        case .event(let ref): return Link(label: label, url: PagePath.event(ref), isLink: true)
        case .other: return Link(label: label, url: "", isLink: false)
        }
    }

    // MARK: - Next steps

    /// The page that takes a step the service names; nil for steps the web has no page for
    /// (tokens and users are managed on the command line; events are read through the
    /// timeline), and for the register itself, which every page
    /// links to already (a form would lose what was typed).
    private static func link(for step: NextStep) -> Link? {
        // Adding the actor or event a name missed is offered by `nextSteps(after:)`, with the
        // kind the error names.
        return switch step {
        case .showLetter(let ref): Link(label: "Letter \(ref)", url: PagePath.letter(ref), isLink: true)
        case .showActor(let name): Link(label: name, url: PagePath.actor(name), isLink: true)
        case .listSources: Link(label: "The sources", url: "/sources", isLink: true)
        case .listInvitations: Link(label: "The invitations", url: "/invitations", isLink: true)
        default: nil
        }
    }

    /// The web's own advice for a name nothing answers to: an editor may add it with its form;
    /// anyone may look for it in the register.
    private static func nextSteps(after error: ChanceryError) -> [Link] {
        guard error.kind == .notFound else { return [] }
        let mayEdit = Viewer.current.may(.editor)
        if let (wanted, name) = missing(in: error.message, pattern: #"^no ([a-z ]+) named '(.+)'$"#) {
            let kinds = wanted.components(separatedBy: " or ").compactMap(ActorKind.init(rawValue:))
            if mayEdit {
                let kind = kinds.count == 1 ? [("kind", kinds[0].rawValue)] : []
                return [Link(label: "Add “\(name)” as a new actor", url: "/actors/new?" + FormEncodedQuery.encode([("name", name)] + kind),
                             isLink: true)]
            }
            return [search(name)]
        }
        if let (_, name) = missing(in: error.message, pattern: #"^no (event) '(.+)'$"#) {
            return mayEdit ? [Link(label: "Add “\(name)” as a new event", url: "/events/new?" + FormEncodedQuery.encode([("name", name)]),
                                   isLink: true)]
                : [search(name)]
        }
        return []
    }

    private static func search(_ text: String) -> Link {
        Link(label: "Search the register for “\(text)”", url: "/?" + FormEncodedQuery.encode([("text", text)]), isLink: true)
    }

    /// The two groups `pattern` captures in `message`.
    private static func missing(in message: String, pattern: String) -> (String, String)? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)),
              match.numberOfRanges == 3,
              let first = Range(match.range(at: 1), in: message), let second = Range(match.range(at: 2), in: message) else { return nil }
        return (String(message[first]), String(message[second]))
    }

    /// "a", "a or b", "a, b or c".
    private static func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }
}
