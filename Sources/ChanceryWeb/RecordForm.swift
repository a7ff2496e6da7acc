import ChanceryRequests
import ChanceryModel

/// A form that records one thing (an actor, an office, a membership, an event, an invitation,
/// an answer): its fields, what was typed, and a refusal placed beside the field it concerns.
///
/// One template draws every such form, so they look and behave alike: labels, hints, the date
/// reading and name suggestions, `aria-invalid` and the summary linking to the field.
struct RecordForm {
    /// What a field holds, which decides how it is drawn.
    enum Input {
        case text
        case lines
        case choice([(value: String, label: String)])
    }

    /// A field as the page describes it; `errorFields` are the names the services give to
    /// what this field holds (`--iso` is `iso-code` here).
    struct FieldSpec {
        var name: String
        var label: String
        var hint: String = ""
        var input: Input = .text
        var required = false
        var suggestsNames = false
        var readsDate = false
        var errorFields: [String] = []
    }

    /// What the template draws: every value stored, empty rather than nil (see LetterThreadView).
    struct Field {
        struct Option {
            var value: String
            var label: String
            var selected: Bool
        }

        var name: String
        var label: String
        var hint: String
        var hasHint: Bool
        var value: String
        var isText: Bool
        var isLines: Bool
        var isChoice: Bool
        var options: [Option]
        var required: Bool
        var suggestsNames: Bool
        var readsDate: Bool
        var error: String
        var hasError: Bool
        /// The ids of the hint, the date reading and the error, for `aria-describedby`.
        var describedBy: String
        var hasDescription: Bool
    }

    struct Problem {
        var message: String
        var anchor: String
        /// The hint, the closest names and the next steps (Templates/problem-detail.mustache).
        var detail: WebProblem
    }

    var title: String
    var intro: String
    var action: String
    var submit: String
    var csrf: String
    var fields: [Field]
    var problem: Problem?

    /// The form filled with `values`, and `refusal` beside its field (or in the summary alone
    /// when no field holds what it names).
    init(title: String, intro: String, action: String, submit: String, csrf: String, specs: [FieldSpec],
         values: FormEncodedQuery, refusal: ChanceryError? = nil) {
        self.title = title
        self.intro = intro
        self.action = action
        self.submit = submit
        self.csrf = csrf
        let refusedField = refusal.flatMap { refusal in Self.field(in: specs, for: refusal.field) }
        // The names are listed as text: a link would leave what was typed behind.
        let detail = refusal.map { WebProblem($0, destinations: .text) }
        fields = specs.map { spec in
            let value = values.value(spec.name) ?? ""
            let error = spec.name == refusedField ? (detail?.inline ?? "") : ""
            var described: [String] = []
            if !spec.hint.isEmpty { described.append(spec.name + "-hint") }
            if spec.readsDate { described.append(spec.name + "-reading") }
            if !error.isEmpty { described.append(spec.name + "-error") }
            var options: [Field.Option] = []
            var isChoice = false, isLines = false
            switch spec.input {
            case .text: break
            case .lines: isLines = true
            case .choice(let choices):
                isChoice = true
                options = choices.map { Field.Option(value: $0.value, label: $0.label, selected: $0.value == value) }
            }
            return Field(name: spec.name, label: spec.label, hint: spec.hint, hasHint: !spec.hint.isEmpty, value: value,
                         isText: !isChoice && !isLines, isLines: isLines, isChoice: isChoice, options: options, required: spec.required,
                         suggestsNames: spec.suggestsNames, readsDate: spec.readsDate, error: error, hasError: !error.isEmpty,
                         describedBy: described.joined(separator: " "), hasDescription: !described.isEmpty)
        }
        problem = detail.map { detail in
            Problem(message: detail.message, anchor: "#" + (refusedField ?? "record-form"), detail: detail)
        }
    }

    /// The form field holding what a service's error names: its own name, or one it answers for.
    private static func field(in specs: [FieldSpec], for errorField: String?) -> String? {
        guard let errorField else { return nil }
        let base = String(errorField.prefix { $0 != "[" && $0 != "." })
        return specs.first { $0.name == base || $0.errorFields.contains(base) }?.name
    }
}
