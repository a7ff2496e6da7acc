import Foundation

/// The readable text of a saved web page: its blocks as lines, with what the page says about
/// itself (title, canonical address, site, publication time) from its head.
struct HTMLText {
    var lines: [String] = []
    var title: String?
    var url: String?
    var siteName: String?
    var published: String?

    /// Elements whose content is never article text.
    static let skipped: Set<String> = ["script", "style", "noscript", "nav", "footer", "aside", "figcaption", "form", "svg", "button", "select", "template"]
    /// Elements that end a line.
    static let blocks: Set<String> = ["p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "section",
                                      "article", "header", "blockquote", "title", "figure", "main", "hr", "dd", "dt", "table", "time"]

    init(html: String) {
        var current = ""
        var skipping: [String] = []
        var inTitle = false
        var titleText = ""
        var cursor = html.startIndex
        func endLine() {
            let line = HTMLText.collapse(HTMLText.decodeEntities(current))
            if !line.isEmpty { lines.append(line) }
            current = ""
        }
        while cursor < html.endIndex {
            guard let open = html[cursor...].firstIndex(of: "<") else {
                if skipping.isEmpty { current += html[cursor...] }
                break
            }
            if skipping.isEmpty {
                if inTitle { titleText += html[cursor..<open] } else { current += html[cursor..<open] }
            }
            if html[open...].hasPrefix("<!--") {
                cursor = html[open...].range(of: "-->")?.upperBound ?? html.endIndex
                continue
            }
            guard let close = html[open...].firstIndex(of: ">") else { break }
            let tag = html[html.index(after: open)..<close]
            cursor = html.index(after: close)
            let closing = tag.hasPrefix("/")
            let name = String(tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })).lowercased()
            if name == "meta" || name == "link" { readHead(String(tag)); continue }
            if HTMLText.skipped.contains(name) {
                if closing { if let last = skipping.lastIndex(of: name) { skipping.remove(at: last) } }
                else if !tag.hasSuffix("/") { skipping.append(name) }
                continue
            }
            if name == "title" {
                inTitle = !closing
                if closing, title == nil { title = HTMLText.collapse(HTMLText.decodeEntities(titleText)) }
                continue
            }
            if name == "time", !closing, published == nil, let value = HTMLText.attribute("datetime", in: String(tag)) {
                published = value
            }
            if HTMLText.blocks.contains(name) && skipping.isEmpty { endLine() }
        }
        endLine()
    }

    private mutating func readHead(_ tag: String) {
        let property = (HTMLText.attribute("property", in: tag) ?? HTMLText.attribute("name", in: tag))?.lowercased()
        let content = HTMLText.attribute("content", in: tag).map(HTMLText.decodeEntities)
        switch property {
        case "og:title": title = title ?? content
        case "og:url": url = url ?? content
        case "og:site_name": siteName = siteName ?? content
        case "article:published_time", "date", "pubdate", "dc.date": published = published ?? content
        default: break
        }
        if HTMLText.attribute("rel", in: tag)?.lowercased() == "canonical", let href = HTMLText.attribute("href", in: tag) {
            url = href
        }
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        let lower = tag.lowercased()
        for quote in ["\"", "'"] {
            if let range = lower.range(of: " \(name)=\(quote)") {
                let start = range.upperBound
                if let end = tag[start...].firstIndex(of: Character(quote)) { return String(tag[start..<end]) }
            }
        }
        return nil
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "’", "lsquo": "‘",
        "ldquo": "“", "rdquo": "”", "ndash": "–", "mdash": "—", "hellip": "…", "eacute": "é", "egrave": "è",
    ]

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = String(after[..<semi])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = entities[name]
                }
                if let decoded {
                    result += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}
