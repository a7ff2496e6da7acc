@testable import ChanceryHTTP
import Foundation
import Testing

/// A bearer token's secret is read with the spaces around it taken off, as Foundation's
/// `.whitespaces` would (any space separator, and tab), and nothing inside it changed.
@Suite("Reading the Authorization header")
struct AuthorizationHeaderTests {
    @Test("spaces and tabs at either end go, inner ones stay, as with Foundation's trimming")
    func trimming() {
        let samples = ["chancery_abc", "  chancery_abc\t", "\u{00A0}chancery_abc\u{2003}", "a b", " ", "", "\t\u{3000}x\u{202F}",
                       "e\u{301} ", " \u{301}x"]
        for sample in samples {
            #expect(Authenticator.trimmingSpaces(Substring(sample)) == sample.trimmingCharacters(in: .whitespaces), "\(sample.debugDescription)")
        }
    }
}
