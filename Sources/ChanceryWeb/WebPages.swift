import ChanceryRequests
import Foundation
public import ChanceryCore
public import Hummingbird
import ChanceryModel
import HTTPTypes

/// The web interface, served beside the JSON API by `chancery serve`: the register, letters,
/// actors, open items, and the editors' forms. Pages call the same services as the CLI and the
/// API and hold no SQL. People sign in (sessions in PostgreSQL); the reading room may also open
/// without signing in when the operator allows anonymous reads, but changing anything never does.
public struct WebPages: Sendable {
    let database: ChanceryDatabase
    let configuration: WebConfiguration
    let sessions: SessionService

    /// The version shown in every page's footer.
    static var version: String { ChanceryVersion.release }

    /// Creates the pages over a database.
    public init(database: ChanceryDatabase, configuration: WebConfiguration) {
        self.database = database
        self.configuration = configuration
        self.sessions = SessionService(database: database, policy: configuration.signInPolicy,
                                       lifetimeSeconds: configuration.sessionLifetimeSeconds)
    }

    /// Adds the pages' routes to `router`.
    public func add<Context: RemoteAddressRequestContext>(to router: Router<Context>) {
        let signIn = SignInPages(sessions: sessions, configuration: configuration)
        router.get("/assets/chancery.css") { _, _ in HTMLResponse.stylesheet(PageRenderer.stylesheet) }
        router.get("/assets/chancery.js") { _, _ in HTMLResponse.script(PageRenderer.script) }
        router.get("/forms/date") { request, _ in
            await page(request, needs: .reader) { _ in FormAssistance.date(FormEncodedQuery(request.uri.query).value("edtf") ?? "") }
        }
        router.get("/forms/names") { request, _ in
            await page(request, needs: .reader) { store in
                try await FormAssistance.names(FormEncodedQuery(request.uri.query).value("typed") ?? "", database: store)
            }
        }
        router.get("/forms/letters") { request, _ in
            await page(request, needs: .reader) { store in
                try await FormAssistance.letters(FormEncodedQuery(request.uri.query).value("typed") ?? "", database: store)
            }
        }
        router.get("/sign-in") { request, _ in signIn.form(request: request) }
        router.post("/sign-in") { request, context in
            await guarded { try await signIn.signIn(request: request, clientAddress: Self.clientAddress(context)) }
        }
        router.post("/sign-out") { request, _ in await guarded { try await signIn.signOut(request: request) } }
        router.get("/") { request, _ in
            await page(request, needs: .reader) { store in try await RegisterPage(database: store).response(query: request.uri.query) }
        }
        router.get("/register/facets") { request, _ in
            await page(request, needs: .reader) { store in try await RegisterPage(database: store).facets(query: request.uri.query) }
        }
        addLetterEditing(to: router)
        router.get("/letters/:ref") { request, context in
            await page(request, needs: .reader) { store in
                try await LetterPageContent.response(ref: try segment(context, "ref"),
                                                     full: FormEncodedQuery(request.uri.query).text("full") != nil, database: store)
            }
        }
        router.get("/fragments/thread/:ref") { request, context in
            await page(request, needs: .reader) { store in
                try await LetterPageContent.threadFragment(ref: try segment(context, "ref"), database: store)
            }
        }
        router.get("/fragments/history/:ref") { request, context in
            await page(request, needs: .reader) { store in
                try await LetterPageContent.historyFragment(ref: try segment(context, "ref"), database: store)
            }
        }
        router.get("/timeline") { request, _ in
            await page(request, needs: .reader) { store in try await TimelinePage.response(query: request.uri.query, database: store) }
        }
        router.get("/timeline/download") { request, _ in
            await page(request, needs: .reader) { store in try await TimelinePage.download(query: request.uri.query, database: store) }
        }
        router.get("/letters/:ref/download") { request, context in
            await page(request, needs: .reader) { store in
                try await LetterDownload.response(ref: try segment(context, "ref"), format: FormEncodedQuery(request.uri.query).text("format"),
                                                  database: store)
            }
        }
        router.get("/pending") { request, _ in
            await page(request, needs: .reader) { store in try await PendingPageContent.response(database: store) }
        }
        router.get("/sources") { request, _ in
            await page(request, needs: .reader) { store in try await SourceListPage.response(query: request.uri.query, database: store) }
        }
        router.get("/sources/:id") { request, context in
            await page(request, needs: .reader) { store in try await SourcePageContent.response(id: try segment(context, "id"), database: store) }
        }
        router.get("/invitations") { request, _ in
            await page(request, needs: .reader) { store in try await InvitationListPage.response(query: request.uri.query, database: store) }
        }
        router.get("/invitations/:ref") { request, context in
            await page(request, needs: .reader) { store in
                try await InvitationPageContent.response(ref: try segment(context, "ref"), database: store)
            }
        }
        router.get("/actors/:name") { request, context in
            await page(request, needs: .reader) { store in
                try await ActorPageContent.response(name: try segment(context, "name"), database: store)
            }
        }
    }

    /// The editors' pages: a new letter, editing one, deleting one, importing a file, and the
    /// forms for actors, offices, memberships, events, invitations and answers.
    private func addLetterEditing<Context: RemoteAddressRequestContext>(to router: Router<Context>) {
        router.get("/letters/new") { request, _ in
            await page(request, needs: .editor) { store, session in
                try await LetterFormPage.blank(replyTo: FormEncodedQuery(request.uri.query).text("reply-to"), csrf: session.csrfToken, database: store)
            }
        }
        router.post("/letters/new") { request, _ in
            await form(request, needs: .editor) { fields, store, session in try await LetterFormPage.create(fields, session: session, database: store) }
        }
        router.get("/letters/:ref/edit") { request, context in
            await page(request, needs: .editor) { store, session in
                try await LetterEditPage.form(ref: try segment(context, "ref"), session: session, database: store)
            }
        }
        router.post("/letters/:ref/edit") { request, context in
            await form(request, needs: .editor) { fields, store, session in
                try await LetterEditPage.save(ref: try segment(context, "ref"), fields, session: session, database: store)
            }
        }
        router.get("/letters/:ref/parts") { request, context in
            await page(request, needs: .editor) { store, session in
                try await LetterPartsPage.form(ref: try segment(context, "ref"), session: session, database: store)
            }
        }
        router.post("/letters/:ref/parts") { request, context in
            await form(request, needs: .editor) { fields, store, session in
                try await LetterPartsPage.change(ref: try segment(context, "ref"), fields, session: session, database: store)
            }
        }
        router.get("/intake") { request, _ in
            await page(request, needs: .editor) { _, session in IntakePage.form(session: session) }
        }
        router.post("/intake") { request, _ in
            await form(request, needs: .editor, bodyLimit: FormBody.uploadLimit) { fields, store, session in
                try await IntakePage.run(fields, session: session, database: store)
            }
        }
        router.get("/import") { request, _ in
            await page(request, needs: .editor) { _, session in ImportPage.form(session: session) }
        }
        router.post("/import") { request, _ in
            await form(request, needs: .editor, bodyLimit: FormBody.uploadLimit) { fields, store, session in
                try await ImportPage.run(fields, session: session, database: store)
            }
        }
        for record in RecordPage.all {
            router.get(RouterPath(record.path)) { request, _ in
                await page(request, needs: .editor) { _, session in record.blank(query: request.uri.query, csrf: session.csrfToken) }
            }
            router.post(RouterPath(record.path)) { request, _ in
                await form(request, needs: .editor) { fields, store, session in try await record.post(fields, session: session, database: store) }
            }
        }
        router.get("/sources/:id/edit") { request, context in
            await page(request, needs: .editor) { store, session in
                try await SourceEditPage.form(id: try segment(context, "id"), session: session, database: store)
            }
        }
        router.post("/sources/:id/edit") { request, context in
            await form(request, needs: .editor) { fields, store, session in
                try await SourceEditPage.save(id: try segment(context, "id"), fields, session: session, database: store)
            }
        }
        router.get("/sources/:id/delete") { request, context in
            await page(request, needs: .editor) { store, session in
                try await SourceEditPage.confirmDeletion(id: try segment(context, "id"), session: session, database: store)
            }
        }
        router.post("/sources/:id/delete") { request, context in
            await form(request, needs: .editor) { fields, store, _ in
                try await SourceEditPage.delete(id: try segment(context, "id"), fields, database: store)
            }
        }
        router.get("/letters/:ref/delete") { request, context in
            await page(request, needs: .editor) { store, session in
                try await LetterEditPage.confirmDeletion(ref: try segment(context, "ref"), session: session, database: store)
            }
        }
        router.post("/letters/:ref/delete") { request, context in
            await form(request, needs: .editor) { fields, store, _ in
                try await LetterEditPage.delete(ref: try segment(context, "ref"), fields, database: store)
            }
        }
    }

    /// The address the request came from, as the sign-in throttle counts it.
    static func clientAddress<Context: RemoteAddressRequestContext>(_ context: Context) -> String {
        context.remoteAddress?.ipAddress ?? "unknown"
    }

    private func segment<Context: RequestContext>(_ context: Context, _ name: String) throws -> String {
        guard let value = context.parameters.get(name) else { throw ChanceryError(.notFound, "no \(name) in the address") }
        return value.removingPercentEncoding ?? value
    }

    /// Runs a page for a viewer who may do what needs `role`: anyone else is sent to sign in (or
    /// told their role is too low). Changes are recorded in the history as `user:<name>`.
    func page(_ request: Request, needs role: AccessRole, _ body: (ChanceryDatabase) async throws -> Response) async -> Response {
        let session: WebSession?
        do {
            session = try await currentSession(request)
        } catch {
            return Self.unavailable
        }
        if let refusal = refusal(for: session, needs: role, request: request) { return refusal }
        let store = database.attributed(to: session?.user.changedBy ?? "anonymous")
        return await Viewer.$current.withValue(Viewer(session: session)) {
            await guarded { try await body(store) }
        }
    }

    /// Runs a page that needs a signed-in viewer (any role above reader never opens anonymously).
    func page(_ request: Request, needs role: AccessRole, _ body: @escaping (ChanceryDatabase, WebSession) async throws -> Response) async -> Response {
        await page(request, needs: role) { store in
            guard let session = Viewer.current.session else { throw ChanceryError(.unexpected, "a page for editors opened without a session") }
            return try await body(store, session)
        }
    }

    /// Runs a form's POST for a viewer who may do what needs `role`, after checking the form
    /// carries the session's anti-forgery token: a forged or stale form is refused (403) and
    /// nothing is written.
    func form(_ request: Request, needs role: AccessRole, bodyLimit: Int = FormBody.limit,
              _ body: (FormEncodedQuery, ChanceryDatabase, WebSession) async throws -> Response) async -> Response {
        let session: WebSession?
        do {
            session = try await currentSession(request)
        } catch {
            return Self.unavailable
        }
        guard let session else {
            return Self.message(status: .forbidden, heading: "Sign in first", message: "Only a signed-in editor may change the register; nothing was saved.",
                                hint: "Sign in, then send the form again.")
        }
        if let refusal = refusal(for: session, needs: role, request: request) { return refusal }
        return await Viewer.$current.withValue(Viewer(session: session)) {
            await guarded {
                let fields = try await FormBody.read(request, limit: bodyLimit)
                guard let sent = fields.value("csrf"), TokenComparison.equal(session.csrfToken, sent) else {
                    return Self.message(status: .forbidden, heading: "This form has expired",
                                        message: "The form did not come from your current session, so nothing was saved.",
                                        hint: "Go back, reload the page, and send it again.")
                }
                return try await body(fields, database.attributed(to: session.user.changedBy), session)
            }
        }
    }

    private func currentSession(_ request: Request) async throws -> WebSession? {
        guard let secret = request.cookies[SessionCookie.session]?.value else { return nil }
        return try await sessions.session(secret: secret)
    }

    private func refusal(for session: WebSession?, needs role: AccessRole, request: Request) -> Response? {
        guard let session else {
            if role == .reader && configuration.allowsAnonymousReads { return nil }
            let here = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let next = here == "/" ? "" : "?" + FormEncodedQuery.encode([("next", here)])
            return Response(status: .seeOther, headers: [.location: "/sign-in" + next])
        }
        guard session.user.role.allows(role) else {
            return Viewer.$current.withValue(Viewer(session: session)) {
                Self.message(status: .forbidden, heading: "Not allowed",
                             message: "Your account has the \(session.user.role.rawValue) role; this needs \(role.rawValue).",
                             hint: "Ask an administrator to give your account the \(role.rawValue) role.")
            }
        }
        return nil
    }

    private static var unavailable: Response {
        message(status: .serviceUnavailable, heading: "The register is unavailable",
                message: "The database cannot be reached just now.", hint: "Try again in a moment.")
    }

    /// Runs a page, answering with a page that says what went wrong rather than a stack of JSON.
    func guarded(_ page: () async throws -> Response) async -> Response {
        do {
            return try await page()
        } catch let error as ChanceryError {
            switch error.kind {
            case .notFound:
                return Self.message(status: .notFound, heading: "Not found", problem: WebProblem(error))
            case .databaseUnavailable:
                return Self.unavailable
            default:
                return Self.message(status: .badRequest, heading: "There is a problem", problem: WebProblem(error))
            }
        } catch {
            return Self.message(status: .internalServerError, heading: "Something went wrong",
                                message: "The page could not be made.", hint: "Try again; if it keeps failing, tell the operator.")
        }
    }

    /// A page that says one thing: `message`, and `hint` (written for the web).
    static func message(status: HTTPResponse.Status, heading: String, message: String, hint: String?) -> Response {
        Self.message(status: status, heading: heading, problem: WebProblem(message: message, hint: hint))
    }

    /// A page that says what went wrong: a service's refusal as ``WebProblem`` shows it, with the
    /// closest names and the next steps.
    static func message(status: HTTPResponse.Status, heading: String, problem: WebProblem) -> Response {
        let content = MessageContent(heading: heading, problem: problem)
        return HTMLResponse.page(PageRenderer.shared.page(title: heading, template: "message", content: content), status: status)
    }

    private struct MessageContent {
        var heading: String
        var problem: WebProblem
    }
}
