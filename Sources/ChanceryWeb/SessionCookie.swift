import Hummingbird

/// The cookies the web interface sets: the session (HttpOnly, SameSite=Lax so a link from
/// elsewhere still arrives signed in, Secure behind HTTPS) and the sign-in form's own anti-forgery
/// value, which stands in for the session's until there is one.
enum SessionCookie {
    static let session = "chancery_session"
    static let signInForm = "chancery_sign_in"

    /// Whether the request came over HTTPS, directly or through a proxy that says so.
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    static func started(_ secret: String, lifetimeSeconds: Int, request: Request) -> Cookie {
        Cookie(name: session, value: secret, maxAge: lifetimeSeconds, path: "/", secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }

    static func ended(request: Request) -> Cookie {
        Cookie(name: session, value: "", maxAge: 0, path: "/", secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }

    static func signInForm(_ token: String, request: Request) -> Cookie {
        Cookie(name: signInForm, value: token, maxAge: 3600, path: "/sign-in", secure: isSecure(request), httpOnly: true, sameSite: .strict)
    }
}
