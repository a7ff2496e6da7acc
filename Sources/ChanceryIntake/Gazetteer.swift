public import ChanceryModel

/// What the register knows, as intake reads names with it: every actor with its aliases, the
/// demonyms of states, and who held which office when.
public struct Gazetteer: Sendable {
    public struct KnownActor: Sendable, Hashable {
        public var name: String
        public var kind: ActorKind
        public var isoCode: String?
        public var aliases: [String]
        /// Adjectival forms ("Cambodian"), states only.
        public var demonyms: [String]

        public init(name: String, kind: ActorKind, isoCode: String? = nil, aliases: [String] = [], demonyms: [String] = []) {
            self.name = name
            self.kind = kind
            self.isoCode = isoCode
            self.aliases = aliases
            self.demonyms = demonyms
        }
    }

    public struct KnownRole: Sendable, Hashable {
        public var holder: String
        public var title: String
        public var of: String
        /// The first and last day of the period (EDTF days), when known.
        public var from: String?
        public var until: String?

        public init(holder: String, title: String, of: String, from: String? = nil, until: String? = nil) {
            self.holder = holder
            self.title = title
            self.of = of
            self.from = from
            self.until = until
        }
    }

    /// An event the register has: a summit an article mentions again is linked, not proposed twice.
    public struct KnownEvent: Sendable, Hashable {
        public var ref: String
        public var name: String
        public var kind: EventKind

        public init(ref: String, name: String, kind: EventKind) {
            self.ref = ref
            self.name = name
            self.kind = kind
        }
    }

    public var actors: [KnownActor]
    public var roles: [KnownRole]
    public var events: [KnownEvent]

    public init(actors: [KnownActor], roles: [KnownRole], events: [KnownEvent] = []) {
        self.actors = actors
        self.roles = roles
        self.events = events
    }
}
