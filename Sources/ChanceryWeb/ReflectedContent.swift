import Mustache

/// A page's content read through reflection once, before rendering.
///
/// Mustache looks every `{{name}}` up by reflecting the value it is in, and climbs to the
/// enclosing values when a name is missing: a page of some hundred lookups reflected its largest
/// structs hundreds of times, which cost more than reading the letter did. Wrapped, each struct is
/// reflected once, into a dictionary the template reads directly. Strings, numbers, flags and
/// values that answer lookups themselves (`MustacheParent`) are kept as they are; a nil optional
/// is left out, so a lookup of it climbs to the enclosing value as before.
struct ReflectedContent: MustacheParent {
    private let children: [String: Any]

    func child(named name: String) -> Any? { children[name] }

    static func wrap(_ value: Any) -> Any? {
        switch value {
        case is String, is Substring, is Bool, is Int, is Int64, is Double, is any MustacheParent:
            return value
        case let answering as [any MustacheParent]:
            // Rows that answer lookups themselves skip reflection altogether.
            return answering
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { wrap($0.value) }
        case .collection:
            return mirror.children.compactMap { wrap($0.value) }
        case .struct, .class:
            var children: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let wrapped = wrap(child.value) { children[label] = wrapped }
            }
            return ReflectedContent(children: children)
        default:
            return value
        }
    }
}
