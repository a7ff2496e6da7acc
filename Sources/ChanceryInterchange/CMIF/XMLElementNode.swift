/// One element of a parsed XML fragment: just enough of a tree to interpret one `correspDesc`
/// (or the header's `fileDesc`) and to write it back out for a rejects file.
///
/// A class so the stream parser can append children to the element it is inside of while the
/// tree is being built.
final class XMLElementNode {
    /// A child: an element or a run of text (entities already resolved).
    enum Child {
        case element(XMLElementNode)
        case text(String)
    }

    /// The local name, without a namespace prefix (`correspDesc` for `tei:correspDesc`).
    let name: String
    /// Attributes by qualified name (`xml:id`, `ref`).
    let attributes: [String: String]
    /// The line the start tag ends on (what the parser reports there).
    package let line: Int
    /// Where the element is: `/TEI/teiHeader/profileDesc/correspDesc[3]/correspAction[1]`.
    let path: String
    /// Elements and text in document order.
    private(set) var children: [Child] = []

    init(name: String, attributes: [String: String], line: Int, path: String) {
        self.name = name
        self.attributes = attributes
        self.line = line
        self.path = path
    }

    func append(_ child: XMLElementNode) { children.append(.element(child)) }

    /// Appends text, joining it to a preceding run: the parser hands text over in pieces.
    func append(text: String) {
        if case .text(let previous)? = children.last {
            children[children.count - 1] = .text(previous + text)
        } else {
            children.append(.text(text))
        }
    }

    /// The child elements in order.
    var elements: [XMLElementNode] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The child elements with this local name.
    func elements(named name: String) -> [XMLElementNode] { elements.filter { $0.name == name } }

    /// An attribute's value with surrounding whitespace removed; nil when absent or blank.
    package func attribute(_ name: String) -> String? {
        guard let value = attributes[name]?.trimmingXMLWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    /// All text inside the element with whitespace runs collapsed to single spaces, leaving out
    /// the subtrees of child elements named in `excluded` (a `roleName` inside a `persName`).
    func normalizedText(excluding excluded: Set<String> = []) -> String {
        var text = ""
        collectText(into: &text, excluding: excluded)
        return text.collapsingXMLWhitespace()
    }

    /// The element's own text, child elements left out, with whitespace only trimmed at the
    /// ends: a value Chancery wrote itself, read back exactly.
    func ownText() -> String {
        children.map { if case .text(let run) = $0 { run } else { "" } }.joined().trimmingXMLWhitespace()
    }

    /// Like `normalizedText`, but blank lines stay paragraph breaks (`\n\n`): summaries and
    /// excerpts have paragraphs.
    func paragraphText() -> String {
        var text = ""
        collectText(into: &text, excluding: [])
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ").collapsingXMLWhitespace()) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ").collapsingXMLWhitespace()) }
        return paragraphs.joined(separator: "\n\n")
    }

    private func collectText(into text: inout String, excluding excluded: Set<String>) {
        for child in children {
            switch child {
            case .text(let run): text += run
            case .element(let element) where !excluded.contains(element.name):
                // Adjacent elements are words of their own (`<forename>Johann</forename><surname>…`).
                text += " "
                element.collectText(into: &text, excluding: excluded)
                text += " "
            case .element: text += " "
            }
        }
    }

    /// The element written back as XML, attributes in name order, text escaped.
    ///
    /// Elements are written without a namespace prefix, since the documents this goes into
    /// declare TEI as the default namespace; attributes in other namespaces than `xml` (whose
    /// prefixes would be undeclared there) are left out.
    /// `omitting` leaves out the attributes (element, attribute name) it holds for.
    func serialized(omitting: (XMLElementNode, String) -> Bool = { _, _ in false }) -> String {
        var output = ""
        serialize(into: &output, omitting: omitting)
        return output
    }

    private func serialize(into output: inout String, omitting: (XMLElementNode, String) -> Bool) {
        output += "<" + name
        for name in attributes.keys.sorted() where Self.isWritable(attribute: name) && !omitting(self, name) {
            output += " " + name + "=\"" + XMLEscaping.attribute(attributes[name] ?? "") + "\""
        }
        if children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        for child in children {
            switch child {
            case .text(let run): output += XMLEscaping.text(run)
            case .element(let element): element.serialize(into: &output, omitting: omitting)
            }
        }
        output += "</" + name + ">"
    }

    private static func isWritable(attribute name: String) -> Bool {
        guard let colon = name.firstIndex(of: ":") else { return true }
        let prefix = name[..<colon]
        return prefix == "xml" || prefix == "xmlns"
    }
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF).
    func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// The string with every run of whitespace turned into one space and the ends trimmed, as
    /// XPath's `normalize-space()` does.
    func collapsingXMLWhitespace() -> String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
