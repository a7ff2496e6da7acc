import LibPQClient
public import ChanceryModel
/// Builds a letter's thread: what it answers up to the first letter, the replies, enclosures and
/// forwards around it, and the letters they mention.
public struct ThreadService: Sendable {
    let database: ChanceryDatabase
    /// At most this many letters in a thread; links past it are flagged (`hasMore`), not followed.
    let maximumLetters: Int

    /// Creates the service over a database.
    public init(database: ChanceryDatabase, maximumLetters: Int = 500) {
        self.database = database
        self.maximumLetters = max(1, maximumLetters)
    }

    /// The thread of the letter `ref`; an unknown reference is a not-found error with similar ones.
    public func thread(of ref: String) async throws -> LetterThread {
        try await database.replicaRead { connection in
            let requested = try await LetterLookup(connection: connection).id(of: ref, field: "ref")
            let collected = try await ThreadCollector(connection: connection, maximumLetters: maximumLetters).collect(around: requested)
            let letters = try await ThreadLetterReader(connection: connection).letters(Array(collected.letters))
            let graph = ThreadGraph(links: collected.links, rank: letters.rank)
            let root = graph.root(from: requested)
            let assembly = ThreadAssembly(tree: graph.tree(from: root), letters: letters.nodes, requested: requested,
                                          incomplete: collected.incomplete)
            return LetterThread(requested: letters.nodes[requested]!.ref, root: assembly.node(root, relation: nil),
                                truncated: !collected.incomplete.isEmpty)
        }
    }
}

/// Turns the spanning tree of ids into nested nodes.
private struct ThreadAssembly {
    package let tree: [Int64: [(id: Int64, relation: ThreadRelation)]]
    let letters: [Int64: ThreadNode]
    let requested: Int64
    let incomplete: Set<Int64>

    func node(_ id: Int64, relation: ThreadRelation?) -> ThreadNode {
        var node = letters[id]!
        node.relation = relation
        node.isRequested = id == requested
        node.hasMore = incomplete.contains(id)
        node.children = (tree[id] ?? []).map { self.node($0.id, relation: $0.relation) }
        return node
    }
}
