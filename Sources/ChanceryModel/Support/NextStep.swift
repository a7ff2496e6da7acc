/// Something a person can do next about an error, named once by the service and written by each
/// interface in its own terms: a command on the command line, a request in the API, a link on a
/// page. A hint's text says what to do; a step says where.
public enum NextStep: Sendable, Hashable {
    /// Look through the letters.
    case listLetters
    /// Read a letter: its participants, sources and revision.
    case showLetter(ref: String)
    /// List the actors, of one kind or all.
    case listActors(kind: ActorKind?)
    /// Read an actor: its other names, roles and memberships.
    case showActor(name: String)
    /// Record a new actor.
    case addActor(name: String?)
    /// Correct an actor.
    case editActor(name: String)
    /// Merge a duplicate actor into the one kept; the duplicate is left to the reader when nil.
    case mergeActors(duplicate: String?, into: String)
    /// Correct a role held: its title, whom it is of, its period.
    case editRole(id: Int64)
    /// Correct the period of a membership.
    case editMembership(id: Int64)
    /// List the events.
    case listEvents
    /// Record a new event.
    case addEvent
    /// Read an event: its participants and invitations.
    case showEvent(ref: String)
    /// List the invitations, with their invitees.
    case listInvitations
    /// List the sources.
    case listSources
    /// List the API tokens.
    case listTokens
    /// List the web interface's users.
    case listUsers
}
