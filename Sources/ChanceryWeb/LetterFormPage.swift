import ChanceryRequests
import Foundation
import ChanceryCore
import ChanceryModel
import Hummingbird
import HTTPTypes

/// The new-letter form: empty, prefilled to answer a letter (`/letters/new?reply-to=REF` swaps its
/// sender and recipients), or sent back with each refusal beside its field and everything typed.
struct LetterFormPage {
    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Problem {
        var message: String
        var anchor: String
        /// The hint, the closest names and the next steps (Templates/problem-detail.mustache).
        var detail: WebProblem
    }

    var csrf: String
    var form: LetterForm
    var kinds: [Option]
    var sourceKinds: [Option]
    var problem: Problem?
    /// Each refused field's message, by form field name (read by the template as `error.date`).
    var error: [String: String] = [:]
    var answering: String?

    init(form: LetterForm, csrf: String, refusal: ChanceryError? = nil, answering: String? = nil) {
        self.csrf = csrf
        self.form = form
        self.answering = answering
        kinds = LetterKind.allCases.map {
            Option(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " "), selected: $0.rawValue == form.kind)
        }
        sourceKinds = SourceKind.allCases.map {
            Option(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " "), selected: $0.rawValue == form.sourceKind)
        }
        if let refusal { (problem, error) = Self.placed(refusal) }
    }

    /// The letter forms' fields by the command line's flags for the same values.
    static let fieldLabels = ["date": "Date sent", "received": "Date received", "from": "From", "to": "To", "subject": "Subject",
                              "kind": "Kind", "summary": "Summary"]

    /// A refusal as the letter forms show it: a summary linking to the field, and the message
    /// beside the field it names (by form field name).
    static func placed(_ refusal: ChanceryError) -> (Problem, [String: String]) {
        let field = LetterForm.formField(for: refusal.field)
        // The names are listed as text: a link would leave the typed letter behind.
        let detail = WebProblem(refusal, destinations: .text, fieldLabels: fieldLabels)
        let problem = Problem(message: refusal.message, anchor: field.map { "#" + $0 } ?? "#letter-form", detail: detail)
        return (problem, field.map { [$0: detail.inline] } ?? [:])
    }

    func response(status: HTTPResponse.Status = .ok) -> Response {
        HTMLResponse.page(PageRenderer.shared.page(title: "New letter", template: "letter-new", content: self), status: status)
    }

    /// The empty form, or one answering `replyTo`: from its recipients to its senders.
    static func blank(replyTo: String?, csrf: String, database: ChanceryDatabase) async throws -> Response {
        var form = LetterForm()
        guard let replyTo, !replyTo.isEmpty else { return LetterFormPage(form: form, csrf: csrf).response() }
        let original = try await LetterService(database: database).show(replyTo)
        form.replyTo = original.ref
        form.from = lines(original.participants.filter { $0.role == .recipient })
        form.to = lines(original.participants.filter { $0.role == .author })
        form.subject = original.subject.hasPrefix("Reply: ") ? original.subject : "Reply: " + original.subject
        return LetterFormPage(form: form, csrf: csrf, answering: original.ref).response()
    }

    /// Logs the letter the form describes and shows it, or sends the form back with the refusal.
    static func create(_ fields: FormEncodedQuery, session: WebSession, database: ChanceryDatabase) async throws -> Response {
        let form = LetterForm(fields)
        do {
            let letter = try await LetterService(database: database).create(try form.draft()).value
            return Response(status: .seeOther, headers: [.location: PagePath.letter(letter.ref)])
        } catch let refusal as ChanceryError where refusal.isTheEditorsToFix {
            return LetterFormPage(form: form, csrf: session.csrfToken, refusal: refusal,
                                  answering: fields.text("reply-to")).response(status: .unprocessableContent)
        }
    }

    private static func lines(_ participants: [Participant]) -> String {
        participants.map { person in
            [person.name, person.capacity ?? "", person.onBehalfOf ?? ""].joined(separator: " | ")
                .replacingOccurrences(of: #"( \| )+$"#, with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}

extension ChanceryError {
    /// Whether the person who filled in the form can fix this by changing what they typed (an
    /// unknown actor included), rather than a fault of the service.
    var isTheEditorsToFix: Bool {
        [.invalidInput, .notFound, .ambiguous, .conflict].contains(kind)
    }
}
