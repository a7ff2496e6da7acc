import Foundation
import Testing

/// `chancery invitation show` and `respond` as a person runs them, on the founding example.
@Suite("chancery invitation show and respond")
struct InvitationCommandTests {
    @Test("show prints who invited whom, each answer with its note, the summary and the source; --json is the API's invitation")
    func show() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let shown = try await database.run("invitation", "show", "inv-us-2022-001")
            #expect(shown.status == 0, "\(shown)")
            #expect(shown.stdout.hasPrefix("INV-US-2022-001"), "\(shown)")
            #expect(shown.stdout.contains("  ASEAN: pending\n"), "\(shown)")
            #expect(shown.stdout.contains("  Joe Biden (President) for United States → Special ASEAN–U.S. Summit\n"), "\(shown)")
            #expect(shown.stdout.contains("Hun Sen for Cambodia: accepted") && shown.stdout.contains("in KH-US-2022-001 — Reiterates Cambodia's strong commitment"),
                    "\(shown)")
            #expect(shown.stdout.contains("  summary: Invitation of ASEAN leaders"), "\(shown)")
            #expect(shown.stdout.contains("  source: Exchange of Correspondence Between Cambodia’s Prime Minister"), "\(shown)")
            #expect(shown.stdout.contains("    “While Prime Minister Hun Sen has thanked"), "\(shown)")

            let json = try await database.run("invitation", "show", "INV-US-2022-001", "--json")
            #expect(json.status == 0, "\(json)")
            let invitation = try json.jsonObject()
            #expect(invitation["ref"] as? String == "INV-US-2022-001", "\(json)")
            #expect((invitation["sources"] as? [[String: Any]])?.first?["title"] as? String
                    == "Exchange of Correspondence Between Cambodia’s Prime Minister , 2022 ASEAN Chair and US President Joe Biden", "\(json)")
            #expect((invitation["invitees"] as? [[String: Any]])?.compactMap { $0["name"] as? String }.sorted() == ["ASEAN", "Hun Sen"], "\(json)")

            let missing = try await database.run("invitation", "show", "INV-NOPE-1")
            #expect(missing.status == 66, "\(missing)")
            #expect(missing.stderr.contains("error: (ref) no invitation with ref 'INV-NOPE-1'") && missing.stderr.contains("chancery invitation list"), "\(missing)")
        }
    }

    @Test("respond prints the answer with its note; the same answer again says nothing changed; --json prints the invitation")
    func respondAgain() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let answer = ["invitation", "respond", "INV-US-2022-001", "--invitee", "ASEAN", "--status", "accepted", "--date", "2022-03",
                          "--note", "By the chair,\nfor all members"]
            let first = try await database.run(answer)
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout.contains("ASEAN: accepted") && first.stdout.contains("— By the chair,\n    for all members"), "\(first)")
            #expect(!first.stderr.contains("Nothing changed"), "\(first)")

            let again = try await database.run(answer + ["--json"])
            #expect(again.status == 0, "\(again)")
            #expect(again.stderr.contains("Nothing changed: this answer is already recorded."), "\(again)")
            let asean = (try again.jsonObject()["invitees"] as? [[String: Any]])?.first { $0["name"] as? String == "ASEAN" }
            #expect(asean?["status"] as? String == "accepted" && asean?["note"] as? String == "By the chair,\nfor all members", "\(again)")

            let history = try await database.run("invitation", "history", "INV-US-2022-001")
            #expect(history.status == 0, "\(history)")
            #expect(history.stdout.components(separatedBy: "An answer recorded: ASEAN").count == 2, "one change recorded, not two: \(history)")
        }
    }
}
