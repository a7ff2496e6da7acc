import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to 127.0.0.1, for sending exactly the bytes a test chooses (a request
/// cut off after one header) and watching whether the service closes it. Non-blocking: waiting
/// polls between short sleeps, so no cooperative thread is held.
final class RawSocket: Sendable {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LiveTestError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw LiveTestError("connect to 127.0.0.1:\(port): \(reason)")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(descriptor) }

    /// Sends `text` whole.
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw LiveTestError("send: \(String(cString: strerror(errno)))") }
            sent += written
        }
    }

    /// What happened while waiting: the bytes received, and when the service closed the
    /// connection (nil if it stayed open for the whole wait).
    struct Outcome {
        var received: Data
        var closedAfter: Duration?
        var text: String { String(decoding: received, as: UTF8.self) }
    }

    /// Reads until the service closes the connection or `limit` passes; with `until`, stops early
    /// once the bytes received contain that text.
    func watch(for limit: Duration, until marker: String? = nil) async -> Outcome {
        let started = ContinuousClock.now
        var outcome = Outcome(received: Data(), closedAfter: nil)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now - started < limit {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                outcome.received.append(contentsOf: buffer[0..<count])
                if let marker, outcome.text.contains(marker) { return outcome }
                continue
            }
            if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                // End of stream or a reset: either way the service closed the connection.
                outcome.closedAfter = ContinuousClock.now - started
                return outcome
            }
            try? await Task.sleep(for: .milliseconds(25))
        }
        // A sleep that overran the limit (a starved test process) must not report a connection
        // the service had closed meanwhile as open: one last look says when it was seen closed.
        var last: UInt8 = 0
        let count = recv(descriptor, &last, 1, Int32(MSG_PEEK))
        if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            outcome.closedAfter = ContinuousClock.now - started
        }
        return outcome
    }
}
