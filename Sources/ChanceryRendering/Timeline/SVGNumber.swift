/// SVG coordinates with at most one decimal, written the same on every host: Foundation's
/// number formatting can follow the locale, and full doubles would make golden files brittle.
enum SVGNumber {
    package static func text(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return sign + String(magnitude / 10) + (magnitude % 10 == 0 ? "" : "." + String(magnitude % 10))
    }
}
