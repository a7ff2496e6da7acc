import LibPQClient
import ChanceryModel
import EDTF

/// A letter's changes, checked as `LetterService.add` checks a new letter, as one UPDATE of the
/// columns that change. Column names are fixed text of this file; every value is bound.
struct LetterUpdate {
    /// `column = value` for each column set, the value bound.
    private var columns = ColumnAssignments()
    /// The new sent date, when it changes.
    private(set) var sent: UncertainDate?
    /// What happens to the received date.
    private(set) var received: FieldPatch<UncertainDate> = .keep
    /// The received date is cleared and nothing is said of its wording (see `apply`).
    private var clearsReceivedWording = false

    /// Checks every value (the same checks, field names and limits as a new letter's); writes
    /// nothing. An empty change is refused: it would only bump the revision.
    init(_ changes: LetterChanges) throws {
        guard !changes.isEmpty else {
            throw ChanceryError(.invalidInput, "nothing to change", hint: "Give at least one field with its new value.")
        }
        // In the order `insert` checks them, so the same input fails on the same field first.
        sent = try changes.date.map { try UncertainDate(parsing: $0, field: "date") }
        switch changes.received {
        case .keep: received = .keep
        case .clear: received = .clear
        case .set(let text):
            received = InputValidation.trimmed(text).isEmpty ? .clear : .set(try UncertainDate(parsing: text, field: "received"))
        }
        let subject = try changes.subject.map { try InputValidation.required($0, field: "subject", maxLength: 300) }
        let summary = try Self.text(changes.summary) { try InputValidation.optional($0, field: "summary", maxLength: 5000) }
        let body = try Self.text(changes.text) { try InputValidation.optional($0, field: "text", maxLength: 1_000_000) }
        let language = try Self.text(changes.language) { try InputValidation.languageTag($0) }
        let sentPlace = try Self.text(changes.sentPlace) { try InputValidation.optional($0, field: LetterDraft.CodingKeys.sentPlace.stringValue, maxLength: 200) }
        let receivedPlace = try Self.text(changes.receivedPlace) {
            try InputValidation.optional($0, field: LetterDraft.CodingKeys.receivedPlace.stringValue, maxLength: 200)
        }
        let dateAsWritten = try Self.text(changes.dateAsWritten) {
            try InputValidation.optional($0, field: LetterDraft.CodingKeys.dateAsWritten.stringValue, maxLength: 500)
        }
        let receivedAsWritten = try Self.text(changes.receivedAsWritten) {
            try InputValidation.optional($0, field: LetterDraft.CodingKeys.receivedAsWritten.stringValue, maxLength: 500)
        }
        if case .clear = received, case .keep = receivedAsWritten { clearsReceivedWording = true }

        for (key, change) in [(LetterDraft.CodingKeys.sentPlaceGeonamesId, changes.sentPlaceGeonamesId),
                              (LetterDraft.CodingKeys.receivedPlaceGeonamesId, changes.receivedPlaceGeonamesId)] {
            if case .set(let id) = change, id <= 0 { throw ChanceryError.invalid(key, "a GeoNames id is a positive number",
                                                         hint: "Look the place up on geonames.org: Phnom Penh is 1821306.") }
        }

        if let kind = changes.kind { set("kind", kind.rawValue, cast: "::text::letter_kind") }
        if let sent { setDate("sent", sent) }
        switch received {
        case .keep: break
        case .clear: setDate("received", nil)
        case .set(let date): setDate("received", date)
        }
        if let subject {
            // Written by a person now, unless it is the composed one given back (a web form
            // sends every field): no import composes it again.
            columns.keep("subject_composed", whileUnchanged: "subject", subject)
            set("subject", subject)
        }
        set("summary", summary)
        set("body", body)
        set("language", language)
        if let classification = changes.classification {
            set("classification", classification.rawValue, cast: "::text::classification_level")
        }
        set("sent_place", sentPlace)
        set("received_place", receivedPlace)
        set("sent_as_written", dateAsWritten)
        set("received_as_written", receivedAsWritten)
        setOptional("sent_place_geonames_id", changes.sentPlaceGeonamesId)
        setOptional("received_place_geonames_id", changes.receivedPlaceGeonamesId)
        if let awaitingReply = changes.awaitingReply { set("awaiting_reply", awaitingReply) }
    }

    /// Checks the dates the letter will have, its stored ones where they do not change, against
    /// each other: the letter cannot be received before it was sent.
    func checkDates(storedSent: String, storedReceived: String?) throws {
        let resultingReceived: UncertainDate?
        switch received {
        case .keep: resultingReceived = UncertainDate.stored(storedReceived)
        case .clear: resultingReceived = nil
        case .set(let date): resultingReceived = date
        }
        guard let resultingSent = sent ?? UncertainDate.stored(storedSent) else { return }
        try LetterService.checkReceived(resultingReceived, notBefore: resultingSent)
    }

    /// Runs the UPDATE of letter `id`, whose stored date of receipt is `storedReceived`; the
    /// letter_touch trigger bumps its revision. A date of receipt cleared takes its wording with
    /// it (nothing is left for the words to stand for), but only when there was a date to clear:
    /// a form that sends an empty date for a letter known only by the wording of its receipt
    /// ("received, undated") leaves that wording.
    func apply(to id: Int64, storedReceived: String?, on connection: PostgresConnection) async throws {
        var columns = columns
        if clearsReceivedWording, storedReceived != nil { columns.set("received_as_written", FieldPatch<String>.clear) }
        try await columns.update("letter", id: id, on: connection)
    }

    // MARK: - Building the statement

    private mutating func setOptional(_ column: String, _ change: FieldPatch<Int64>) { columns.set(column, change) }
    private mutating func set(_ column: String, _ value: some PostgresEncodable, cast: String = "") { columns.set(column, value, cast: cast) }
    private mutating func set(_ column: String, _ patch: FieldPatch<String>) { columns.set(column, patch) }
    private mutating func setDate(_ prefix: String, _ date: UncertainDate?) { columns.setDate(prefix, date) }
    private static func text(_ patch: FieldPatch<String>, _ validate: (String) throws -> String?) throws -> FieldPatch<String> {
        try ColumnAssignments.text(patch, validate)
    }
}
