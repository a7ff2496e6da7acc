import ChanceryCore
import ChanceryModel
import ChanceryRequests
import HTTPTypes
import Hummingbird
import NIOCore

extension ProblemMapping {
    /// The problem the server answers with for anything a handler or middleware threw: what
    /// reading the request and the services throw (mapped by `problem(for:)`), then what only
    /// the server's own layers throw; anything else is a bug, a 500.
    func serverProblem(for error: any Error) -> Problem {
        if let problem = problem(for: error) { return problem }
        switch error {
        case let error where ChanceryError.fromDatabaseFailure(error)?.kind == .databaseUnavailable:
            return .unavailable("cannot reach the database", retryAfter: retryAfter)
        case is NIOTooManyBytesError:
            return .badRequest("the body is too large")
        case let error as HTTPError:
            return Problem(error.status, "http-\(error.status.code)", title: error.status.reasonPhrase,
                           detail: error.body ?? error.status.reasonPhrase.lowercased())
        default:
            return .internalError()
        }
    }
}
