public import Hummingbird
import Logging
public import NIOCore

/// The per-request state the service keeps beside Hummingbird's: the request id the logs and
/// `X-Request-ID` share.
public struct APIRequestContext: RemoteAddressRequestContext {
    /// Hummingbird's own state (logger, route, path parameters).
    public var coreContext: CoreRequestContextStorage
    /// The client's `X-Request-ID` when it sent a usable one, else one made here.
    public var requestID: String = ""
    /// A Chancery-Read-After header that is not a log position, refused once the request is
    /// authorized (an unauthenticated request gets its 401 first).
    var malformedReadAfter: String?
    /// The connected client's address (the proxy's, behind one); the web sign-in throttle counts by it.
    public let remoteAddress: SocketAddress?

    /// Creates the context for a new request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
