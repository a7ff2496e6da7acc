import ChanceryRequests

/// The address of each record's web page, built in one place so that every link to a record
/// encodes its ref or name the same way.
enum PagePath {
    static func letter(_ ref: String) -> String { "/letters/" + FormEncodedQuery.pathSegment(ref) }
    static func invitation(_ ref: String) -> String { "/invitations/" + FormEncodedQuery.pathSegment(ref) }
    /// An actor's page, by name, key or register id (the route finds it by any of them).
    static func actor(_ name: String) -> String { "/actors/" + FormEncodedQuery.pathSegment(name) }
    /// An event has no page of its own: its timeline is where it is read.
    static func event(_ ref: String) -> String { "/timeline?" + FormEncodedQuery.encode([("event", ref)]) }
}
