/// One row of letter_link: `letter` <kind> `target`.
package struct ThreadLink: Hashable, Sendable {
    package let letter: Int64
    let kind: LetterLinkKind
    package let target: Int64

    /// Creates a value from its parts.
    package init(letter: Int64, kind: LetterLinkKind, target: Int64) {
        self.letter = letter
        self.kind = kind
        self.target = target
    }
}

/// The letters around one letter and the links between them, in memory: picks the thread's root
/// and spans a tree over the links. Pure, so cycles and odd shapes are testable without a database.
package struct ThreadGraph {
    /// The links, each once.
    let links: Set<ThreadLink>
    /// Each letter's place in date order (earliest first); only letters listed here are used.
    let rank: [Int64: Int]

    /// The root of the thread around `start`: climb to the earliest letter it answers, else the
    /// earliest letter enclosing it, and repeat. The visited set stops at a cycle, so a thread
    /// whose reply links loop (A answers B answers A) still has a root.
    package func root(from start: Int64) -> Int64 {
        var current = start
        var visited: Set<Int64> = [start]
        while true {
            let answered = links.filter { $0.letter == current && $0.kind == .replyTo }.map(\.target)
            let covering = links.filter { $0.target == current && $0.kind == .encloses }.map(\.letter)
            let candidates = (earliest(answered, excluding: visited).map { [$0] } ?? [])
                + (earliest(covering, excluding: visited).map { [$0] } ?? [])
            guard let parent = candidates.first else { return current }
            visited.insert(parent)
            current = parent
        }
    }

    /// A breadth-first spanning tree from `root`: each letter appears once, under the first
    /// letter (nearest the root, then earliest) that links to it. Children are in date order.
    package func tree(from root: Int64) -> [Int64: [(id: Int64, relation: ThreadRelation)]] {
        var children: [Int64: [(id: Int64, relation: ThreadRelation)]] = [:]
        var placed: Set<Int64> = [root]
        var queue = [root]
        var index = 0
        while index < queue.count {
            let parent = queue[index]
            index += 1
            for neighbour in neighbours(of: parent) where !placed.contains(neighbour.id) {
                placed.insert(neighbour.id)
                children[parent, default: []].append(neighbour)
                if neighbour.relation.isStructural { queue.append(neighbour.id) }
            }
        }
        return children
    }

    /// The letters linked to `id`, read from `id`'s side, in date order; the structural links
    /// first, so a letter both enclosed and mentioned is placed as the enclosure.
    func neighbours(of id: Int64) -> [(id: Int64, relation: ThreadRelation)] {
        var found: [(id: Int64, relation: ThreadRelation)] = []
        for link in links {
            if link.target == id, rank[link.letter] != nil {
                found.append((link.letter, Self.relation(ofLinking: link.kind)))
            } else if link.letter == id, rank[link.target] != nil {
                found.append((link.target, Self.relation(ofLinked: link.kind)))
            }
        }
        return found.sorted { a, b in
            if a.relation.isStructural != b.relation.isStructural { return a.relation.isStructural }
            if rank[a.id]! != rank[b.id]! { return rank[a.id]! < rank[b.id]! }
            return ThreadRelation.allCases.firstIndex(of: a.relation)! < ThreadRelation.allCases.firstIndex(of: b.relation)!
        }
    }

    /// The relation of a letter holding a link of `kind` to its parent, the link's target.
    static func relation(ofLinking kind: LetterLinkKind) -> ThreadRelation {
        switch kind {
        case .replyTo: return .reply
        case .encloses: return .coveringLetter
        case .forwards: return .forwarding
        case .refersTo: return .mentioning
        }
    }

    /// The relation of a link's target to its parent, the letter holding a link of `kind`.
    static func relation(ofLinked kind: LetterLinkKind) -> ThreadRelation {
        switch kind {
        case .replyTo: return .answered
        case .encloses: return .enclosure
        case .forwards: return .forwarded
        case .refersTo: return .referenced
        }
    }

    private func earliest(_ ids: [Int64], excluding visited: Set<Int64>) -> Int64? {
        ids.filter { !visited.contains($0) && rank[$0] != nil }.min { rank[$0]! < rank[$1]! }
    }

    /// Creates a value from its parts.
    package init(links: Set<ThreadLink>, rank: [Int64: Int]) {
        self.links = links
        self.rank = rank
    }
}
