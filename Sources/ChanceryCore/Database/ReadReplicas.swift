import ChanceryModel
public import Foundation
import LibPQClient

/// Hot standbys that serve reads (`--read-url`, `DATABASE_READ_URL`): listings, letters, reports,
/// search and the web pages read there; writes, and reads inside a use case that writes, stay
/// on the primary. See ``StandbyReads`` for how one is chosen.
public struct ReadReplicas: Sendable {
    /// The standbys, in the order given (named standby-1, standby-2, … in the metrics).
    public var servers: [DatabaseServer]
    package var settings: StandbyReads.Settings

    /// None: every read goes to the primary.
    public init() {
        servers = []
        settings = .init()
    }

    /// Standbys at `urls` (libpq URLs or conninfo strings), skipped when their replay lags more
    /// than `maximumLagSeconds`; a read bound to a commit position waits up to
    /// `catchUpWaitMilliseconds` for one to replay it before the primary serves it.
    public init(urls: [String], maximumLagSeconds: Double = 5, catchUpWaitMilliseconds: Int = 500) throws {
        servers = []
        for url in urls where !url.isEmpty {
            let configuration = PostgresConfiguration(conninfo: url)
            do {
                _ = try configuration.parsedOptions()
            } catch let error as PostgresError {
                throw ChanceryError.invalid("read-url", "'\(url)' is not a PostgreSQL URL or connection string: \(error.message)",
                                            hint: "Write it as DATABASE_URL is written, e.g. postgresql://standby.example/chancery.")
            }
            servers.append(DatabaseServer(configuration: configuration))
        }
        guard maximumLagSeconds.isFinite, maximumLagSeconds >= 0 else {
            throw ChanceryError.invalid("max-replica-lag", "the lag limit must be 0 or more seconds", hint: "Give seconds, e.g. 5.")
        }
        guard catchUpWaitMilliseconds >= 0 else {
            throw ChanceryError.invalid("replica-wait", "the wait must be 0 or more milliseconds", hint: "Give milliseconds, e.g. 500.")
        }
        settings = .init()
        settings.maximumLagSeconds = maximumLagSeconds
        settings.catchUpWait = .milliseconds(catchUpWaitMilliseconds)
    }

    /// `DATABASE_READ_URL`: one or more URLs separated by spaces (a multi-host URL counts as one:
    /// libpq picks one of its hosts).
    public static func urls(fromEnvironment environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        (environment["DATABASE_READ_URL"] ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
