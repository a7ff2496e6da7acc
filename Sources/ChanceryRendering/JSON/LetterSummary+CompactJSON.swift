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

extension LetterSummary {
    /// The summary as the API's `JSONEncoder` writes it: keys sorted.
    package func writeJSON(to writer: inout CompactJSONWriter) {
        writer.raw("{")
        writer.key("cc", first: true)
        writer.strings(cc)
        writer.key("date")
        date.writeJSON(to: &writer)
        writer.key("from")
        writer.strings(from)
        writer.key("kind")
        writer.string(kind.rawValue)
        writer.key("ref")
        writer.string(ref)
        writer.key("subject")
        writer.string(subject)
        writer.key("to")
        writer.strings(to)
        writer.key("via")
        writer.strings(via)
        writer.raw("}")
    }

    /// A page of summaries, `{"items":[…],"nextCursor":…}`, as the listing endpoint sends it.
    package static func pageJSON(_ items: [LetterSummary], nextCursor: String?) -> [UInt8] {
        var writer = CompactJSONWriter(capacity: 512 + items.count * 400)
        writer.raw("{")
        writer.key("items", first: true)
        writer.array(items) { writer, item in item.writeJSON(to: &writer) }
        writer.key("nextCursor")
        writer.optionalString(nextCursor)
        writer.raw("}")
        return writer.finish()
    }
}
