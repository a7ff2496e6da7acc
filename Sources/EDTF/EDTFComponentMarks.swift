/// A component of a date, for Level 2 qualification of single components (`2004-06?-11`).
public enum EDTFComponent: String, Sendable, Hashable, CaseIterable, Comparable {
    case year
    case month
    case day

    /// Written order: year, month, day.
    public static func < (lhs: EDTFComponent, rhs: EDTFComponent) -> Bool {
        lhs.index < rhs.index
    }

    /// The position in a date, 0 for the year.
    var index: Int {
        switch self {
        case .year: 0
        case .month: 1
        case .day: 2
        }
    }
}

/// Where Level 2 qualifiers sit inside one date, kept as written so the expression round-trips.
///
/// Index 0 is the year, 1 the month, 2 the day. The mark after the last component is not kept
/// here but in `EDTFPoint.qualifier`, because it qualifies the whole date (Level 1 reads it so).
struct EDTFComponentMarks: Sendable, Hashable {
    /// A mark written before the component (`?2004`): it qualifies that component alone.
    var before: [EDTFQualifier?] = [nil, nil, nil]
    /// A mark written after a component that is not the last (`2004?-06`): it qualifies that
    /// component and every one before it.
    var after: [EDTFQualifier?] = [nil, nil, nil]

    var isEmpty: Bool {
        before.allSatisfy { $0 == nil } && after.allSatisfy { $0 == nil }
    }

    /// The components the marks (and the trailing whole-date mark) qualify in the given way.
    func components(
        where test: (EDTFQualifier) -> Bool, trailing: EDTFQualifier?, count: Int
    ) -> Set<EDTFComponent> {
        var result: Set<EDTFComponent> = []
        let all = Array(EDTFComponent.allCases.prefix(count))
        for index in all.indices {
            let coveredByLater = after[index...].contains { $0.map(test) ?? false }
            let covered = before[index].map(test) ?? false
            if covered || coveredByLater || (trailing.map(test) ?? false) {
                result.insert(all[index])
            }
        }
        return result
    }

    /// The components qualified by component marks alone (not the trailing mark), for the human form.
    func markedComponents(count: Int) -> (uncertain: Set<EDTFComponent>, approximate: Set<EDTFComponent>) {
        (
            components(where: \.isUncertain, trailing: nil, count: count),
            components(where: \.isApproximate, trailing: nil, count: count)
        )
    }
}
