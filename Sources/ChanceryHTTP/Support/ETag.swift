import Foundation

/// Strong ETags for records with a revision: `"r3"`. Opaque to clients; here they name the
/// revision a change was based on.
///
/// The conditional headers are read here and nowhere else, as RFC 9110 (sections 8.8.3 and 13.1)
/// says: `If-None-Match` (a read: 304 when the client holds the current representation) with the
/// weak comparison, `If-Match` (a change: based on the current revision) with the strong one.
enum ETag {
    static func make(revision: Int) -> String { "\"r\(revision)\"" }

    /// The ETag of a representation that holds more than its record's revision counts (a
    /// source's page lists the records citing it): the revision, for `If-Match`, and a digest of
    /// the bytes, so that `If-None-Match` answers 304 only for the same bytes: `"r3.9f2c…"`.
    static func make(revision: Int, content: [UInt8]) -> String {
        // FNV-1a, 64 bits: a change of any byte changes it; no adversary chooses these bytes.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in content { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\"r\(revision)." + String(hash, radix: 16) + "\""
    }

    /// One entity-tag of a conditional header: `"r3"` or, weak, `W/"r3"`.
    struct Tag: Equatable {
        var isWeak: Bool
        /// The opaque tag with its quotes (`"r3"`), compared octet by octet.
        var opaque: String
    }

    /// What an `If-Match` or `If-None-Match` field value names: any current representation (`*`),
    /// or a list of entity-tags (RFC 9110: `"*" / #entity-tag`).
    enum Condition: Equatable {
        case any
        case tags([Tag])
    }

    /// Parses a conditional header's value; nil when it is neither `*` nor a list of entity-tags
    /// (a tag without its quotes, an unterminated one, a `*` inside a list). Empty list elements
    /// are skipped, as the list rule asks; a comma inside quotes belongs to the tag.
    static func condition(_ value: String) -> Condition? {
        let bytes = Array(value.utf8)
        let space: Set<UInt8> = [0x20, 0x09]
        var start = 0, end = bytes.count
        while start < end, space.contains(bytes[start]) { start += 1 }
        while end > start, space.contains(bytes[end - 1]) { end -= 1 }
        if end - start == 1, bytes[start] == UInt8(ascii: "*") { return .any }

        var tags: [Tag] = []
        var index = start
        while index < end {
            if space.contains(bytes[index]) || bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            var isWeak = false
            if bytes[index] == UInt8(ascii: "W"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "/") {
                isWeak = true
                index += 2
            }
            guard index < end, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let opening = index
            index += 1
            // etagc: any visible character but the quote, and obs-text.
            while index < end, bytes[index] != UInt8(ascii: "\"") {
                let byte = bytes[index]
                guard byte == 0x21 || (0x23...0x7E).contains(byte) || byte >= 0x80 else { return nil }
                index += 1
            }
            guard index < end else { return nil }
            index += 1
            tags.append(Tag(isWeak: isWeak, opaque: String(decoding: bytes[opening..<index], as: UTF8.self)))
            // Only spaces may separate a tag from the next comma.
            while index < end, space.contains(bytes[index]) { index += 1 }
            guard index == end || bytes[index] == UInt8(ascii: ",") else { return nil }
        }
        return .tags(tags)
    }

    /// Whether an `If-None-Match` value names the current representation, whose strong ETag is
    /// `current`, so a GET answers 304 (RFC 9110, 13.1.2): `*` names any current representation,
    /// and a listed tag names it when it matches by the weak comparison (`W/"r2"` matches `"r2"`).
    /// A value that is not a list of entity-tags names nothing: the full answer is always correct
    /// (and a 400 would refuse a header the document lets be any text).
    static func noneMatchNamesCurrent(_ value: String?, current: String) -> Bool {
        guard let value, let condition = condition(value) else { return false }
        switch condition {
        case .any:
            return true
        case let .tags(tags):
            let currentOpaque = current.hasPrefix("W/") ? String(current.dropFirst(2)) : current
            return tags.contains { $0.opaque == currentOpaque }
        }
    }

    /// The revision an `If-Match` value (not `*`, which the caller refuses) names; nil when it names
    /// none of ours. If-Match uses the strong comparison (RFC 9110, 13.1.1), so a weak tag
    /// (`W/"r2"`) never matches, nor does a tag that only reads as a number (`"r02"`). Of a list,
    /// the highest revision: revisions only grow, so of tags this service issued, the current one
    /// is listed exactly when it is the highest listed.
    static func revision(fromIfMatch value: String) -> Int? {
        guard case let .tags(tags)? = condition(value) else { return nil }
        return tags.filter { !$0.isWeak }.compactMap { revision(of: $0.opaque) }.max()
    }

    /// The revision of one of our opaque tags (`"r3"`, or `"r3.9f2c…"` with a digest, is 3);
    /// nil for any other.
    private static func revision(of opaque: String) -> Int? {
        guard opaque.hasPrefix("\"r"), opaque.hasSuffix("\""), opaque.count > 3 else { return nil }
        var tag = opaque
        if let dot = opaque.firstIndex(of: ".") {
            let digest = opaque[opaque.index(after: dot)..<opaque.index(before: opaque.endIndex)]
            guard (1...16).contains(digest.count), digest.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
            tag = String(opaque[..<dot]) + "\""
        }
        let digits = tag.dropFirst(2).dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let revision = Int(digits),
              make(revision: revision) == tag else { return nil }
        return revision
    }
}
