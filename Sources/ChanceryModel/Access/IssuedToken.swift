/// A token just issued, with its secret: the only time the secret exists outside the caller's
/// hands. Encodable so interfaces can print it once; deliberately not Decodable, so it cannot be
/// kept as an idempotent write's stored result (which would store the secret).
public struct IssuedToken: Sendable, Encodable {
    /// The stored token.
    public var token: AccessToken
    /// The bearer secret (`chancery_` and 43 base64url characters); shown once, never stored.
    public var secret: String

    /// Pairs a token with its secret.
    public init(token: AccessToken, secret: String) {
        self.token = token
        self.secret = secret
    }
}
