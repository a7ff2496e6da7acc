@testable import ChanceryCore
import ChanceryModel
import Foundation
import TestFiles
import Testing

/// Files written before fields were renamed (CHANGELOG.md, 0.5.0) still import, and exports
/// write only the current names.
@Suite("Former JSON Lines keys")
struct FormerKeyTests {
    @Test("iso, wikidata, sentPlaceGeoNames and receivedPlaceGeoNames still load; exports write the new names")
    func formerKeysLoad() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset([
                    #"{"type":"actor","kind":"state","name":"Cambodia","iso":"KH","wikidata":"Q424"}"#,
                    #"{"type":"actor","kind":"state","name":"United States","isoCode":"US"}"#,
                    #"{"type":"letter","ref":"KH-US-2022-001","from":[{"name":"KH"}],"to":[{"name":"US"}],"date":"2022-03","#
                        + #""subject":"Note","sentPlace":"Phnom Penh","sentPlaceGeoNames":1821306,"receivedPlaceGeonamesId":4140963}"#,
                ], named: "old.jsonl", in: folder)
                let report = try await ImportService(database: database).run([path], options: ImportOptions())
                #expect(report.committed)
                #expect(report.warnings.isEmpty, "\(report.warnings)")
                let letter = try await LetterService(database: database).show("KH-US-2022-001")
                #expect(letter.sentPlaceGeonamesId == 1_821_306)
                #expect(letter.receivedPlaceGeonamesId == 4_140_963)
                let cambodia = try await ActorService(database: database).show("Cambodia")
                #expect(cambodia.actor.isoCode == "KH")
                #expect(cambodia.actor.wikidataId == "Q424")

                let exported = folder.appendingPathComponent("export.jsonl").path
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: exported)
                let text = try String(contentsOfFile: exported, encoding: .utf8)
                #expect(text.contains(#""isoCode":"KH""#) && text.contains(#""wikidataId":"Q424""#))
                #expect(text.contains(#""sentPlaceGeonamesId":1821306"#))
                for former in [#""iso":"#, #""wikidata":"#, "sentPlaceGeoNames", "receivedPlaceGeoNames"] {
                    #expect(!text.contains(former), "\(former) in \(text)")
                }
            }
        }
    }
}
