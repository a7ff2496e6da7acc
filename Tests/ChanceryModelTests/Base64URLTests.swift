import Foundation
import Testing
import ChanceryModel

/// The one base64url spelling, used by token secrets and list cursors.
@Suite("base64url")
struct Base64URLTests {
    @Test("unpadded, URL-safe alphabet, and back")
    func roundTrip() {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF, 0x00]
        #expect(Base64URL.encoded(bytes) == "-_-_AA")
        #expect(Base64URL.decoded("-_-_AA") == Data(bytes))
        #expect(Base64URL.decoded("-_-_AA==") == Data(bytes))
        #expect(Base64URL.decoded("not base64!") == nil)
    }
}
