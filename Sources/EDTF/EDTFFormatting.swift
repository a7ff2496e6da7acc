// Canonical EDTF text. The parser accepts only canonical spellings, so for any accepted input
// this reproduces the input exactly; the round trip is what lets the register store the text.

extension EDTFPoint {
    var expression: String {
        let digits: String
        switch value {
        case .century(let leading): digits = zeroPadded(leading, width: 2) + "XX"
        case .decade(let leading): digits = zeroPadded(leading, width: 3) + "X"
        case .year(let year): digits = zeroPadded(year, width: 4)
        case .yearWithUnspecifiedMonth(let year): digits = zeroPadded(year, width: 4) + "-XX"
        case .yearWithUnspecifiedMonthAndDay(let year): digits = zeroPadded(year, width: 4) + "-XX-XX"
        case .month(let year, let month):
            digits = zeroPadded(year, width: 4) + "-" + zeroPadded(month, width: 2)
        case .monthWithUnspecifiedDay(let year, let month):
            digits = zeroPadded(year, width: 4) + "-" + zeroPadded(month, width: 2) + "-XX"
        case .season(let year, let season):
            digits = zeroPadded(year, width: 4) + "-" + String(season.rawValue)
        case .day(let day): digits = day.description
        }
        return qualifier.map { digits + String($0.rawValue) } ?? digits
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

extension EDTFDate.Shape {
    var expression: String {
        switch self {
        case .single(let point): point.expression
        case .interval(let start, let end): start.expression + "/" + end.expression
        }
    }
}
