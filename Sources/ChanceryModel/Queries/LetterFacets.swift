/// How the letters a query selects divide: by year, kind, country, person and organization, with
/// counts, so a page can offer each as a narrower query.
public struct LetterFacets: Sendable, Hashable, Codable {
    /// One value of a facet and how many selected letters have it.
    public struct Count: Sendable, Hashable, Codable {
        /// What narrows to it: a year, a kind's raw value, an ISO code or an actor's name.
        public var value: String
        /// What a person reads.
        public var label: String
        /// Letters with it.
        public var count: Int

        /// Creates a count.
        public init(value: String, label: String, count: Int) {
            self.value = value
            self.label = label
            self.count = count
        }
    }

    /// Letters selected in all.
    public var total: Int
    /// Letters by the year they sort in, earliest first (undated letters are in none), numbered
    /// as EDTF numbers years (45 BC is -44).
    public var years: [Count]
    /// Letters by kind, most first.
    public var kinds: [Count]
    /// The states most often involved (taking part or acted for), most first.
    public var countries: [Count]
    /// The states most often on the sending side (sending or sent for), most first.
    public var sendingCountries: [Count] = []
    /// The states most often on the receiving side (addressed, copied or addressed for), most first.
    public var receivingCountries: [Count] = []
    /// The pairs of states most often on opposite sides, most first; the value is two ISO codes
    /// (or names) joined by a comma, as the `between` filter takes them.
    public var pairs: [Count] = []
    /// The events most often concerned, most first; the value is the event's reference.
    public var events: [Count] = []
    /// The people most often taking part, most first.
    public var people: [Count]
    /// The organizations most often involved, most first.
    public var organizations: [Count]
    /// Selected letters marked as awaiting a reply.
    public var awaitingReply: Int

    /// Creates facets.
    public init(total: Int, years: [Count], kinds: [Count], countries: [Count], people: [Count], organizations: [Count], awaitingReply: Int) {
        self.total = total
        self.years = years
        self.kinds = kinds
        self.countries = countries
        self.people = people
        self.organizations = organizations
        self.awaitingReply = awaitingReply
    }
}
