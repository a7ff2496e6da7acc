/// A short, stable name for a path, so that a fallback folder outside the home is tied to exactly
/// one home without depending on a crypto library. FNV-1a is enough: this is naming, not security
/// (ownership of the folder is checked separately).
enum PathHash {
    /// The first `length` hex digits of the 64-bit FNV-1a hash of the path's UTF-8 bytes.
    static func hex(_ path: String, length: Int = 12) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - digits.count)) + digits
        return String(padded.prefix(length))
    }
}
