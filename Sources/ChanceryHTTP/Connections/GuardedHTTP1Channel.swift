import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 channel with a deadline for request heads (``RequestHeadDeadline``),
/// which Hummingbird does not have; its own idle timeout closes idle keep-alive connections.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http1: HTTP1Channel
    /// How long a request's head may take from its first byte; nil waits for ever.
    let headerTimeout: TimeAmount?

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            guard let headerTimeout else { return value }
            let pipeline = channel.pipeline.syncOperations
            let deadline = RequestHeadDeadline(timeout: headerTimeout, logger: logger)
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(RequestHeadWatcher(deadline: deadline), position: .after(decoder))
            try pipeline.addHandler(RequestStartWatcher(deadline: deadline), position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 that closes connections whose request heads are slower than `headerTimeout` and
    /// keep-alive connections idle for longer than `idleTimeout`.
    static func guardedHTTP1(headerTimeout: TimeAmount?, idleTimeout: TimeAmount?) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedHTTP1Channel(http1: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout)),
                                headerTimeout: headerTimeout)
        }
    }
}
