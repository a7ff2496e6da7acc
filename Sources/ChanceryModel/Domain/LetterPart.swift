/// A part of a letter that an imported record can leave unsaid. A CMIF file has no place for a
/// letter's full text or the capacities its correspondents wrote in, and a CSV table may have no
/// summary column: imported over a stored letter, such a record keeps what the register holds
/// there instead of clearing it (an edition imported again over letters a user has enriched
/// must not undo the enrichment).
package enum LetterPart: String, CaseIterable, Sendable, Hashable {
    case kind, sentDate, received, dateAsWritten, receivedAsWritten, subject, summary, text, language, classification
    /// How a date is written within its bounds: one of a set of days, approximate rather than
    /// uncertain. CMIF says only the bounds and whether they are sure, so a date it gives with
    /// the stored bounds and sureness is the stored date.
    case dateForm
    case sentPlace, receivedPlace, awaitingReply
    case cc, via
    /// Who signed beside the authors: every format writes them among the senders, and only a
    /// JSON Lines record, which states the whole letter, leaves one out on purpose.
    case signatories
    /// Each participant's capacity and whom they acted for, where the record gives neither.
    case capacities
    case replyTo, encloses, forwards, refersTo
    case events

    /// The link parts, each with the kind of link it stands for.
    package static let links: [(part: LetterPart, kind: LetterLinkKind)] = [
        (.replyTo, .replyTo), (.encloses, .encloses), (.forwards, .forwards), (.refersTo, .refersTo),
    ]
}
