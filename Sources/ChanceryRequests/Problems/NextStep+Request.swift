package import ChanceryModel

extension NextStep {
    /// The request that takes the step (`GET /v1/letters`); nil where the API has none (users
    /// are managed on the command line).
    package var request: String? {
        func segment(_ text: String) -> String { FormEncodedQuery.pathSegment(text) }
        return switch self {
        case .listLetters: "GET /v1/letters"
        case .showLetter(let ref): "GET /v1/letters/" + segment(ref)
        case .listActors(let kind): "GET /v1/actors" + (kind.map { "?kind=" + $0.rawValue } ?? "")
        case .showActor(let name): "GET /v1/actors/" + segment(name)
        case .addActor: "POST /v1/actors"
        case .editActor(let name): "PATCH /v1/actors/" + segment(name)
        case .mergeActors(let duplicate, _): "POST /v1/actors/" + (duplicate.map(segment) ?? "{duplicate}") + "/merge"
        case .editRole(let id): "PATCH /v1/roles/\(id)"
        case .editMembership(let id): "PATCH /v1/memberships/\(id)"
        case .listEvents: "GET /v1/events"
        case .addEvent: "POST /v1/events"
        case .showEvent(let ref): "GET /v1/events/" + segment(ref)
        case .listInvitations: "GET /v1/invitations"
        case .listSources: "GET /v1/sources"
        case .listTokens: "GET /v1/tokens"
        case .listUsers: nil
        }
    }
}
