@testable import ChanceryRendering
@testable import ChanceryModel
import ChanceryInterchange
import EDTF
import Foundation

/// Hand-built timelines for renderer tests that need no database.
enum TimelineSamples {
    static func date(_ edtf: String) -> UncertainDate {
        try! UncertainDate(parsing: edtf, field: "date")
    }

    /// One item of each kind and of each sort of date: approximate year, month range, exact
    /// day, open start, day range, undated.
    static let mixed = Timeline(title: "Cambodia (KH) – United States (US)", items: [
        TimelineItem(kind: .letter, ref: "L-CIRCA", date: date("2022~"), title: "Letter: circa 2022",
                     detail: "Joe Biden → ហ៊ុន សែន"),
        TimelineItem(kind: .letter, ref: "US-KH-2022-001", date: date("2022-01/2022-04"), title: "Letter: Working with Cambodia",
                     detail: "Joe Biden (President) → Hun Sen (Prime Minister)"),
        TimelineItem(kind: .invitation, ref: "INV-1", date: date("2022-02-10"), title: "Invitation to the Special Summit",
                     detail: "Joe Biden invites Hun Sen", replyBy: "2022-03-01"),
        TimelineItem(kind: .letter, ref: "ENCL-1", date: date("/2022-04"), title: "Letter: enclosure",
                     detail: "Joe Biden → ASEAN, via Indonesia"),
        TimelineItem(kind: .response, ref: "INV-1", date: date("2022-03"), title: "Hun Sen accepted: Special Summit",
                     detail: "Hun Sen accepted invitation INV-1", status: "accepted"),
        TimelineItem(kind: .event, ref: "SUMMIT-1", date: date("2022-05-12/2022-05-13"), title: "Special Summit",
                     detail: "summit, held; Washington, D.C., United States", status: "held", place: "Washington, D.C., United States"),
        TimelineItem(kind: .event, ref: "VISIT-1", date: nil, title: "State visit", detail: "state visit, proposed", status: "proposed"),
    ])

    /// An event with the given date and status, alone on a timeline.
    static func event(_ edtf: String?, status: String = "held", title: String = "Summit", ref: String = "EV-1",
                      place: String? = nil) -> Timeline {
        Timeline(title: "Sample", items: [
            TimelineItem(kind: .event, ref: ref, date: edtf.map(date), title: title, detail: "summit, " + status,
                         status: status, place: place),
        ])
    }
}
