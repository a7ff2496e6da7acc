import Foundation

/// Words for the parser's error codes: Foundation's XMLParser on Linux reports only libxml2's
/// number, which would mean nothing to a user.
enum XMLParseProblem {
    static func describe(_ error: (any Error)?) -> String {
        guard let error else { return "the parser stopped" }
        let code = (error as NSError).code
        return messages[code] ?? "XML error \(code)"
    }

    /// libxml2's `xmlParserErrors` for the mistakes people make by hand.
    private static let messages: [Int: String] = [
        4: "no XML element starts the document ('<' expected)",
        5: "extra content after the root element",
        9: "a character XML does not allow",
        23: "an entity reference without its closing ';' (write & as &amp;)",
        26: "an undeclared entity (only &amp; &lt; &gt; &quot; &apos; exist in plain XML)",
        38: "'<' inside an attribute value (write &lt;)",
        39: "an attribute value without quotes",
        40: "an attribute value without its closing quote",
        41: "an attribute without a value",
        42: "the same attribute twice on one element",
        45: "a comment that is not closed",
        63: "a CDATA section that is not closed",
        65: "a space is missing",
        68: "a name is missing after '<'",
        73: "'>' is missing",
        76: "a closing tag does not match the element it closes",
        77: "the document ends before an element is closed",
    ]
}
