import ChanceryCore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import ChanceryModel
import ChanceryRequests

/// Who is calling: reads `Authorization: Bearer`, verifies the token (remembering verified
/// ones briefly, so a busy client costs no lookup per request) and checks its role.
final class Authenticator: Sendable {
    private struct Remembered {
        var token: AccessToken
        var expires: ContinuousClock.Instant
    }

    private let tokens: TokenService
    private let configuration: APIConfiguration
    private let remembered = Mutex<[String: Remembered]>([:])

    init(database: ChanceryDatabase, configuration: APIConfiguration) {
        self.tokens = TokenService(database: database)
        self.configuration = configuration
    }

    /// The caller's token if it may do what needs `role`; throws 401 (no or bad credentials)
    /// or 403 (valid, but the role is too low).
    func authorize(_ request: Request, for role: AccessRole) async throws -> AccessToken? {
        guard let header = request.headers[.authorization] else {
            if role == .reader && configuration.allowsAnonymousReads { return nil }
            throw Problem.unauthenticated("this endpoint needs a token with the \(role.rawValue) role")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem.unauthenticated("the Authorization header must be `Bearer <token>`")
        }
        let secret = Self.trimmingSpaces(parts[1])
        guard let token = try await verify(secret) else {
            throw Problem.unauthenticated("the token is not valid (unknown or revoked)")
        }
        guard token.role.allows(role) else {
            throw Problem.forbidden("the token \(token.name) has the \(token.role.rawValue) role; this needs \(role.rawValue)")
        }
        return token
    }

    /// The text without leading or trailing spaces and tabs (Foundation's `.whitespaces`: any
    /// space separator, and tab), looked at only where they can be: at the ends.
    static func trimmingSpaces(_ text: Substring) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        // A token as clients send it (printable ASCII at both ends) needs no scalar-by-scalar copy.
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return String(text)
        }
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        var trimmed = String.UnicodeScalarView()
        trimmed.append(contentsOf: scalars)
        return String(trimmed)
    }

    /// Forgets a revoked token at once.
    func forget(tokenNamed name: String) {
        remembered.withLock { entries in entries = entries.filter { $0.value.token.name.lowercased() != name.lowercased() } }
    }

    private func verify(_ secret: String) async throws -> AccessToken? {
        let now = ContinuousClock.now
        if let hit = remembered.withLock({ $0[secret] }), hit.expires > now { return hit.token }
        guard let token = try await tokens.authenticate(secret: secret) else {
            remembered.withLock { _ = $0.removeValue(forKey: secret) }
            return nil
        }
        let expires = now.advanced(by: .milliseconds(Int(configuration.tokenCacheSeconds * 1000)))
        remembered.withLock { entries in
            // Bounded: a flood of distinct valid tokens cannot grow it without limit.
            if entries.count > 10_000 { entries.removeAll() }
            entries[secret] = Remembered(token: token, expires: expires)
        }
        return token
    }
}
