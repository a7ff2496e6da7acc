public import ChanceryModel
/// A thread as an indented tree for the terminal:
///
/// ```
/// Jan–Apr 2022  US-KH-2022-001  Letter: … — Joe Biden → Hun Sen
/// ├─ enclosure: Jan–Apr 2022  US-ASEAN-2022-001  Letter: … — Joe Biden → ASEAN, via Indonesia
/// └─ ▶ reply: Jan–Apr 2022  KH-US-2022-001  Letter: … — Hun Sen → Joe Biden  (this letter)
/// ```
public struct ThreadTextRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The heading, the tree, and a note when the thread was cut at its size limit.
    public func render(_ thread: LetterThread) -> String {
        var lines = ["Thread of " + thread.requested + ": " + ReportLabels.count(thread.letterCount, "letter"), ""]
        lines.append(line(thread.root))
        appendChildren(of: thread.root, prefix: "", to: &lines)
        if thread.truncated {
            lines += ["", "(the thread reached its size limit; letters marked “…” have links not shown)"]
        }
        return lines.joined(separator: "\n")
    }

    private func appendChildren(of node: ThreadNode, prefix: String, to lines: inout [String]) {
        for (index, child) in node.children.enumerated() {
            let isLast = index == node.children.count - 1
            lines.append(prefix + (isLast ? "└─ " : "├─ ") + line(child))
            appendChildren(of: child, prefix: prefix + (isLast ? "   " : "│  "), to: &lines)
        }
    }

    /// "▶ reply: DATE  REF  Kind: subject — From → To  (this letter)".
    package func line(_ node: ThreadNode) -> String {
        var text = node.isRequested ? "▶ " : ""
        if let relation = node.relation { text += relation.label + ": " }
        text += node.date.display + "  " + node.ref + "  " + ReportLabels.kind(node.kind) + ": " + node.subject
        text += " — " + ReportLabels.parties(from: node.from, to: node.to, via: node.via)
        if node.isRequested { text += "  (this letter)" }
        if node.hasMore { text += "  …" }
        return text
    }
}
