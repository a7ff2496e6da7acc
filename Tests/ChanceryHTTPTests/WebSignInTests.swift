import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import LibPQClient
import Testing

/// Signing in to the web pages as a browser does (issue 11, "Who may do what"): the form, the
/// session cookie and its flags, signing out on the server, throttled guessing, and where a
/// visitor is sent next.
@Suite("Web sign-in")
struct WebSignInPageTests {
    static let password = "correct horse battery"

    /// Runs `body` with the founding example, an account per role (`reader`, `editor`, `admin`,
    /// all with ``password``) and no anonymous reads.
    static func withAccounts(policy: SignInPolicy = SignInPolicy(delayPerFailure: .zero),
                             _ body: @Sendable @escaping (APIHarness, any TestClientProtocol) async throws -> Void) async throws {
        try await APIHarness.run(configure: { $0.signInPolicy = policy }) { harness, client in
            let users = UserService(database: harness.database, bcryptCost: 4)
            for role in [AccessRole.reader, .editor, .admin] {
                _ = try await users.add(name: role.rawValue, role: role, password: password)
            }
            try await body(harness, client)
        }
    }

    @Test("signing in sets an HttpOnly, SameSite session cookie and goes where the visitor was going; signing out ends it on the server")
    func signInAndOut() async throws {
        try await Self.withAccounts { _, client in
            var browser = WebVisitor(client)
            let form = try await browser.get("/sign-in?next=%2Fletters%2FKH-US-2022-001")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<label for="sign-in-password">Password</label>"#))
            #expect(form.text.contains(#"name="next" value="/letters/KH-US-2022-001""#))
            let formCookie = try #require(WebVisitor.setCookieLine("chancery_sign_in", in: form))
            #expect(formCookie.contains("HttpOnly") && formCookie.contains("SameSite=Strict"))

            let signedIn = try await browser.post("/sign-in", [
                ("csrf", WebVisitor.csrf(in: form) ?? ""), ("next", "/letters/KH-US-2022-001"), ("name", "Editor"), ("password", Self.password),
            ])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/letters/KH-US-2022-001")
            let cookie = try #require(WebVisitor.setCookieLine("chancery_session", in: signedIn))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(cookie.contains("Max-Age=43200"))
            #expect(!cookie.contains("Secure"), "a plain-HTTP cookie marked Secure would never come back")
            let stolen = try #require(browser.cookies["chancery_session"])

            let letter = try await browser.get("/letters/KH-US-2022-001")
            #expect(letter.status == .ok)
            #expect(letter.text.contains("Signed in as <strong>editor</strong> (editor)"))
            #expect(letter.text.contains(#"<a href="/letters/new">New letter</a>"#))

            // Signing out is a form like any other: without the session's token it is refused.
            let forged = try await browser.post("/sign-out", [("csrf", "forged")])
            #expect(forged.status == .forbidden)
            #expect(try await browser.get("/").status == .ok, "a forged sign-out ended the session")

            let signedOut = try await browser.post("/sign-out", [("csrf", WebVisitor.csrf(in: letter) ?? "")])
            #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/sign-in")
            #expect(WebVisitor.setCookieLine("chancery_session", in: signedOut)?.contains("Max-Age=0") == true)
            #expect(try await browser.get("/").status == .seeOther)
            // A copy of the cookie kept from before no longer works: the session ended on the server.
            browser.setCookie("chancery_session", stolen)
            let replayed = try await browser.get("/letters/KH-US-2022-001")
            #expect(replayed.status == .seeOther && !replayed.text.contains("Reply: full support"))
        }
    }

    @Test("behind an HTTPS proxy the session cookie is Secure")
    func secureBehindProxy() async throws {
        try await Self.withAccounts { _, client in
            var browser = WebVisitor(client)
            browser.headers["X-Forwarded-Proto"] = "https"
            let signedIn = try await browser.signIn("reader", Self.password)
            #expect(signedIn.status == .seeOther)
            #expect(WebVisitor.setCookieLine("chancery_session", in: signedIn)?.contains("Secure") == true)
        }
    }

    @Test("a wrong password comes back on the form with the name kept and escaped; no session is made")
    func wrongPassword() async throws {
        try await Self.withAccounts { harness, client in
            var browser = WebVisitor(client)
            let refused = try await browser.signIn("editor", "not the password")
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("The name or the password is wrong."))
            #expect(refused.text.contains(#"value="editor""#))
            #expect(browser.cookies["chancery_session"] == nil)
            let hostile = try await browser.signIn("<script>alert(1)</script>", "whatever it is")
            #expect(hostile.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !hostile.text.contains("<script>alert"))
            #expect(try await Self.sessionCount(harness) == 0)
        }
    }

    @Test("a sign-in form posted without its own anti-forgery cookie is refused, so another site cannot sign a browser in")
    func signInNeedsItsForm() async throws {
        try await Self.withAccounts { harness, client in
            var browser = WebVisitor(client)
            let posted = try await browser.post("/sign-in", [("csrf", "made-up"), ("name", "admin"), ("password", Self.password)])
            #expect(posted.status == .forbidden)
            #expect(posted.text.contains("The form had expired"))
            #expect(try await Self.sessionCount(harness) == 0)
        }
    }

    @Test("repeated failures for one account are refused with 429 and Retry-After, even with the right password")
    func throttled() async throws {
        try await Self.withAccounts(policy: SignInPolicy(accountLimit: 3, clientLimit: 50, delayPerFailure: .zero)) { harness, client in
            var browser = WebVisitor(client)
            for _ in 1...3 { #expect(try await browser.signIn("admin", "a wrong guess").status == .unauthorized) }
            let locked = try await browser.signIn("admin", Self.password)
            #expect(locked.status == .tooManyRequests)
            let retry = try #require(locked.headers[.retryAfter].flatMap { Int($0) })
            #expect(retry > 800 && retry <= 900)
            #expect(locked.text.contains("Too many failed sign-ins. Try again in 15 minutes."))
            #expect(try await Self.sessionCount(harness) == 0)
            // The other accounts still sign in.
            #expect(try await browser.signIn("reader", Self.password).status == .seeOther)
        }
    }

    @Test("after signing in, a visitor is only sent to a path on this site")
    func nextStaysLocal() async throws {
        try await Self.withAccounts { _, client in
            for next in ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"] {
                var browser = WebVisitor(client)
                let signedIn = try await browser.signIn("reader", Self.password, next: next)
                #expect(signedIn.status == .seeOther)
                #expect(signedIn.headers[.location] == "/", "next=\(next)")
            }
        }
    }

    @Test("a reader reads but is shown a 403 page, not the form, where editing starts")
    func readerCannotEdit() async throws {
        try await Self.withAccounts { _, client in
            var browser = WebVisitor(client)
            _ = try await browser.signIn("reader", Self.password)
            let register = try await browser.get("/")
            #expect(register.status == .ok && register.text.contains("KH-US-2022-001"))
            #expect(!register.text.contains(#"href="/letters/new""#))
            let form = try await browser.get("/letters/new")
            #expect(form.status == .forbidden)
            #expect(form.text.contains("Your account has the reader role; this needs editor."))
        }
    }

    private static func sessionCount(_ harness: APIHarness) async throws -> Int {
        let connection = try await PostgresConnection.connect(harness.configuration)
        defer { connection.close() }
        return try await connection.query("SELECT count(*)::int AS n FROM web_session").rows[0].decode("n")
    }
}
