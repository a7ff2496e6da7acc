import Foundation
import Testing

/// `chancery source`, run as a person runs it: the built binary on a scratch database.
@Suite("Source commands")
struct SourceCommandTests {
    @Test("list, show, edit by title with --if-revision and --clear, and the refusals' exit codes; nothing written when refused")
    func sourceCommands() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let listed = try await database.run("source", "list", "--text", "asean chair")
            #expect(listed.status == 0 && listed.stdout.contains("Exchange of Correspondence") && listed.stdout.contains("5"), "\(listed)")
            let page = try await database.run("source", "list", "--json")
            #expect(try page.jsonObject()["total"] as? Int == 1, "\(page)")

            let shown = try await database.run("source", "show", "1")
            #expect(shown.status == 0 && shown.stdout.contains("Cited by 5 records:") && shown.stdout.contains("letter  KH-US-2022-001"), "\(shown)")

            let before = try await database.counts()
            for (arguments, status, marker) in [
                (["source", "edit", "1", "--publisher", "AFP", "--if-revision", "4"], Int32(68), "(--if-revision)"),
                (["source", "edit", "1", "--url", "ftp://example.org/a"], 65, "(--url)"),
                (["source", "edit", "1", "--published", "Feb 2022"], 65, "(--published)"),
                (["source", "edit", "1"], 65, "nothing to change"),
                (["source", "show", "Exchange of letters"], 66, "(source) no source titled"),
                (["source", "delete", "1"], 68, "still in use"),
                (["source", "edit", "1", "--excerpt", "x", "--clear", "excerpt"], 64, "give one or the other"),
                (["source", "list", "--kind", "novel"], 64, "novel"),
            ] {
                let result = try await database.run(arguments)
                #expect(result.status == status && result.stderr.contains(marker), "\(arguments): \(result)")
            }
            #expect(try await database.counts() == before)

            let edited = try await database.run("source", "edit", "exchange of correspondence between cambodia’s prime minister , 2022 asean chair and us president joe biden",
                                                "--publisher", "Khmer Times", "--published", "2022-02", "--clear", "excerpt",
                                                "--if-revision", "1", "--json")
            #expect(edited.status == 0, "\(edited)")
            let source = try edited.jsonObject()
            #expect(source["publisher"] as? String == "Khmer Times" && source["excerpt"] == nil && source["revision"] as? Int == 2, "\(edited)")
            let letter = try await database.run("letter", "show", "US-KH-2022-001", "--json")
            let cited = try letter.jsonObject()["sources"] as? [[String: Any]]
            #expect(cited?.first?["publisher"] as? String == "Khmer Times" && cited?.first?["id"] as? Int == 1, "\(letter)")
        }
    }
}
