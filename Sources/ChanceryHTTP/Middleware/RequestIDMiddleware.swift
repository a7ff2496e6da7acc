import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id (the client's `X-Request-ID` when it is a sane token, else a new
/// UUID), puts it in the logger's metadata and echoes it on the response.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: APIRequestContext,
                next: (Request, APIRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        let id = Self.usable(request.headers[.requestID]) ?? Self.newID()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.requestID] = id
        return response
    }

    /// A random UUID in lower case, as `UUID().uuidString.lowercased()` writes it, without the
    /// `snprintf` and the second string that cost more than the rest of this middleware.
    static func newID() -> String {
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes(of: UUID().uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    text[at] = digits.utf8Start[Int(byte >> 4)]
                    text[at + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }

    /// Ids that are safe to log and echo: short, no spaces or control characters.
    private static func usable(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count),
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") }) else { return nil }
        return value
    }
}
