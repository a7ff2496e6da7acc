import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A document parsed with Foundation's `XMLParser`, kept as a flat list of elements with their
/// ancestors, for asserting on the HTML report's structure; `errors` holds what made it
/// ill-formed.
final class XMLDocumentOutline: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// Names of the enclosing elements, outermost first.
        var ancestors: [String]
        /// Where the enclosing element is in `elements`.
        var parentIndex: Int?
        /// Text directly inside, concatenated.
        var text = ""

        /// The `class` attribute's words.
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    private(set) var elements: [Element] = []
    private(set) var errors: [String] = []
    private var open: [Int] = []

    init(parsing text: String) {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        if !parser.parse(), errors.isEmpty {
            errors.append(parser.parserError.map { "\($0)" } ?? "parse failed")
        }
    }

    func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }

    func parent(of element: Element) -> Element? { element.parentIndex.map { elements[$0] } }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributes, ancestors: open.map { elements[$0].name },
                                parentIndex: open.last))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current = open.last { elements[current].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        errors.append("line \(parser.lineNumber): \(parseError)")
    }
}
