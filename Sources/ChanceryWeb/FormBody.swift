import Foundation
import Hummingbird

/// A form's fields from a POST body (`application/x-www-form-urlencoded`), read up to a limit.
enum FormBody {
    static let limit = 1 << 20

    static func read(_ request: Request) async throws -> FormEncodedQuery {
        let buffer = try await request.body.collect(upTo: limit)
        return FormEncodedQuery(String(buffer: buffer))
    }
}

/// Constant-time comparison for anti-forgery tokens, so timing says nothing of how much matched.
enum TokenComparison {
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
