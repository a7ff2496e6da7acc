import ArgumentParser
import ChanceryCore
import ChanceryModel
import ChanceryRendering

/// `chancery pending`: invitations not yet answered by every invitee, letters awaiting a reply.
struct PendingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pending",
        abstract: "List open items: invitations some invitee has not answered, letters awaiting a reply.",
        discussion: """
            An invitation is listed until its last invitee answers (chancery invitation respond). A \
            letter logged with --awaiting-reply is listed until a letter is logged with \
            --reply-to it.

            --older-than keeps only items whose date's latest possible day lies at least that long \
            before today: 30d (days), 2w (weeks), 6m (months), 1y (years), or a plain number of \
            days. A letter dated Jan–Apr 2022 counts from 30 April 2022; a date with an open end \
            (2022/..) may be as recent as today and is never older.

            JSON: {asOf, olderThan, invitations: [{ref, date, event, eventRef, from, \
            pendingInvitees, answeredCount, replyBy, daysOverdue, ageDays}], letters: [{ref, kind, \
            date, subject, from, to, ageDays}]}.

            Example:
              chancery pending
              chancery pending --older-than 30d --json
            """
    )

    @Option(help: ArgumentHelp("Only items at least this old: 30d, 2w, 6m, 1y or days (e.g. 45).", valueName: "age"))
    var olderThan: String?
    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        // Checked before the database is opened, so a typo costs no connection.
        var threshold: AgeThreshold?
        try await CommandContext.reportingErrors { threshold = try olderThan.map { try AgeThreshold(parsing: $0) } }
        try await CommandContext.run { database in
            let report = try await PendingService(database: database).pending(olderThan: threshold)
            if json { try Output.json(report) } else { print(PendingTextRenderer().render(report)) }
        }
    }
}
