@testable import ChanceryCore
import ChanceryModel
import ChanceryRendering
import Foundation
import TestFiles
import Testing

/// The renderers' golden files are made from hand-built timelines (Tests/ChanceryRenderingTests);
/// these tests close the loop: the service reads exactly those timelines from a loaded register.
@Suite("Founding example timelines as the service reads them")
struct FoundingExampleTimelineTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../ChanceryRenderingTests/Golden").standardizedFileURL

    static func expectGoldenJSON(_ timeline: Timeline, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)
        #expect(try TimelineFormat.json.render(timeline) == expected, sourceLocation: sourceLocation)
    }

    @Test("a subject an import composed (\"Letter from A to B\") is not prefixed with its kind again")
    func composedSubjects() async throws {
        try await withChancery(foundingExample: true) { database in
            var composed = sampleLetter(subject: "Letter from Joe Biden to Hun Sen")
            composed.ref = "US-KH-2022-070"
            _ = try await LetterService(database: database).add(composed)
            let items = try await TimelineService(database: database).timeline(.person("Hun Sen")).items
            #expect(items.first { $0.ref == "US-KH-2022-070" }?.title == "Letter from Joe Biden to Hun Sen")
            #expect(items.first { $0.ref == "US-KH-2022-001" }?.title.hasPrefix("Letter: ") == true)
        }
    }

    @Test("the summit's dossier, ungrouped and by month, and the US–KH timeline")
    func foundingExample() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = TimelineService(database: database)
            try Self.expectGoldenJSON(try await service.timeline(.event("ASEAN-US-SUMMIT-2022")), "summit.json")
            let byMonth = try await service.timeline(TimelineRequest(.event("ASEAN-US-SUMMIT-2022"), grouping: .month))
            try Self.expectGoldenJSON(byMonth, "summit-by-month.json")
            try Self.expectGoldenJSON(try await service.timeline(.between("US", "KH")), "us-kh.json")
        }
    }

    @Test("a limited timeline is the first items of the whole one, for every limit and scope")
    func limitsArePrefixes() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            // Dates that sort apart only on their latest day or when they were recorded.
            for (index, date) in ["2022-05", "2022", "../2022-05-12", "2022-05-12/..", "2022-05-01/2022-05-31", "2022-05"].enumerated() {
                var draft = sampleLetter(subject: "Timeline order \(index)")
                draft.date = date
                _ = try await letters.add(draft)
            }
            // More events, invitations and answers than the limits below, on the same uncertain dates:
            // they sort by when they were recorded.
            try await withTemporaryFolder { folder in
                let records = (1...30).flatMap { index in [
                    #"{"type":"event","ref":"EV-T-\#(index)","name":"Talks \#(index)","kind":"summit","status":"held","host":"United States","date":"2022-05"}"#,
                    #"{"type":"invitation","ref":"INV-T-\#(index)","from":{"name":"Joe Biden","onBehalfOf":"United States"},"invitees":["Hun Sen"],"event":"EV-T-\#(index)","date":"2022-05"}"#,
                    #"{"type":"response","invitation":"INV-T-\#(index)","invitee":"Hun Sen","status":"accepted","date":"2022-05"}"#,
                ] }
                let path = try writeDataset(records, named: "ties.jsonl", in: folder)
                _ = try await ImportService(database: database).run([path], options: ImportOptions())
            }
            // Letters a month apart, with events, invitations and answers between and around them
            // (some open at the start, some undated): a limited timeline leaves out records dated
            // after its page's last letter without reading them, and must leave out no others.
            for month in 1...12 {
                var draft = sampleLetter(subject: "Monthly letter \(month)")
                draft.date = "2021-\(month < 10 ? "0" : "")\(month)-15"
                _ = try await letters.add(draft)
            }
            try await withTemporaryFolder { folder in
                let days = ["2021-01-15", "2021-02-14", "2021-02-16", "../2021-03-20", "2021-04", "2021-05-15/2021-07-01",
                            "2021-06-15", "2021-09-01", "2020", "../2021-01-01", "2021-07-15", "2021-12-31"]
                let records = days.enumerated().flatMap { index, day in [
                    #"{"type":"event","ref":"EV-M-\#(index)","name":"Meeting \#(index)","kind":"summit","status":"held","host":"United States","date":"\#(day)"}"#,
                    #"{"type":"invitation","ref":"INV-M-\#(index)","from":{"name":"Joe Biden","onBehalfOf":"United States"},"invitees":["Hun Sen"],"event":"EV-M-\#(index)","date":"\#(day)"}"#,
                    #"{"type":"response","invitation":"INV-M-\#(index)","invitee":"Hun Sen","status":"declined","date":"\#(day)"}"#,
                ] } + [#"{"type":"event","ref":"EV-M-UNDATED","name":"Undated talks","kind":"summit","status":"proposed","host":"United States"}"#]
                // A correspondent with a letter a month and one invitation between June's and
                // July's: the first seven items are six letters and the invitation.
                    + [#"{"type":"actor","kind":"person","name":"Ada Envoy"}"#]
                    + (1...12).map { month in
                        let day = "2019-\(month < 10 ? "0" : "")\(month)-15"
                        return #"{"type":"letter","ref":"L-ADA-\#(month)","from":[{"name":"Ada Envoy"}],"to":[{"name":"Hun Sen"}],"date":"\#(day)","subject":"Ada's letter \#(month)"}"#
                    }
                    + [#"{"type":"invitation","ref":"INV-ADA","from":{"name":"Ada Envoy"},"invitees":["Hun Sen"],"date":"2019-06-20"}"#]
                let path = try writeDataset(records, named: "months.jsonl", in: folder)
                _ = try await ImportService(database: database).run([path], options: ImportOptions())
            }
            let service = TimelineService(database: database)
            // A limited timeline tests each dated record against its scope; the whole one gathers
            // the scope's records as a set (ScopeCondition): every scope and side, both ways.
            let scopes: [TimelineScope] = [.country("US"), .country("KH"), .country("US", side: .sender), .country("KH", side: .recipient),
                                           .between("US", "KH"), .person("Joe Biden"), .organization("ASEAN"),
                                           .organization("ASEAN", includingMembers: true), .event("ASEAN-US-SUMMIT-2022"),
                                           .everything, .person("Ada Envoy")]
            for scope in scopes {
                let whole = try await service.timeline(TimelineRequest(scope))
                #expect(whole.items.count >= 3, "\(scope)")
                for limit in Array(1...min(whole.items.count, 60)) + [whole.items.count, whole.items.count + 1] {
                    let first = try await service.timeline(TimelineRequest(scope, limit: limit))
                    #expect(first.items == Array(whole.items.prefix(limit)), "\(scope), limit \(limit)")
                    #expect(first.truncated == (whole.items.count > limit), "\(scope), limit \(limit)")
                }
            }
        }
    }
}
