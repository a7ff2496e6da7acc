public import ChanceryCore

/// How the HTTP service runs: where it listens and the limits it enforces.
public struct APIConfiguration: Sendable {
    /// The address to listen on; loopback unless the operator opens it up.
    public var host: String = "127.0.0.1"
    /// The TCP port (0 picks a free one).
    public var port: Int = 8080
    /// The largest request body accepted, in bytes (413 beyond it).
    public var maximumBodySize: Int = 1 << 20
    /// The largest file an import may send, in bytes (413 beyond it): streamed to disk as it
    /// arrives, not held in memory, so it may be far larger than other bodies (the web import
    /// page takes as much).
    public var maximumImportSize: Int = 64 << 20
    /// Whether requests without a token may read (never write).
    public var allowsAnonymousReads: Bool = false
    /// How long a verified token is trusted before it is looked up again, in seconds: a token
    /// revoked through another process stops working within this time; one revoked through
    /// this service stops at once.
    public var tokenCacheSeconds: Double = 10
    /// Seconds a client is told to wait (Retry-After) when the database is unavailable.
    public var retryAfterSeconds: Int = 2
    /// Seconds a request's line and headers may take from its first byte before the connection
    /// is closed, so slow clients cannot hold connections open (nginx's client_header_timeout is 60);
    /// 0 waits for ever.
    public var headerTimeoutSeconds: Double = 60
    /// Seconds a request body may take from the end of its head, before the bytes received extend
    /// it (a second per `bodyMinimumBytesPerSecond`); 0 waits for ever. Against bodies sent a
    /// byte at a time, like Apache's mod_reqtimeout `body=20,MinRate=…`.
    public var bodyTimeoutSeconds: Double = 20
    /// The slowest rate, in bytes a second, at which a body keeps earning time.
    public var bodyMinimumBytesPerSecond: Int = 1024
    /// Seconds a connection may sit idle (between requests, or a request that stops sending)
    /// before it is closed (nginx's keepalive_timeout is 75); 0 waits for ever.
    public var idleTimeoutSeconds: Double = 75
    /// How long a web sign-in lasts, in seconds (twelve hours).
    public var sessionLifetimeSeconds: Int = 12 * 3600
    /// How failed web sign-ins are slowed and then refused.
    public var signInPolicy = SignInPolicy()

    /// The defaults: 127.0.0.1:8080, 1 MiB bodies, no anonymous reads, 60 s for headers, 75 s idle.
    public init() {}
}
