import Foundation
import ChanceryModel

/// The encoding an XML file declares (`<?xml version="1.0" encoding="…"?>`), checked before the
/// file reaches libxml2. CMIF is UTF-8; libxml2 decodes UTF-8, UTF-16, ASCII and ISO-8859-1 itself
/// and hands any other name to iconv, and with `encoding='utf-7'` Debian's libxml2 2.9.14 crashed
/// the whole process on a malformed file (a null pointer in xmlParseChunk, found by fuzz-cmif):
/// a web import could take the service down. Only the encodings it decodes itself get through.
enum XMLDeclaredEncoding {
    static let accepted: Set<String> = ["utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf16", "iso-8859-1", "latin1"]

    /// The encoding the first bytes declare, lowercased; nil when they declare none.
    static func declared(in head: Data) -> String? {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // A UTF-16 file's declaration is not ASCII bytes; libxml2 reads those by their byte order mark.
        guard bytes.starts(with: Array("<?xml".utf8)), let end = bytes.firstRange(of: Array("?>".utf8)) else { return nil }
        let declaration = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
        guard let match = declaration.firstMatch(of: /encoding\s*=\s*["']([^"']*)["']/) else { return nil }
        return String(match.1).lowercased()
    }

    /// Throws when `source` declares an encoding other than the accepted ones.
    static func check(_ source: ReaderSource, displayName: String) throws {
        let head: Data
        switch source {
        case .bytes(let data):
            head = data.prefix(1024)
        case .file(let path):
            guard let file = FileHandle(forReadingAtPath: path) else { return }   // the parser reports it
            defer { try? file.close() }
            head = (try? file.read(upToCount: 1024)) ?? Data()
        }
        guard let encoding = declared(in: head), !accepted.contains(encoding) else { return }
        throw ChanceryError(.invalidInput,
                            "'\(displayName)' declares the encoding '\(encoding)'; Chancery reads XML in UTF-8 (also UTF-16 and ISO-8859-1)",
                            field: "file",
                            hint: "Convert it, e.g. `iconv -f \(encoding.uppercased()) -t UTF-8`, and set encoding=\"UTF-8\" in its first line.")
    }
}
