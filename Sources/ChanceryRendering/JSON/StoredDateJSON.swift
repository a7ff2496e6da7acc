import ChanceryModel
import Synchronization

/// The JSON of a stored date (`UncertainDate.writeJSON`), remembered by its EDTF text: a listing
/// writes a date per row, and parsing the EDTF and composing its human-readable form cost half
/// of the page's JSON (callgrind), for the same few thousand values again and again (every
/// letter of a day shares its date). The JSON depends on the text alone.
package enum StoredDateJSON {
    /// Beyond this many dates the table starts afresh: about 2 MB at most.
    static let capacity = 16_384
    private static let table = Mutex<[String: [UInt8]]>([:])

    /// How many dates the table holds now.
    static var count: Int { table.withLock { $0.count } }

    /// Writes the date whose stored EDTF is `edtf`; false, writing nothing, when it is not one.
    package static func write(edtf: String, to writer: inout CompactJSONWriter) -> Bool {
        if let json = table.withLock({ $0[edtf] }) {
            json.withUnsafeBufferPointer { writer.raw(utf8: $0) }
            return true
        }
        guard let date = UncertainDate.stored(edtf) else { return false }
        var own = CompactJSONWriter(capacity: 160)
        date.writeJSON(to: &own)
        let json = own.finish()
        // A full table is swapped for an empty one under the lock and freed after it, so that
        // the listings waiting for the lock do not wait for 16,384 entries to be freed.
        let full: [String: [UInt8]]? = table.withLock { table in
            var full: [String: [UInt8]]?
            if table.count >= capacity {
                full = table
                table = [:]
            }
            table[edtf] = json
            return full
        }
        _ = full
        json.withUnsafeBufferPointer { writer.raw(utf8: $0) }
        return true
    }
}
