@testable import ChanceryInterchange
import Testing

@Suite("Rejections summarized by reason")
struct RejectionSummaryTests {
    @Test("the reason class keeps column names and drops the values and numbers that differ from row to row")
    func reasonClass() {
        let a = "column 'date': invalid date '1542-05-05,1542-05-06': EDTF sets are not read. Write dates in EDTF: 2022-05-12"
        let b = "column 'date': invalid date '[1547,1548]': EDTF sets are not read. Write dates in EDTF: 2022-05-12"
        let c = "column 'received': invalid date '[1547,1548]': EDTF sets are not read. Write dates in EDTF: 2022-05-12"
        #expect(RejectionSummary.reasonClass(a) == RejectionSummary.reasonClass(b))
        #expect(RejectionSummary.reasonClass(a) != RejectionSummary.reasonClass(c))
        #expect(RejectionSummary.reasonClass("participant: no actor named 'Kf. N.'; add the actor''s record")
                == "participant: no actor named '…'; add the actor''s record")
        #expect(RejectionSummary.reasonClass("key: letter 71 of 'Vol. 2' is also at a.csv:12") == "key: letter # of '…' is also at a.csv:#")
        // JSON Lines messages name their field first, or after "missing field": one reason per field.
        #expect(RejectionSummary.reasonClass("'invitees' is not a list ([…])") != RejectionSummary.reasonClass("'sources' is not a list ([…])"))
        #expect(RejectionSummary.reasonClass("'status': 'maybe' is not one of its values: pending, accepted")
                == "'status': '…' is not one of its values: pending, accepted")
        #expect(RejectionSummary.reasonClass("missing field 'from'") != RejectionSummary.reasonClass("missing field 'subject'"))
    }

    @Test("groups come largest first, with the first record's reason and where the first records are")
    func groups() {
        func at(_ line: Int, _ file: String = "letters.csv") -> RecordLocation { RecordLocation(file: file, line: line) }
        let messages = [(at(2), "column 'sender' is empty")] + (3...9).map { (at($0), "column 'date': invalid date '\($0)x'") }
            + [(at(1, "more.csv"), "column 'date': invalid date 'y'")]
        let groups = RejectionSummary.groups(messages)
        #expect(groups.map(\.count) == [8, 1])
        // The first group's records name other dates; the second's one record is its own example.
        #expect(groups.map(\.alike) == [false, true])
        #expect(RejectionSummary.groups([(at(1), "column 'sender' is empty"), (at(2), "column 'sender' is empty")]).map(\.alike) == [true])
        #expect(groups[0].example == "column 'date': invalid date '3x'")
        #expect(RejectionSummary.places(groups[0].locations) == "letters.csv:3, 4, 5, 6, 7 and 3 more")
        #expect(RejectionSummary.places(Array(groups[0].locations.suffix(2))) == "letters.csv:9, more.csv:1")
    }
}
