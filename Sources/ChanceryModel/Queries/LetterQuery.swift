/// What to look for among letters: every filter narrows the result.
public struct LetterQuery: Sendable, Hashable {
    /// Letters with a participant from or acting for this country (ISO code), on any side.
    public var country: String?
    /// Letters sent from (or on behalf of) this country.
    public var fromCountry: String?
    /// Letters addressed to (or copied to) this country.
    public var toCountry: String?
    /// Letters between these two countries, either way.
    public var between: (String, String)? {
        get { betweenPair.map { ($0[0], $0[1]) } }
        set { betweenPair = newValue.map { [$0.0, $0.1] } }
    }
    private var betweenPair: [String]?
    /// Letters naming this person in any role.
    public var person: String?
    /// Letters naming this organization, or written on its behalf.
    public var organization: String?
    /// With `organization`: also letters of its member states, written while they were members.
    public var includeMemberStates: Bool = false
    /// Earliest date of interest (EDTF; its earliest day counts).
    public var since: String?
    /// Latest date of interest (EDTF; its latest day counts).
    public var until: String?
    /// Match only letters certainly inside the window, not merely overlapping it.
    public var strict: Bool = false
    /// Letters about this event (reference or name).
    public var event: String?
    /// Letters citing this source or imported from it (its number, URL or title).
    public var source: String?
    /// Only this kind.
    public var kind: LetterKind?
    /// Only the letter with this reference (an export of one letter).
    public var ref: String?
    /// Only letters marked as awaiting a reply.
    public var awaitingReply: Bool = false
    /// Words in the subject, summary or text (full-text search: accents and case ignored,
    /// English words stemmed, each word matching as a prefix; "quoted phrases", `or`, `-word`).
    public var text: String?
    /// At most this many letters.
    public var limit: Int = 100
    /// Skip this many letters first (later pages).
    public var offset: Int = 0
    /// Where the page starts or ends: right after or right before a letter in the listing's
    /// order. Pages turned this way stay put when letters are added or removed meanwhile.
    public var cursor: LetterCursor?

    /// An unfiltered query.
    public init() {}
}

/// A page boundary in a listing: the letters right after, or right before, the letter with a
/// reference, in date order.
public enum LetterCursor: Sendable, Hashable {
    /// The letters after this one.
    case after(String)
    /// The letters before this one (the previous page).
    case before(String)
}
