import ChanceryModel
import NIOCore
import Synchronization

/// The last body written for each network over the whole register, by level, copies and format.
/// The service serves a network kept between requests as the same value while the register is
/// unchanged (`KeptNetworks`), and writing its 37,000 edges took 65 ms of a 66-ms request at a
/// million letters (JSON; 35 ms as DOT or GEXF). Comparing it with the network last written is
/// immediate when it is that network (the arrays share their storage) and at worst costs one
/// pass over the edges.
final class RenderedNetworks: Sendable {
    struct Key: Hashable {
        var level: NetworkLevel
        var includeCC: Bool
        var format: String
    }

    /// Bodies larger than this are written for every request: a few formats of a network of
    /// actors must not hold the service's memory.
    let largestBody: Int
    private let bodies = Mutex<[Key: (network: CorrespondenceNetwork, body: ByteBuffer)]>([:])

    init(largestBody: Int = 8 << 20) { self.largestBody = largestBody }

    /// The body `render` writes for `network`, or the one it wrote last time for the same network.
    func body(for key: Key, of network: CorrespondenceNetwork, render: () throws -> ByteBuffer) rethrows -> ByteBuffer {
        let last = bodies.withLock { $0[key] }
        if let last, last.network == network { return last.body }
        let body = try render()
        guard body.readableBytes <= largestBody else { return body }
        // The entry replaced is freed outside the lock.
        let replaced = bodies.withLock { $0.updateValue((network, body), forKey: key) }
        _ = replaced
        return body
    }
}
