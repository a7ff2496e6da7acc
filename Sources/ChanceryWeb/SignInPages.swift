import ChanceryRequests
import ChanceryCore
import ChanceryModel
import Foundation
import Hummingbird
import HTTPTypes

/// Signing in and out. The sign-in form carries its own anti-forgery value (a cookie and a field
/// that must match), since there is no session to hold one yet; signing out needs the session's.
struct SignInPages {
    let sessions: SessionService
    let configuration: WebConfiguration

    func form(request: Request) -> Response {
        let query = FormEncodedQuery(request.uri.query)
        return page(request: request, name: "", next: Self.localPath(query.value("next")), problem: nil, status: .ok)
    }

    func signIn(request: Request, clientAddress: String) async throws -> Response {
        let form = try await FormBody.read(request)
        let name = form.value("name") ?? ""
        let next = Self.localPath(form.value("next"))
        guard let expected = request.cookies[SessionCookie.signInForm]?.value, let sent = form.value("csrf"),
              TokenComparison.equal(expected, sent) else {
            return page(request: request, name: name, next: next, problem: "The form had expired. Sign in again.", status: .forbidden)
        }
        switch try await sessions.signIn(name: name, password: form.value("password") ?? "", clientAddress: clientAddress) {
        case .signedIn(let started):
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(SessionCookie.started(started.secret, lifetimeSeconds: configuration.sessionLifetimeSeconds, request: request))
            return response
        case .refused:
            return page(request: request, name: name, next: next, problem: "The name or the password is wrong.", status: .unauthorized)
        case .throttled(let seconds):
            let minutes = (seconds + 59) / 60
            var response = page(request: request, name: name, next: next,
                                problem: "Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").",
                                status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    func signOut(request: Request) async throws -> Response {
        let form = try await FormBody.read(request)
        if let secret = request.cookies[SessionCookie.session]?.value, let session = try await sessions.session(secret: secret) {
            guard let sent = form.value("csrf"), TokenComparison.equal(session.csrfToken, sent) else {
                return WebPages.message(status: .forbidden, heading: "This form has expired",
                                        message: "Signing out was refused: the form did not come from this session.",
                                        hint: "Go back, reload the page and try again.")
            }
            try await sessions.signOut(secret: secret)
        }
        var response = Response(status: .seeOther, headers: [.location: "/sign-in"])
        response.setCookie(SessionCookie.ended(request: request))
        return response
    }

    /// Where to go after signing in: a path on this site only, so the form cannot be used to
    /// send someone elsewhere (`//evil.example` is another host).
    static func localPath(_ value: String?) -> String {
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), !value.hasPrefix("/\\"),
              !value.contains(where: { $0.isNewline }) else { return "/" }
        return value
    }

    private func page(request: Request, name: String, next: String, problem: String?, status: HTTPResponse.Status) -> Response {
        let token = RandomSecret.generate()
        let content = Content(csrf: token, next: next, name: name, problem: problem)
        var response = HTMLResponse.page(PageRenderer.shared.page(title: "Sign in", template: "sign-in", content: content), status: status)
        response.setCookie(SessionCookie.signInForm(token, request: request))
        return response
    }

    private struct Content {
        var csrf: String
        var next: String
        var name: String
        var problem: String?
    }
}
