import ChanceryModel
import Foundation

extension NetworkEdge {
    /// `edges` with each pair in `changed` put in its place, or taken out where its weight is
    /// nought. Both are in the order of their ends, compared as bytes (the order of a network of
    /// states: ISO codes are capital letters); `changed` is short, so the runs of `edges` between
    /// its pairs are copied whole.
    static func merging(_ edges: [NetworkEdge], with changed: [NetworkEdge]) -> (edges: [NetworkEdge], removedAny: Bool) {
        var merged: [NetworkEdge] = []
        merged.reserveCapacity(edges.count + changed.count)
        var removedAny = false
        var next = edges.startIndex
        for edge in changed {
            // The first of the remaining edges not before this pair.
            var low = next, high = edges.endIndex
            while low < high {
                let middle = (low + high) / 2
                if precedes(edges[middle], edge) { low = middle + 1 } else { high = middle }
            }
            merged.append(contentsOf: edges[next..<low])
            next = low
            let replaces = next < edges.endIndex && !precedes(edge, edges[next])
            if replaces { next += 1 }
            if edge.weight > 0 { merged.append(edge) } else if replaces { removedAny = true }
        }
        merged.append(contentsOf: edges[next...])
        return (merged, removedAny)
    }

    /// Whether `a` comes before `b` in the byte order of their ends.
    static func precedes(_ a: NetworkEdge, _ b: NetworkEdge) -> Bool {
        let sources = byteOrder(a.source, b.source)
        return sources < 0 || (sources == 0 && byteOrder(a.target, b.target) < 0)
    }

    /// Negative, zero or positive as `a`'s UTF-8 bytes come before, equal or after `b`'s: a
    /// comparison of their storage (a network of states checks 37,000 pairs on each reading).
    private static func byteOrder(_ a: String, _ b: String) -> Int {
        let compared = a.utf8.withContiguousStorageIfAvailable { first in
            b.utf8.withContiguousStorageIfAvailable { second -> Int in
                let common = min(first.count, second.count)
                let order = common == 0 ? 0 : memcmp(first.baseAddress!, second.baseAddress!, common)
                return order != 0 ? Int(order) : first.count - second.count
            }
        }
        if let compared = compared ?? nil { return compared }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : a.utf8.elementsEqual(b.utf8) ? 0 : 1
    }

    /// `edges` (each pair once) in the byte order of their ends: as given when they already are,
    /// as the database's collation usually gives them.
    static func inByteOrder(_ edges: [NetworkEdge]) -> [NetworkEdge] {
        let ordered = zip(edges, edges.dropFirst()).allSatisfy { precedes($0, $1) }
        return ordered ? edges : edges.sorted(by: precedes)
    }
}
