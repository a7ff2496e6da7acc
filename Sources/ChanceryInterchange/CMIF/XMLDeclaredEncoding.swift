import Foundation
import ChanceryModel

/// The encoding an XML file declares (`<?xml version="1.0" encoding="…"?>`), checked before the
/// file reaches libxml2. CMIF is UTF-8; libxml2 decodes UTF-8, UTF-16, ASCII and ISO-8859-1 itself
/// and hands any other name to iconv, and with `encoding='utf-7'` Debian's libxml2 2.9.14 crashed
/// the whole process on a malformed file (a null pointer in xmlParseChunk, found by fuzz-cmif):
/// a web import could take the service down. Only the encodings it decodes itself get through.
///
/// The declaration must also agree with the file's byte layout: libxml2 switches its decoder to
/// the declared encoding mid-file, so a UTF-16 file declaring ISO-8859-1 would be read on in
/// single bytes that `XMLMarkupGuard`, reading in UTF-16, never saw.
enum XMLDeclaredEncoding {
    static let accepted: Set<String> = ["utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf16", "iso-8859-1", "latin1"]
    private static let utf16Names: Set<String> = ["utf-16", "utf16"]

    /// The encoding the first bytes of a single-byte file declare, lowercased; nil when they declare none.
    static func declared(in head: Data) -> String? {
        declared(in: head, layout: .singleByte)
    }

    /// The encoding the first bytes declare, read in `layout`, lowercased; nil when they declare none.
    static func declared(in head: Data, layout: XMLByteLayout) -> String? {
        let text = layout.decode(head)
        guard text.hasPrefix("<?xml"), let end = text.firstRange(of: "?>") else { return nil }
        guard let match = text[..<end.lowerBound].firstMatch(of: /encoding\s*=\s*["']([^"']*)["']/) else { return nil }
        return String(match.1).lowercased()
    }

    /// The byte layout of `source`, after checking that it declares an accepted encoding that
    /// agrees with that layout.
    /// - Throws: `ChanceryError` `.invalidInput` naming the encoding and the conversion that helps.
    static func check(_ source: ReaderSource, displayName: String) throws -> XMLByteLayout {
        let head: Data
        switch source {
        case .bytes(let data):
            head = data.prefix(1024)
        case .file(let path):
            guard let file = FileHandle(forReadingAtPath: path) else { return .singleByte }   // the parser reports it
            defer { try? file.close() }
            head = (try? file.read(upToCount: 1024)) ?? Data()
        }
        let layout = try XMLByteLayout(head: head, displayName: displayName)
        guard let encoding = declared(in: head, layout: layout) else { return layout }
        guard accepted.contains(encoding) else {
            throw ChanceryError(.invalidInput,
                                "'\(displayName)' declares the encoding '\(encoding)'; Chancery reads XML in UTF-8 (also UTF-16 and ISO-8859-1)",
                                field: "file",
                                hint: "Convert it, e.g. `iconv -f \(encoding.uppercased()) -t UTF-8`, and set encoding=\"UTF-8\" in its first line.")
        }
        let isUTF16 = layout != .singleByte
        guard utf16Names.contains(encoding) == isUTF16 else {
            let actual = isUTF16 ? "UTF-16" : "UTF-8 or another single-byte encoding (it has no UTF-16 byte order mark)"
            throw ChanceryError(.invalidInput,
                                "'\(displayName)' declares the encoding '\(encoding)' but is written in \(actual)",
                                field: "file",
                                hint: isUTF16
                                    ? "Convert it, e.g. `iconv -f UTF-16 -t UTF-8`, and set encoding=\"UTF-8\" in its first line."
                                    : "Set encoding=\"UTF-8\" in its first line (or the encoding it is really in).")
        }
        return layout
    }
}
