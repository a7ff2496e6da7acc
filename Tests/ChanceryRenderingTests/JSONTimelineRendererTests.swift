@testable import ChanceryRendering
@testable import ChanceryModel
import ChanceryInterchange
import EDTF
import Foundation
import Testing

@Suite("Timeline JSON")
struct JSONTimelineRendererTests {
    private func object(_ timeline: Timeline) throws -> [String: Any] {
        let json = try TimelineFormat.json.render(timeline)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("ungrouped: title, grouping, truncated and items, but no groups")
    func ungrouped() throws {
        let object = try object(TimelineSamples.mixed)
        #expect(Set(object.keys) == ["title", "grouping", "truncated", "items"])
        #expect(object["grouping"] as? String == "none")
        #expect(object["truncated"] as? Bool == false)
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == TimelineSamples.mixed.items.count)
        let open = try #require(items.first { $0["ref"] as? String == "ENCL-1" }?["date"] as? [String: Any])
        #expect(open["earliest"] is NSNull)
        #expect(open["latest"] as? String == "2022-04-30")
        let invitation = try #require(items.first { $0["kind"] as? String == "invitation" })
        #expect(invitation["replyBy"] as? String == "2022-03-01")
        #expect(items.last?["date"] == nil)
    }

    @Test("grouped: groups of label and items as well as the flat items")
    func grouped() throws {
        var timeline = TimelineSamples.mixed
        timeline.grouping = .month
        timeline.truncated = true
        let object = try object(timeline)
        #expect(object["grouping"] as? String == "month")
        #expect(object["truncated"] as? Bool == true)
        #expect((object["items"] as? [Any])?.count == timeline.items.count)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["label"] as? String } == timeline.groups.map(\.label))
        #expect(groups.map { ($0["items"] as? [Any])?.count } == timeline.groups.map(\.items.count))
    }

    @Test("keys sorted, pretty-printed")
    func layout() throws {
        let json = try TimelineFormat.json.render(TimelineSamples.mixed)
        #expect(json.hasPrefix("{\n  \"grouping\" : \"none\",\n  \"items\" : ["))
    }
}
