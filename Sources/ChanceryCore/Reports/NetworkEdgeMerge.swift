import ChanceryModel

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
        a.source.utf8.lexicographicallyPrecedes(b.source.utf8)
            || (a.source.utf8.elementsEqual(b.source.utf8) && a.target.utf8.lexicographicallyPrecedes(b.target.utf8))
    }

    /// `edges` (each pair once) in the byte order of their ends: as given when they already are,
    /// as the database's collation usually gives them.
    static func inByteOrder(_ edges: [NetworkEdge]) -> [NetworkEdge] {
        let ordered = zip(edges, edges.dropFirst()).allSatisfy { precedes($0, $1) }
        return ordered ? edges : edges.sorted(by: precedes)
    }
}
