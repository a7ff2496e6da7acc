// Canonical EDTF text. The parser accepts only canonical spellings (bar the legacy `?` end, which
// EDTFDate records), so for any accepted input this reproduces the input exactly; the round trip
// is what lets the register store the text.

extension EDTFPoint {
    var expression: String {
        let parts = components
        var text = ""
        for (index, part) in parts.enumerated() {
            if index > 0 {
                text += "-"
            }
            text += marks.before[index].map { String($0.rawValue) } ?? ""
            text += part
            if index < parts.count - 1 {
                text += marks.after[index].map { String($0.rawValue) } ?? ""
            }
        }
        text += qualifier.map { String($0.rawValue) } ?? ""
        if case .dateTime(_, let time) = value {
            text += "T" + time.expression
        }
        return text
    }

    /// Year, month and day as written, without marks.
    var components: [String] {
        switch value {
        case .century(let leading): [zeroPadded(leading, width: 2) + "XX"]
        case .decade(let leading): [zeroPadded(leading, width: 3) + "X"]
        case .year(let year): [Self.yearText(year)]
        case .yearWithUnspecifiedMonth(let year): [Self.yearText(year), "XX"]
        case .yearWithUnspecifiedMonthAndDay(let year): [Self.yearText(year), "XX", "XX"]
        case .month(let year, let month): [Self.yearText(year), zeroPadded(month, width: 2)]
        case .monthWithUnspecifiedDay(let year, let month): [Self.yearText(year), zeroPadded(month, width: 2), "XX"]
        case .season(let year, let season): [Self.yearText(year), String(season.rawValue)]
        case .day(let day), .dateTime(let day, _):
            [Self.yearText(day.year), zeroPadded(day.month, width: 2), zeroPadded(day.day, width: 2)]
        case .unspecified(let mask): mask.components
        }
    }

    /// Four digits with a sign before year 0 (`-0044`), and the `Y` form beyond four digits (`Y12345`),
    /// the only way EDTF writes such years.
    static func yearText(_ year: Int) -> String {
        year > 9999 || year < -9999 ? "Y\(year)" : zeroPadded(year, width: 4)
    }
}

extension EDTFDate.End {
    var expression: String {
        switch self {
        case .known(let point): point.expression
        case .open: ".."
        case .unknown: ""
        }
    }
}

extension EDTFSet {
    var expression: String {
        let inner = members.map { member in
            switch member {
            case .point(let point): point.expression
            case .range(let start, let end): (start?.expression ?? "") + ".." + (end?.expression ?? "")
            }
        }
        .joined(separator: ",")
        return kind == .oneOf ? "[\(inner)]" : "{\(inner)}"
    }
}

extension EDTFDate.Shape {
    var expression: String {
        switch self {
        case .single(let point): point.expression
        case .interval(let start, let end): start.expression + "/" + end.expression
        case .set(let set): set.expression
        }
    }
}
