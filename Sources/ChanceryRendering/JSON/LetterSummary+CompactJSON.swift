package import ChanceryModel
import EDTF

extension UncertainDate {
    /// `{display, earliest, edtf, latest, precision}`, as `encode(to:)` with sorted keys.
    package func writeJSON(to writer: inout CompactJSONWriter) {
        writer.raw("{")
        writer.key("display", first: true)
        writer.string(display)
        writer.key("earliest")
        writer.day(earliest)
        writer.key("edtf")
        writer.string(edtf)
        writer.key("latest")
        writer.day(latest)
        writer.key("precision")
        writer.string(precision.rawValue)
        writer.raw("}")
    }
}

/// The lists of names a letter summary carries.
package enum LetterSummaryNames {
    case from, to, cc, via
}

/// A letter summary's fields, wherever they are read from: a `LetterSummary`, or a listing's row
/// as the database sent it (which the API's listing writes without building the summaries).
/// `writeSummaryJSON` lays them out once, as `JSONEncoder` encodes a `LetterSummary`.
package protocol LetterSummaryFields {
    func writeRef(to writer: inout CompactJSONWriter) throws
    func writeKind(to writer: inout CompactJSONWriter) throws
    func writeDate(to writer: inout CompactJSONWriter) throws
    func writeSubject(to writer: inout CompactJSONWriter) throws
    func writeNames(_ names: LetterSummaryNames, to writer: inout CompactJSONWriter) throws
}

extension LetterSummaryFields {
    /// The summary as the API's `JSONEncoder` writes a `LetterSummary`: keys sorted.
    package func writeSummaryJSON(to writer: inout CompactJSONWriter) throws {
        writer.raw("{")
        writer.key("cc", first: true)
        try writeNames(.cc, to: &writer)
        writer.key("date")
        try writeDate(to: &writer)
        writer.key("from")
        try writeNames(.from, to: &writer)
        writer.key("kind")
        try writeKind(to: &writer)
        writer.key("ref")
        try writeRef(to: &writer)
        writer.key("subject")
        try writeSubject(to: &writer)
        writer.key("to")
        try writeNames(.to, to: &writer)
        writer.key("via")
        try writeNames(.via, to: &writer)
        writer.raw("}")
    }
}

extension LetterSummary: LetterSummaryFields {
    package func writeRef(to writer: inout CompactJSONWriter) { writer.string(ref) }
    package func writeKind(to writer: inout CompactJSONWriter) { writer.string(kind.rawValue) }
    package func writeDate(to writer: inout CompactJSONWriter) { date.writeJSON(to: &writer) }
    package func writeSubject(to writer: inout CompactJSONWriter) { writer.string(subject) }
    package func writeNames(_ names: LetterSummaryNames, to writer: inout CompactJSONWriter) {
        switch names {
        case .from: writer.strings(from)
        case .to: writer.strings(to)
        case .cc: writer.strings(cc)
        case .via: writer.strings(via)
        }
    }

    /// The summary as the API's `JSONEncoder` writes it: keys sorted.
    package func writeJSON(to writer: inout CompactJSONWriter) {
        // Nothing in a summary's own fields can fail to be written.
        try! writeSummaryJSON(to: &writer)
    }

    /// A page of summaries, `{"items":[…],"nextCursor":…}`, as the listing endpoint sends it.
    package static func pageJSON(_ items: [LetterSummary], nextCursor: String?) -> [UInt8] {
        try! pageJSON(count: items.count, nextCursor: nextCursor) { index, writer in items[index].writeJSON(to: &writer) }
    }

    /// The same page with its `count` items written by `item` (given each item's index in turn).
    package static func pageJSON(count: Int, nextCursor: String?,
                                 item: (Int, inout CompactJSONWriter) throws -> Void) throws -> [UInt8] {
        var writer = CompactJSONWriter(capacity: 512 + count * 400)
        writer.raw("{")
        writer.key("items", first: true)
        writer.raw("[")
        for index in 0..<count {
            if index > 0 { writer.raw(",") }
            try item(index, &writer)
        }
        writer.raw("]")
        writer.key("nextCursor")
        writer.optionalString(nextCursor)
        writer.raw("}")
        return writer.finish()
    }
}
