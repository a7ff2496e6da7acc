import ChanceryModel
import NIOCore
import Synchronization

/// The last body written for each network over the whole register, by level, copies and format.
/// The service serves a network kept between requests as the same value while the register is
/// unchanged (`KeptNetworks`), and writing its 37,000 edges took 65 ms of a 66-ms request at a
/// million letters (JSON; 35 ms as DOT or GEXF). A network is the one last written when it
/// shares that one's storage (immediate), or else when every name and number in it has the same
/// bytes: Swift's `==` on strings would call a name renamed from one Unicode form to another
/// the same, and the body would keep the old bytes. Requests that find no body for their network
/// write it once: the first writes, the others wait for it (a body takes up to 35 ms of a thread
/// of the cooperative pool, which has one per CPU).
final class RenderedNetworks: Sendable {
    struct Key: Hashable {
        var level: NetworkLevel
        var includeCC: Bool
        var format: String
    }

    private struct Entry {
        var network: CorrespondenceNetwork
        var body: ByteBuffer
        var lastUsed: Int
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// The keys whose body a request is writing, and the requests waiting for it.
        var writing: [Key: [CheckedContinuation<Void, Never>]] = [:]
        var clock = 0
        var heldBytes: Int { entries.values.reduce(0) { $0 + $1.body.readableBytes } }
    }

    /// Bytes of bodies held at most, in all (the networks they were written from are held too,
    /// at about the same size): the least recently used go first, and a larger body is written
    /// for every request.
    let byteBudget: Int
    private let state = Mutex(State())

    init(byteBudget: Int = 16 << 20) { self.byteBudget = byteBudget }

    /// The body `render` writes for `network`, or the one written last time for the same network.
    func body(for key: Key, of network: CorrespondenceNetwork, render: () throws -> ByteBuffer) async rethrows -> ByteBuffer {
        while true {
            let last = state.withLock { state -> Entry? in
                state.clock += 1
                state.entries[key]?.lastUsed = state.clock
                return state.entries[key]
            }
            if let last, Self.sameBytes(last.network, network) { return last.body }
            let writesItself = state.withLock { state in
                guard state.writing[key] == nil else { return false }
                state.writing[key] = []
                return true
            }
            if writesItself { break }
            // Another request is writing this key's body: it is likely this network's; look again after.
            await withCheckedContinuation { (waiting: CheckedContinuation<Void, Never>) in
                let stillWriting = state.withLock { state in
                    guard state.writing[key] != nil else { return false }
                    state.writing[key]!.append(waiting)
                    return true
                }
                if !stillWriting { waiting.resume() }
            }
        }
        let waiting = { () -> [CheckedContinuation<Void, Never>] in self.state.withLock { $0.writing.removeValue(forKey: key) ?? [] } }
        let body: ByteBuffer
        do {
            body = try render()
        } catch {
            for request in waiting() { request.resume() }
            throw error
        }
        // What is replaced or let go is returned, so that it is freed outside the lock.
        let released = state.withLock { state -> [Entry] in
            var released = state.entries.removeValue(forKey: key).map { [$0] } ?? []
            guard body.readableBytes <= byteBudget else { return released }
            state.clock += 1
            state.entries[key] = Entry(network: network, body: body, lastUsed: state.clock)
            while state.heldBytes > byteBudget,
                  let oldest = state.entries.filter({ $0.key != key }).min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
                released.append(state.entries.removeValue(forKey: oldest)!)
            }
            return released
        }
        _ = released
        for request in waiting() { request.resume() }
        return body
    }

    static func sameBytes(_ one: CorrespondenceNetwork, _ other: CorrespondenceNetwork) -> Bool {
        guard one.level == other.level, one.nodes.count == other.nodes.count, one.edges.count == other.edges.count else { return false }
        func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
        func same(_ a: String?, _ b: String?) -> Bool {
            switch (a, b) {
            case (nil, nil): true
            case let (a?, b?): same(a, b)
            default: false
            }
        }
        let sharedNodes = one.nodes.withUnsafeBufferPointer { a in other.nodes.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
        let sharedEdges = one.edges.withUnsafeBufferPointer { a in other.edges.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
        let nodesSame = sharedNodes || zip(one.nodes, other.nodes).allSatisfy { a, b in
            same(a.id, b.id) && same(a.label, b.label) && same(a.kind, b.kind) && same(a.country, b.country)
        }
        return nodesSame && (sharedEdges || zip(one.edges, other.edges).allSatisfy { a, b in
            same(a.source, b.source) && same(a.target, b.target) && a.weight == b.weight
        })
    }
}
