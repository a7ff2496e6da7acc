import ChanceryModel
import Foundation

/// An opaque position in a list: the offset of the next page, bound to the query it came from
/// so a cursor pasted onto another query is refused instead of silently skipping rows.
package struct ListCursor {
    package var offset: Int

    package init(offset: Int) { self.offset = offset }

    /// Reads a cursor given back by a client.
    package init(decoding text: String, for query: String) throws {
        guard let data = Base64URL.decoded(text), let plain = String(data: data, encoding: .utf8) else {
            throw Self.invalid()
        }
        let parts = plain.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let offset = Int(parts[0]), offset >= 0 else { throw Self.invalid() }
        guard String(parts[1]) == Self.fingerprint(of: query) else {
            throw Problem.unprocessable("the cursor belongs to a different query", field: "cursor",
                                        hint: "Keep every other parameter as it was when the cursor was returned.")
        }
        self.offset = offset
    }

    /// The cursor text for this position of `query`.
    package func encoded(for query: String) -> String {
        Base64URL.encoded(Data("\(offset):\(Self.fingerprint(of: query))".utf8))
    }

    /// The query without its cursor, sorted: a short checksum of what the list is of.
    private static func fingerprint(of query: String) -> String {
        let kept = query.split(separator: "&").filter { !$0.hasPrefix("cursor=") }.sorted().joined(separator: "&")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in kept.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 36)
    }

    private static func invalid() -> Problem {
        Problem.unprocessable("the cursor is not one this service issued", field: "cursor",
                              hint: "Pass the nextCursor of the previous page unchanged.")
    }
}
