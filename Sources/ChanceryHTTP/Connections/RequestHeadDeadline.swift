import Logging
import NIOCore
import NIOHTTP1

/// Closes a connection whose request head (request line and headers) is not complete within
/// `timeout` of the request's first byte. A client that sends a request line and one header and
/// then waits would otherwise hold the connection for ever, and a few hundred such clients hold
/// every connection the service can take (a slowloris). Between requests the connection is
/// idle, not slow: that is the idle timeout's business (`HTTP1Channel.Configuration.idleTimeout`).
///
/// Two handlers share one deadline: ``RequestStartWatcher`` sees the raw bytes (a request has
/// started), ``RequestHeadWatcher`` the decoded parts (its head is complete; its end makes the
/// next bytes a new request). Both run on the channel's event loop, and so does the deadline.
final class RequestHeadDeadline {
    private let timeout: TimeAmount
    private let logger: Logger
    private var scheduled: Scheduled<Void>?
    /// True from the connection's start, and from the end of each request to the next's head.
    private var betweenRequests = true

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    /// Bytes arrived: when they start a request, its head must be complete within the timeout.
    func bytesArrived(context: ChannelHandlerContext) {
        guard betweenRequests, scheduled == nil else { return }
        let channel = context.channel
        let logger = logger
        scheduled = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            logger.info("closing a connection whose request headers did not arrive in time",
                        metadata: ["remote": .string(channel.remoteAddress?.description ?? "unknown")])
            channel.close(promise: nil)
        }
    }

    /// The request's head is complete.
    func headArrived() {
        betweenRequests = false
        cancel()
    }

    /// The request was read to its end: the next bytes start another.
    func requestEnded() {
        betweenRequests = true
    }

    /// The connection closed or the handlers left the pipeline.
    func cancel() {
        scheduled?.cancel()
        scheduled = nil
    }
}

/// Starts the head deadline when a request's first bytes arrive; first in the pipeline.
final class RequestStartWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let deadline: RequestHeadDeadline

    init(deadline: RequestHeadDeadline) { self.deadline = deadline }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadline.bytesArrived(context: context)
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline.cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline.cancel()
    }
}

/// Stops the head deadline when the decoder has read a whole head; right after the decoder.
final class RequestHeadWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    private let deadline: RequestHeadDeadline

    init(deadline: RequestHeadDeadline) { self.deadline = deadline }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: deadline.headArrived()
        case .body: break
        case .end: deadline.requestEnded()
        }
        context.fireChannelRead(data)
    }
}
