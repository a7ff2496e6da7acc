@testable import ChanceryRequests

/// What the API promises about a request it cannot serve: the error a handler throws while
/// reading the query or the body maps to a 4xx problem naming what is wrong, never to a 500.
/// Anything else stops the fuzzer like a crash.
public func expectClientError(_ error: any Error, hasBody: Bool, input: String) {
    // An error ProblemMapping does not know is one the server answers with a 500.
    guard let problem = ProblemMapping(pathFields: [], hasBody: hasBody, retryAfter: 1).problem(for: error) else {
        preconditionFailure("\(input.debugDescription) throws \(type(of: error)), which the server answers with a 500: \(error)")
    }
    precondition((400..<500).contains(problem.status),
                 "\(input.debugDescription) gives a \(problem.status) (\(problem.detail)) from \(type(of: error)): \(error)")
    precondition(!problem.detail.isEmpty, "\(input.debugDescription) gives a \(problem.status) that says nothing")
}

/// Runs `read`, one handler's reading of its input, holding any error to `expectClientError`.
public func readingRequest(hasBody: Bool, input: String, _ read: () throws -> Void) {
    do {
        try read()
    } catch {
        expectClientError(error, hasBody: hasBody, input: input)
    }
}
