import EDTF
public import ChanceryModel
/// The counts as aligned tables, one section per question.
public struct StatisticsTextRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// Every section; an empty one says so.
    public func render(_ statistics: Statistics) -> String {
        var sections: [String] = []
        var heading = "Letters: \(statistics.letters)"
        if statistics.since != nil || statistics.until != nil {
            heading += " (dated " + (statistics.since.map { "from " + $0 } ?? "") + (statistics.since != nil && statistics.until != nil ? " " : "")
                + (statistics.until.map { "until " + $0 } ?? "") + ")"
        }
        sections.append(heading)
        sections.append(section("By country", ["COUNTRY", "NAME", "SENT", "RECEIVED", "VIA", "TOTAL"], numeric: [2, 3, 4, 5],
                                statistics.byCountry.map { [$0.code, $0.name, String($0.sent), String($0.received), String($0.conveyed), String($0.total)] }))
        sections.append(section("By year", ["YEAR", "LETTERS"], numeric: [1],
                                statistics.byYear.map { [$0.year.map(Self.year) ?? "undated", String($0.letters)] }))
        sections.append(section("By kind", ["KIND", "LETTERS"], numeric: [1],
                                statistics.byKind.map { [$0.kind.rawValue, String($0.letters)] }))
        sections.append(section("Invitations: \(statistics.invitations), \(statistics.openInvitations) awaiting answers; invitees by answer",
                                ["STATUS", "INVITEES"], numeric: [1], statistics.invitationResponses.map { [$0.status, String($0.count)] }))
        sections.append(section("Events by status", ["STATUS", "EVENTS"], numeric: [1],
                                statistics.eventsByStatus.map { [$0.status, String($0.count)] }))
        sections.append(section("Most active correspondents", ["FROM", "TO", "LETTERS"], numeric: [2],
                                statistics.topCorrespondents.map { [$0.from, $0.to, String($0.letters)] }))
        sections.append(section("Most active country pairs", ["FROM", "TO", "LETTERS"], numeric: [2],
                                statistics.topCountryPairs.map { [$0.from, $0.to, String($0.letters)] }))
        return sections.joined(separator: "\n\n")
    }

    private func section(_ title: String, _ header: [String], numeric: Set<Int>, _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return title + "\n(none)" }
        return title + "\n" + ReportTable(header: header, rows: rows, numericColumns: numeric).render()
    }

    /// "2022", or "45 BC" for the year -44 (years are numbered as EDTF numbers them).
    private static func year(_ year: Int) -> String {
        Gregorian.yearName(year)
    }
}
