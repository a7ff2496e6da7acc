import Foundation
import Testing

/// `chancery role add` and `chancery membership add` on records already there.
@Suite("Roles and memberships recorded twice")
struct RoleAndMembershipCommandTests {
    @Test("adding a role or membership already recorded says that nothing was added, and adds nothing")
    func alreadyRecorded() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let before = try await database.scalar("SELECT (SELECT count(*) FROM membership) || '/' || (SELECT count(*) FROM role_held)")
            let membership = try await database.run("membership", "add", "--member", "KH", "--organization", "ASEAN", "--period", "1999-04-30/..")
            #expect(membership.status == 0, "\(membership)")
            #expect(membership.stdout.contains("Cambodia in ASEAN") && membership.stdout.contains("(already recorded; nothing added)"),
                    "\(membership)")
            let role = try await database.run("role", "add", "--holder", "Hun Sen", "--title", "Prime Minister", "--of", "KH",
                                              "--period", "1985-01/2023-08")
            #expect(role.status == 0, "\(role)")
            #expect(role.stdout.contains("Hun Sen — Prime Minister") && role.stdout.contains("(already recorded; nothing added)"), "\(role)")
            #expect(try await database.scalar("SELECT (SELECT count(*) FROM membership) || '/' || (SELECT count(*) FROM role_held)") == before)

            let new = try await database.run("role", "add", "--holder", "Hun Sen", "--title", "President of the Senate", "--of", "KH",
                                             "--period", "2024-04-03/..")
            #expect(new.status == 0 && !new.stdout.contains("already recorded"), "\(new)")
        }
    }
}
