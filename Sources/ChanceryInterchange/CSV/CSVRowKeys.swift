/// Natural keys for rows that have neither `ref` nor `key`, so importing the same file again
/// finds the letters it made instead of adding them twice.
///
/// The key is `row-` and a 64-bit FNV-1a digest of the row's kind, date, sender, recipient
/// (names and ids) and subject cells: adding, removing or reordering rows keeps every other
/// row's key (a line number would not, and would match a different letter after an insertion);
/// changing one of those cells makes the row a new letter. Identical rows get `-2`, `-3`, … in file order.
struct CSVRowKeys {
    private var seen = Set<UInt64>()
    private var repeats: [UInt64: Int] = [:]

    /// The key for a row, counting repeats within the file.
    mutating func key(for fields: [String], header: CSVHeader) -> String {
        let identity = [CSVColumn.kind, .date, .sender, .senderID, .recipient, .recipientID, .subject]
            .map { header.value($0, in: fields) }
            .joined(separator: "\u{1F}")
        let digest = Self.fnv1a(identity)
        let hex = String(digest, radix: 16)
        var key = "row-" + String(repeating: "0", count: 16 - hex.count) + hex
        if !seen.insert(digest).inserted {
            let count = (repeats[digest] ?? 1) + 1
            repeats[digest] = count
            key += "-\(count)"
        }
        return key
    }

    /// FNV-1a over the UTF-8 bytes: tiny, stable across platforms and releases (unlike `Hasher`).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
