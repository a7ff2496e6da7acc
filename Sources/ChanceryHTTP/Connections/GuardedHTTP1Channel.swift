import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 channel with deadlines for request heads and bodies
/// (``RequestDeadline``), which Hummingbird does not have; its own idle timeout closes idle
/// keep-alive connections.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http1: HTTP1Channel
    let limits: RequestTimeLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            guard limits.head != nil || limits.body != nil else { return value }
            let pipeline = channel.pipeline.syncOperations
            let deadline = RequestDeadline(limits: limits, logger: logger)
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(RequestPartWatcher(deadline: deadline), position: .after(decoder))
            try pipeline.addHandler(RequestStartWatcher(deadline: deadline), position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 that closes connections whose requests arrive slower than `limits` allow and
    /// keep-alive connections idle for longer than `idleTimeout`.
    static func guardedHTTP1(limits: RequestTimeLimits, idleTimeout: TimeAmount?) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedHTTP1Channel(http1: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout)),
                                limits: limits)
        }
    }
}
