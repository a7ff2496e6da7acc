import ChanceryModel
import Mustache

/// The page templates, compiled once from the copies the binary carries (Templates/, embedded
/// at build time). Mustache escapes every `{{value}}`; only `{{{body}}}`, HTML rendered here
/// from a template, is inserted as it is.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    static let shared = PageRenderer()

    private init() {
        MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)
        var library = MustacheLibrary()
        for (name, text) in EmbeddedResources.mustacheTemplates {
            do {
                try library.register(HTMLEscaping.pragma + text, named: name)
            } catch {
                // The templates are part of the binary and rendered by the tests: a broken one is a build defect.
                preconditionFailure("template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// The stylesheet every page links.
    static var stylesheet: String { EmbeddedResources.chanceryCSS }

    /// The forms' script: a date's reading and name suggestions while typing.
    static var script: String { EmbeddedResources.chanceryJS }

    /// A whole page: `template` rendered with `content`, inside the layout.
    func page(title: String, searchText: String = "", template: String, content: Any) -> String {
        let body = library.render(ReflectedContent.wrap(content) ?? content, withTemplate: template) ?? ""
        let session = Viewer.current.session
        let layout = Layout(title: title, searchText: searchText, version: WebPages.version, body: body,
                            signedIn: session.map { SignedIn(name: $0.user.name, role: $0.user.role.rawValue, csrf: $0.csrfToken) },
                            mayEdit: Viewer.current.may(.editor))
        return library.render(layout, withTemplate: "layout") ?? body
    }

    /// A part of a page, `template` rendered without the layout, for a script to insert.
    func fragment(template: String, content: Any) -> String {
        library.render(ReflectedContent.wrap(content) ?? content, withTemplate: template) ?? ""
    }

    private struct Layout {
        var title: String
        var searchText: String
        var version: String
        var body: String
        var signedIn: SignedIn?
        var mayEdit: Bool
    }

    private struct SignedIn {
        var name: String
        var role: String
        var csrf: String
    }
}
