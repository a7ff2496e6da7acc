/// Parsing of Level 2 sets: `[a,b]`, `{a,b}`, with `..` ranges as members.
extension EDTFParser {
    /// The whole input as a set; the caller has seen `[` or `{` first.
    func parseSet() throws(EDTFError) -> EDTFSet {
        let kind: EDTFSetKind = characters[0] == "[" ? .oneOf : .allOf
        let closing: Character = kind == .oneOf ? "]" : "}"
        guard characters.count > 1, characters.last == closing else {
            throw failure("a set opened with '\(characters[0])' must end with '\(closing)'", at: characters.count - 1)
        }
        let inner = 1..<(characters.count - 1)
        guard !inner.isEmpty else {
            throw failure("a set needs at least one member", at: 1)
        }
        if let index = characters[inner].firstIndex(where: { "[]{}/".contains($0) }) {
            // Nested sets and intervals inside sets are Level 2 combinations the register cannot store as one range.
            throw unexpectedCharacter(at: index)
        }
        var members: [EDTFSet.Member] = []
        var start = inner.lowerBound
        for index in inner.lowerBound...inner.upperBound where index == inner.upperBound || characters[index] == "," {
            guard index > start else {
                throw failure("empty set member", at: index)
            }
            members.append(try parseMember(in: start..<index))
            start = index + 1
        }
        return EDTFSet(kind: kind, members: members)
    }

    /// One member: a date, or a range `a..b`, `..b`, `a..`.
    private func parseMember(in range: Range<Int>) throws(EDTFError) -> EDTFSet.Member {
        guard let dots = range.dropLast().first(where: { characters[$0] == "." && characters[$0 + 1] == "." }) else {
            return .point(try parsePoint(in: range))
        }
        let startRange = range.lowerBound..<dots
        let endRange = (dots + 2)..<range.upperBound
        let start = startRange.isEmpty ? nil : try parsePoint(in: startRange)
        let end = endRange.isEmpty ? nil : try parsePoint(in: endRange)
        if start == nil && end == nil {
            throw failure("a range in a set needs at least one end", at: dots)
        }
        if let first = start?.earliest, let last = end?.latest, first > last {
            throw failure("range ends before it starts", at: dots)
        }
        return .range(start, end)
    }
}
