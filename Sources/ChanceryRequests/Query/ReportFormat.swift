package import ChanceryRendering
import Foundation

/// Chooses a timeline's format from `?format=` or, without it, from `Accept`.
package enum ReportFormat {
    package static func mediaType(of format: TimelineFormat) -> String { format.mediaType }

    private static let byMediaType: [String: TimelineFormat] = [
        "application/json": .json, "text/plain": .text, "text/markdown": .md, "text/csv": .csv, "text/html": .html,
        "text/calendar": .ics,
    ]

    package static func timeline(query: String?, accept: String?) throws -> TimelineFormat {
        if let query {
            guard let format = TimelineFormat(rawValue: query) else {
                throw Problem.badRequest("format must be one of \(TimelineFormat.allCases.map(\.rawValue).joined(separator: ", ")), not \(query)",
                                         field: "format")
            }
            return format
        }
        guard let accept, !accept.isEmpty else { return .json }
        // Highest q first; among equals, the client's order.
        let ranges = accept.split(separator: ",").enumerated().map { index, part -> (String, Double, Int) in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (pieces.first?.lowercased() ?? "", quality, index)
        }.filter { $0.1 > 0 }.sorted { ($0.1, -$0.2) > ($1.1, -$1.2) }
        for (range, _, _) in ranges {
            if let format = byMediaType[range] { return format }
            if range == "*/*" || range == "application/*" { return .json }
            if range == "text/*" { return .text }
        }
        throw Problem.notAcceptable("a timeline is available as application/json, text/plain, text/markdown, text/csv, text/html or text/calendar; Accept was \(accept)")
    }
}
