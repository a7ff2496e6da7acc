public import ChanceryModel
import EDTF
/// The open items as two tables for the terminal: invitations awaiting answers, letters awaiting replies.
public struct PendingTextRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// Both sections, headed by the day ages are counted to.
    public func render(_ report: PendingReport) -> String {
        var lines = ["Open items as of " + report.asOf.description + (report.olderThan.map { ", older than " + $0 } ?? ""), ""]
        lines.append("Invitations awaiting answers: \(report.invitations.count)")
        if !report.invitations.isEmpty {
            var table = ReportTable(header: ["REF", "ISSUED", "AGE", "INVITER", "EVENT", "REPLY BY", "OVERDUE", "WAITING FOR"],
                                    numericColumns: [2, 6])
            table.rows = report.invitations.map { invitation in
                let waitingFor = invitation.pendingInvitees.joined(separator: ", ")
                    + (invitation.answeredCount > 0 ? " (\(invitation.answeredCount) answered)" : "")
                return [invitation.ref, invitation.date.display, Self.days(invitation.ageDays), invitation.from,
                        invitation.event ?? "-", invitation.replyBy?.description ?? "-", Self.days(invitation.daysOverdue), waitingFor]
            }
            lines.append(table.render())
        }
        lines += ["", "Letters awaiting a reply: \(report.letters.count)"]
        if !report.letters.isEmpty {
            var table = ReportTable(header: ["REF", "DATE", "AGE", "FROM", "TO", "SUBJECT"], numericColumns: [2])
            table.rows = report.letters.map { letter in
                [letter.ref, letter.date.display, Self.days(letter.ageDays), letter.from.joined(separator: ", "),
                 letter.to.joined(separator: ", "), letter.subject]
            }
            lines.append(table.render())
        }
        return lines.joined(separator: "\n")
    }

    /// "15 days", or "-" when there is no count.
    private static func days(_ count: Int?) -> String {
        count.map { ReportLabels.count($0, "day") } ?? "-"
    }
}
