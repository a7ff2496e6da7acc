/// Changes to a stored letter's own fields; what is left nil (or `.keep`) stays as it is.
///
/// Participants, links and sources change one at a time through their own `LetterService`
/// methods. Values are checked exactly as when a letter is logged (`LetterService.add`).
public struct LetterChanges: Sendable, Hashable {
    /// A new kind.
    public var kind: LetterKind?
    /// A new sent date (EDTF).
    public var date: String?
    /// The received date (EDTF); `.set("")` clears it, as an empty `--received` is no date.
    public var received: FieldPatch<String>
    /// The date of sending as the source writes it.
    public var dateAsWritten: FieldPatch<String> = .keep
    /// The date of receipt as the source writes it.
    public var receivedAsWritten: FieldPatch<String> = .keep
    /// A new subject.
    public var subject: String?
    /// The summary; `.set` of blank text clears it.
    public var summary: FieldPatch<String>
    /// The full text; `.set` of blank text clears it.
    public var text: FieldPatch<String>
    /// The language (BCP 47).
    public var language: FieldPatch<String>
    /// A new classification.
    public var classification: Classification?
    /// Where it was written.
    public var sentPlace: FieldPatch<String>
    /// GeoNames id of the place it was written.
    public var sentPlaceGeonamesId: FieldPatch<Int64> = .keep
    /// Where it was received.
    public var receivedPlace: FieldPatch<String>
    /// GeoNames id of the place it was received.
    public var receivedPlaceGeonamesId: FieldPatch<Int64> = .keep
    /// Whether a reply is expected.
    public var awaitingReply: Bool?

    /// Creates changes; by default none.
    public init(kind: LetterKind? = nil, date: String? = nil, received: FieldPatch<String> = .keep, subject: String? = nil,
                summary: FieldPatch<String> = .keep, text: FieldPatch<String> = .keep, language: FieldPatch<String> = .keep,
                classification: Classification? = nil, sentPlace: FieldPatch<String> = .keep,
                receivedPlace: FieldPatch<String> = .keep, awaitingReply: Bool? = nil) {
        self.kind = kind
        self.date = date
        self.received = received
        self.subject = subject
        self.summary = summary
        self.text = text
        self.language = language
        self.classification = classification
        self.sentPlace = sentPlace
        self.receivedPlace = receivedPlace
        self.awaitingReply = awaitingReply
    }

    /// True when nothing would change.
    public var isEmpty: Bool {
        kind == nil && date == nil && !received.changes && subject == nil && !summary.changes && !text.changes
            && !language.changes && classification == nil && !sentPlace.changes && !receivedPlace.changes && awaitingReply == nil
            && !sentPlaceGeonamesId.changes && !receivedPlaceGeonamesId.changes && !dateAsWritten.changes && !receivedAsWritten.changes
    }
}
