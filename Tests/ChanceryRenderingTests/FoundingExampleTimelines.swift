@testable import ChanceryModel
import Foundation

/// The founding example's timelines, built by hand as `TimelineService` reads them from a loaded
/// register (a Core test checks that it still does, against the same golden JSON), so the
/// renderers are tested without a database.
enum FoundingExampleTimelines {
    private static func date(_ edtf: String) -> UncertainDate { TimelineSamples.date(edtf) }

    static let enclosure = TimelineItem(
        kind: .letter, ref: "US-ASEAN-2022-001", date: date("2022-01/2022-04"),
        title: "Letter: Intent to invite ASEAN leaders to a special summit in Washington",
        detail: "Joe Biden (President) → ASEAN (ASEAN leaders), via Indonesia")
    static let invitation = TimelineItem(
        kind: .invitation, ref: "INV-US-2022-001", date: date("2022-01/2022-04"), title: "Invitation to the Special ASEAN–U.S. Summit",
        detail: "Joe Biden (President) invites ASEAN, Hun Sen; extended by US-ASEAN-2022-001")
    static let bidenLetter = TimelineItem(
        kind: .letter, ref: "US-KH-2022-001", date: date("2022-01/2022-04"),
        title: "Letter: Working with Cambodia as 2022 ASEAN Chair; intent to host a special ASEAN–U.S. summit",
        detail: "Joe Biden (President) → Hun Sen (Prime Minister of Cambodia, 2022 ASEAN Chair)")
    static let reply = TimelineItem(
        kind: .letter, ref: "KH-US-2022-001", date: date("2022-01/2022-04"),
        title: "Letter: Reply: full support for convening the Special ASEAN–U.S. Summit in Washington, D.C.",
        detail: "Hun Sen (Prime Minister of Cambodia, 2022 ASEAN Chair) → Joe Biden (President); reply to US-KH-2022-001")
    static let acceptance = TimelineItem(
        kind: .response, ref: "INV-US-2022-001", date: date("2022-01/2022-04"), title: "Hun Sen accepted: Special ASEAN–U.S. Summit",
        detail: "Hun Sen accepted invitation INV-US-2022-001 in KH-US-2022-001", status: "accepted")
    static let summitEvent = TimelineItem(
        kind: .event, ref: "ASEAN-US-SUMMIT-2022", date: date("2022-05-12/2022-05-13"), title: "Special ASEAN–U.S. Summit",
        detail: "summit, held; Washington, D.C., United States; hosted by United States", status: "held",
        place: "Washington, D.C., United States")

    /// `chancery timeline --event ASEAN-US-SUMMIT-2022`.
    static let summit = Timeline(title: "Special ASEAN–U.S. Summit",
                                 items: [enclosure, invitation, reply, acceptance, summitEvent])
    /// The same, `--group-by month`.
    static let summitByMonth = Timeline(title: summit.title, items: summit.items, grouping: .month)
    /// `chancery timeline --between US KH`.
    static let unitedStatesCambodia = Timeline(title: "United States (US) – Cambodia (KH)",
                                               items: [invitation, bidenLetter, reply, acceptance, summitEvent])
}
