/// How repeated failed sign-ins are slowed and then refused. Failures are counted over a sliding
/// window, per account and per client address, in the database, so every `serve` process counts
/// the same ones. While an account or address is refused, attempts are not counted, so a lock
/// ends a window after the failures that caused it.
public struct SignInPolicy: Sendable {
    /// How far back failures count.
    public var windowSeconds: Int
    /// Failures for one account within the window after which it is refused.
    public var accountLimit: Int
    /// Failures from one client address within the window after which it is refused (higher:
    /// several people may share an address).
    public var clientLimit: Int
    /// The pause added to each refused attempt per earlier failure, capped at five of them.
    public var delayPerFailure: Duration

    /// Fifteen minutes; 5 failures per account, 20 per address; a second's pause per failure.
    public init(windowSeconds: Int = 900, accountLimit: Int = 5, clientLimit: Int = 20, delayPerFailure: Duration = .seconds(1)) {
        self.windowSeconds = windowSeconds
        self.accountLimit = accountLimit
        self.clientLimit = clientLimit
        self.delayPerFailure = delayPerFailure
    }

    /// The pause before answering a wrong password, after `failures` earlier ones.
    func delay(afterFailures failures: Int) -> Duration {
        delayPerFailure * min(max(failures, 0), 5)
    }
}
