/// A letter of a listing as a reader's page shows it: each side's participants named with the
/// capacity they wrote in and whom they acted for, such as "Hun Sen (Prime Minister, for Cambodia)".
public struct DescribedLetterSummary: Sendable, Hashable {
    /// The reference.
    public var ref: String
    /// When it was sent.
    public var date: UncertainDate
    /// What it is about.
    public var subject: String
    /// Authors and signatories, described, in the letter's order.
    public var senders: [String]
    /// Recipients, described.
    public var recipients: [String]
    /// Those copied, described.
    public var copied: [String]
    /// Intermediaries, described.
    public var transmitters: [String]

    /// Creates a value from its parts.
    package init(ref: String, date: UncertainDate, subject: String, senders: [String], recipients: [String], copied: [String],
                 transmitters: [String]) {
        self.ref = ref
        self.date = date
        self.subject = subject
        self.senders = senders
        self.recipients = recipients
        self.copied = copied
        self.transmitters = transmitters
    }
}
