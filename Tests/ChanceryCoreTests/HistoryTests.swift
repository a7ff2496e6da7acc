@testable import ChanceryCore
import Testing
import ChanceryModel

@Suite("History")
struct HistoryTests {
    @Test("every row written through a service is in the history, attributed to its writer")
    func attributed() async throws {
        try await withChancery { database in
            _ = try await FoundingExample.load(into: database)
            let rows: [(String, String)] = try await database.read { connection in
                try await connection.query("SELECT DISTINCT table_name, changed_by FROM history ORDER BY 1").rows.map {
                    (try $0.decode("table_name"), try $0.decode("changed_by"))
                }
            }
            #expect(rows.allSatisfy { $0.1 == "test-suite" })
            #expect(Set(rows.map(\.0)).isSuperset(of: ["actor", "letter", "letter_participant", "letter_link", "invitation", "event"]))
            let counts = try await rowCounts(database)
            let letters: Int = try await database.read { connection in
                try await connection.query("SELECT count(*) AS n FROM history WHERE table_name = 'letter' AND operation = 'INSERT'")
                    .rows[0].decode("n")
            }
            #expect(letters == counts["letter"])
        }
    }

    @Test("an update keeps the before and after images")
    func updateImages() async throws {
        try await withChancery(foundingExample: true) { database in
            _ = try await InvitationService(database: database).respond(
                ResponseDraft(invitation: "INV-US-2022-001", invitee: "ASEAN", status: .declined, date: "2022-03"))
            let (before, after): (String, String) = try await database.read { connection in
                let row = try await connection.query(
                    """
                    SELECT before ->> 'status' AS before, after ->> 'status' AS after FROM history
                    WHERE table_name = 'invitation_invitee' AND operation = 'UPDATE' ORDER BY id DESC LIMIT 1
                    """).rows[0]
                return (try row.decode("before"), try row.decode("after"))
            }
            #expect(before == "pending")
            #expect(after == "declined")
        }
    }
}
