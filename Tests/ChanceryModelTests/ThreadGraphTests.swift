@testable import ChanceryModel
import EDTF
import Testing

@Suite("Thread graph")
struct ThreadGraphTests {
    /// Letters 1…n in date order.
    private func graph(_ links: [ThreadLink], letters: Int) -> ThreadGraph {
        ThreadGraph(links: Set(links), rank: Dictionary(uniqueKeysWithValues: (1...letters).map { (Int64($0), $0) }))
    }

    @Test("the root climbs replies to the earliest letter answered, then the covering letter")
    func rootClimbsRepliesThenCoveringLetter() {
        // 3 answers 2 and 1; 2 answers 1; 4 encloses 1.
        let graph = graph([ThreadLink(letter: 3, kind: .replyTo, target: 2), ThreadLink(letter: 3, kind: .replyTo, target: 1),
                           ThreadLink(letter: 2, kind: .replyTo, target: 1), ThreadLink(letter: 4, kind: .encloses, target: 1)],
                          letters: 4)
        #expect(graph.root(from: 3) == 4)
        #expect(graph.root(from: 1) == 4)
        let tree = graph.tree(from: 4)
        #expect(tree[4]?.map(\.id) == [1])
        #expect(tree[4]?.first?.relation == .enclosure)
        #expect(tree[1]?.map(\.id) == [2, 3])
        #expect(tree[1]?.map(\.relation) == [.reply, .reply])
        #expect(tree[2] == nil || tree[2]!.isEmpty)
    }

    @Test("cycles end the climb and the tree places each letter once")
    func cycles() {
        let graph = graph([ThreadLink(letter: 1, kind: .replyTo, target: 2), ThreadLink(letter: 2, kind: .replyTo, target: 3),
                           ThreadLink(letter: 3, kind: .replyTo, target: 1)], letters: 3)
        let root = graph.root(from: 1)
        #expect([1, 2, 3].contains(root))
        let tree = graph.tree(from: root)
        let placed = tree.values.flatMap { $0.map(\.id) }
        #expect(placed.count == 2 && Set(placed + [root]) == [1, 2, 3])
    }

    @Test("mentions are leaves: a letter reached only through a mention is not followed further")
    func mentionsAreLeaves() {
        let graph = graph([ThreadLink(letter: 2, kind: .refersTo, target: 1), ThreadLink(letter: 3, kind: .replyTo, target: 2)],
                          letters: 3)
        let tree = graph.tree(from: 1)
        #expect(tree[1]?.map(\.id) == [2])
        #expect(tree[1]?.first?.relation == .mentioning)
        #expect(tree[2] == nil)
    }

    @Test("links to letters outside the thread (past its limit) are ignored")
    func linksOutsideIgnored() {
        let graph = ThreadGraph(links: [ThreadLink(letter: 2, kind: .replyTo, target: 1), ThreadLink(letter: 9, kind: .replyTo, target: 2)],
                                rank: [1: 0, 2: 1])
        #expect(graph.root(from: 2) == 1)
        #expect(graph.tree(from: 1)[2] == nil)
    }
}
