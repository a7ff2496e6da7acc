public import ChanceryModel
import EDTF

/// Wording every timeline format shares, so a date or a note reads the same in each.
extension UncertainDate {
    /// "day", "month range", "year, approx.", "month, uncertain": how finely the date is known.
    var precisionLabel: String {
        // An undated letter (`XXXX`) is stored with a century's precision; people read "undated".
        if value.isUndated { return "undated" }
        var label = precision.rawValue
        if value.isInterval { label += " range" }
        if value.isApproximate { label += ", approx." }
        if value.isUncertain { label += ", uncertain" }
        return label
    }

    /// Whether the date may be any of several days or runs open: drawn as a bar, not a point.
    var coversSeveralDays: Bool {
        guard let earliest, let latest else { return true }
        return earliest != latest
    }

    /// Whether the date is less than day-exact: coarser than a day, approximate or uncertain.
    var isInexact: Bool {
        precision != .day || value.isApproximate || value.isUncertain
    }
}

extension TimelineItem {
    /// The date as people read it ("Jan–Apr 2022"), or "undated".
    var dateDisplay: String { date?.display ?? "undated" }
}

extension Timeline {
    /// "5 items", "1 item".
    public var itemCountPhrase: String {
        "\(items.count) item" + (items.count == 1 ? "" : "s")
    }

    /// "First 5 items shown; more match." when only a first page was asked for, else nil.
    public var truncationNote: String? {
        truncated ? "First \(itemCountPhrase) shown; more match." : nil
    }

    /// Whether reports section the items.
    var isGrouped: Bool { grouping != .none }
}
