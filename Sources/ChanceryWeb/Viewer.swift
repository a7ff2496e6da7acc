import ChanceryModel

/// Who is looking at a page: a signed-in person's session, or nobody (anonymous reading). Set for
/// the duration of a request, so the layout can show who is signed in without every page
/// passing it along.
struct Viewer: Sendable {
    @TaskLocal static var current = Viewer(session: nil)

    let session: WebSession?

    /// Whether the viewer may do what needs `role`.
    func may(_ role: AccessRole) -> Bool { session?.user.role.allows(role) ?? false }
}
