/// How a request names a source: by what a person types (its number, URL or title), or by its
/// number alone, as an address does (`/v1/sources/1848` is source 1848, never one titled so).
public enum SourceName: Sendable, Hashable {
    case typed(String)
    case number(Int64)
}

/// A recorded source as a listing shows it: what it is and how much of the register rests on it.
public struct SourceSummary: Sendable, Hashable, Codable {
    /// The source's number in this register (`chancery source show 12`, `/v1/sources/12`).
    public var id: Int64
    public var kind: SourceKind
    public var title: String
    public var publisher: String?
    public var url: String?
    /// When it was published.
    public var published: UncertainDate?
    /// How many records (letters, invitations, events, actors, roles) cite it.
    public var citations: Int
    /// How many letters were imported from it (the edition they came from).
    public var lettersImported: Int

    package init(id: Int64, kind: SourceKind, title: String, publisher: String?, url: String?, published: UncertainDate?,
                 citations: Int, lettersImported: Int) {
        self.id = id
        self.kind = kind
        self.title = title
        self.publisher = publisher
        self.url = url
        self.published = published
        self.citations = citations
        self.lettersImported = lettersImported
    }
}

/// A page of sources, with how many match in all.
public struct SourcePage: Sendable, Hashable, Codable {
    public var sources: [SourceSummary]
    /// How many sources match, on every page.
    public var total: Int

    package init(sources: [SourceSummary], total: Int) {
        self.sources = sources
        self.total = total
    }
}

/// A record citing a source.
public struct SourceCitation: Sendable, Hashable, Codable {
    /// What kind of record cites it.
    public enum Subject: String, Sendable, Hashable, Codable, CaseIterable {
        case letter, invitation, event, actor, role
    }

    public var subject: Subject
    /// The record's reference (a letter's, invitation's or event's), or the actor's name; for a
    /// role, its holder's name.
    public var ref: String
    /// What the record is: a letter's summary, an event's name, a role's title.
    public var label: String?
    /// The passage of the source supporting the record.
    public var quote: String?

    package init(subject: Subject, ref: String, label: String?, quote: String?) {
        self.subject = subject
        self.ref = ref
        self.label = label
        self.quote = quote
    }
}

/// A recorded source whole: its fields, its revision, and the records resting on it.
public struct SourceRecord: Sendable, Hashable, Codable {
    public var id: Int64
    /// Counts its changes; an edit may name the revision it was based on.
    public var revision: Int
    public var kind: SourceKind
    public var title: String
    public var publisher: String?
    public var url: String?
    public var published: UncertainDate?
    /// The day it was read, `YYYY-MM-DD`.
    public var retrieved: String?
    /// A passage of it.
    public var excerpt: String?
    /// How many records cite it in all.
    public var citationCount: Int
    /// The first ``SourceRecord/citationLimit`` of them: letters, then invitations, events,
    /// actors and roles, each by reference or name.
    public var citations: [SourceCitation]
    /// How many letters were imported from it. Re-importing the edition finds them by its URL
    /// (or, without one, its title), which is why those cannot change.
    public var lettersImported: Int

    /// How many citations a source's record lists.
    public static let citationLimit = 200

    /// Whether letters cite it or were imported from it: the letters a register filtered by it shows.
    /// (Citations list letters first, so a letter among them is the first.)
    public var hasLetters: Bool { lettersImported > 0 || citations.first?.subject == .letter }

    package init(id: Int64, revision: Int, kind: SourceKind, title: String, publisher: String?, url: String?,
                 published: UncertainDate?, retrieved: String?, excerpt: String?, citationCount: Int,
                 citations: [SourceCitation], lettersImported: Int) {
        self.id = id
        self.revision = revision
        self.kind = kind
        self.title = title
        self.publisher = publisher
        self.url = url
        self.published = published
        self.retrieved = retrieved
        self.excerpt = excerpt
        self.citationCount = citationCount
        self.citations = citations
        self.lettersImported = lettersImported
    }
}

/// Corrections to a recorded source; what is left nil (or `.keep`) stays as it is. Values are
/// checked as when a source is first cited.
public struct SourceChanges: Sendable, Hashable {
    public var kind: SourceKind?
    public var title: String?
    public var url: FieldPatch<String> = .keep
    public var publisher: FieldPatch<String> = .keep
    /// When it was published, EDTF.
    public var published: FieldPatch<String> = .keep
    /// The day it was read, `YYYY-MM-DD`.
    public var retrieved: FieldPatch<String> = .keep
    public var excerpt: FieldPatch<String> = .keep

    public init() {}

    public var isEmpty: Bool {
        kind == nil && title == nil && !url.changes && !publisher.changes && !published.changes && !retrieved.changes
            && !excerpt.changes
    }
}
