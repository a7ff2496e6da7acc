import Logging
import NIOCore
import NIOHTTP1

/// How long a request may take to arrive: its head from its first byte, and its body from the end
/// of its head, plus a moment for every byte, so that big uploads at a fair rate finish.
struct RequestTimeLimits {
    /// How long a request's line and headers may take from its first byte; nil waits for ever.
    var head: TimeAmount?
    /// How long a request's body may take from the end of its head before its bytes extend the
    /// deadline; nil waits for ever.
    var body: TimeAmount?
    /// Every this many body bytes received extend the body's deadline by a second.
    var bodyBytesPerSecond: Int = 1024
}

/// Closes a connection whose request does not arrive in time. A client that sends a request line
/// and one header and then waits, or a body one byte a second, would otherwise hold the connection
/// for ever, and a few hundred such clients hold every connection the service can take (a
/// slowloris). Between requests the connection is idle, not slow: that is the idle timeout's
/// business (`HTTP1Channel.Configuration.idleTimeout`).
///
/// Two handlers share one deadline: ``RequestStartWatcher`` sees the raw bytes (a request has
/// started), ``RequestPartWatcher`` the decoded parts (its head is complete; body bytes arrive;
/// its end makes the next bytes a new request). Both run on the channel's event loop, and so
/// does the deadline.
final class RequestDeadline {
    private enum Phase { case betweenRequests, head, body }

    private let limits: RequestTimeLimits
    private let logger: Logger
    private var phase = Phase.betweenRequests
    private var deadline = NIODeadline.distantFuture
    private var scheduled: Scheduled<Void>?

    init(limits: RequestTimeLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    /// Bytes arrived: between requests, they start one.
    func bytesArrived(context: ChannelHandlerContext) {
        guard phase == .betweenRequests else { return }
        phase = .head
        if let head = limits.head { deadline = .now() + head }
    }

    /// Body bytes were decoded: they earn the body time. Counted from the decoded parts, not the
    /// raw reads, so that the body bytes read together with the head earn theirs too (a client
    /// sending the head and its first KiB at once, then stalled by a loaded machine, was cut off
    /// a second after the head).
    func bodyArrived(_ count: Int) {
        guard phase == .body, limits.body != nil else { return }
        let earned = Int64(count) * 1_000_000_000 / Int64(max(1, limits.bodyBytesPerSecond))
        deadline = deadline + .nanoseconds(earned)
    }

    /// The request's head is complete: its body, if any, must follow in time.
    func headArrived(context: ChannelHandlerContext) {
        cancel()
        phase = .body
        if let body = limits.body { deadline = .now() + body }
    }

    /// A read from the socket is done. Only a request still arriving needs its check scheduled:
    /// most arrive whole in one read, and then no timer is set and cancelled for them at all.
    func readCompleted(context: ChannelHandlerContext) {
        guard phase != .betweenRequests, scheduled == nil, deadline != .distantFuture else { return }
        schedule(context.eventLoop, channel: context.channel, part: phase == .head ? "headers" : "body")
    }

    /// The request was read to its end: the next bytes start another.
    func requestEnded() {
        cancel()
        phase = .betweenRequests
    }

    /// The connection closed or the handlers left the pipeline.
    func cancel() {
        scheduled?.cancel()
        scheduled = nil
        deadline = .distantFuture
    }

    /// Checks at the deadline; bytes that arrived meanwhile have moved it, and the check follows.
    private func schedule(_ eventLoop: any EventLoop, channel: any Channel, part: String) {
        scheduled = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            if NIODeadline.now() < deadline {
                schedule(eventLoop, channel: channel, part: part)
                return
            }
            logger.info("closing a connection whose request \(part) did not arrive in time",
                        metadata: ["remote": .string(channel.remoteAddress?.description ?? "unknown")])
            scheduled = nil
            channel.close(promise: nil)
        }
    }
}

/// Starts the deadline when a request's first bytes arrive; first in the pipeline.
final class RequestStartWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let deadline: RequestDeadline

    init(deadline: RequestDeadline) { self.deadline = deadline }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadline.bytesArrived(context: context)
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // After the parts of this read went down the pipeline, so a request they completed has
        // already moved the deadline on.
        context.fireChannelReadComplete()
        deadline.readCompleted(context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline.cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline.cancel()
    }
}

/// Moves the deadline from head to body to the next request as the decoder reads the parts, and
/// lets body bytes earn time; right after the decoder.
final class RequestPartWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    private let deadline: RequestDeadline

    init(deadline: RequestDeadline) { self.deadline = deadline }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: deadline.headArrived(context: context)
        case .body(let bytes): deadline.bodyArrived(bytes.readableBytes)
        case .end: deadline.requestEnded()
        }
        context.fireChannelRead(data)
    }
}
