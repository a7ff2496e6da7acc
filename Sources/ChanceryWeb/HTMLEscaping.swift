import Mustache

/// Mustache's escaping for every `{{value}}`, over UTF-8 bytes.
///
/// swift-mustache escapes by looking each Character up in a dictionary, which a profile of the
/// register put at a quarter of the page's CPU. This escapes the same five characters the same
/// way, returns text with none of them as it is, and is registered as the templates' content
/// type (`PageRenderer` starts every template with its pragma, partials included).
struct HTMLEscaping: MustacheContentType {
    static let name = "CHANCERY_HTML"
    /// Put before each template's text so that it, and so every partial, escapes with this.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: { replacement(for: $0) != nil }) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                if let replacement = replacement(for: byte) { escaped.append(contentsOf: replacement) } else { escaped.append(byte) }
            }
            return String(decoding: escaped, as: UTF8.self)
        } ?? text
    }

    private static let lessThan = Array("&lt;".utf8), greaterThan = Array("&gt;".utf8), ampersand = Array("&amp;".utf8)
    private static let quote = Array("&quot;".utf8), apostrophe = Array("&#39;".utf8)

    // ASCII bytes never occur inside a multi-byte UTF-8 sequence, so bytes can be matched alone.
    private static func replacement(for byte: UInt8) -> [UInt8]? {
        switch byte {
        case UInt8(ascii: "<"): return lessThan
        case UInt8(ascii: ">"): return greaterThan
        case UInt8(ascii: "&"): return ampersand
        case UInt8(ascii: "\""): return quote
        case UInt8(ascii: "'"): return apostrophe
        default: return nil
        }
    }
}
