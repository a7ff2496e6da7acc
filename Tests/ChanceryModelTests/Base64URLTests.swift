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

    @Test("the same text as Foundation's base64 with the URL alphabet and no padding, for every length up to 64")
    func matchesFoundation() {
        var state: UInt64 = 0x2022_0512
        for length in 0...64 {
            let bytes = (0..<length).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
            var reference = Data(bytes).base64EncodedString()
            reference = reference.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            while reference.hasSuffix("=") { reference.removeLast() }
            #expect(Base64URL.encoded(bytes) == reference, "length \(length)")
            #expect(Base64URL.decoded(Base64URL.encoded(bytes)) == Data(bytes), "length \(length)")
        }
    }
}
