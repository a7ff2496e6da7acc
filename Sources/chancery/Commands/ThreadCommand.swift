import ArgumentParser
import ChanceryCore
import ChanceryRendering
import ChanceryModel

/// `chancery thread REF`: a letter with what it answers, its replies, enclosures and forwards.
struct ThreadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thread",
        abstract: "Show a letter's thread: what it answers, its replies, enclosures and forwards, as a tree.",
        discussion: """
            The tree starts at the earliest letter the given one answers (following replies up, \
            else the letter enclosing it). Under each letter hang its replies, its enclosures, the \
            letter enclosing it, what it forwards or is forwarded by, and, as leaves, the letters \
            it refers to or is referred to by. The given letter is marked ▶. A thread shows at \
            most 500 letters; letters with links left out are marked … (hasMore in JSON).

            JSON: the root letter as {ref, date: {edtf, earliest, latest, precision, display}, \
            subject, kind, from, to, via, relation (null on the root; reply, answered, enclosure, \
            covering_letter, forwarded, forwarding, referenced, mentioning), isRequested, \
            children: [the same shape]}.

            Example:
              chancery thread KH-US-2022-001
              chancery thread KH-US-2022-001 --json
            """
    )

    @Argument(help: "The letter's reference (e.g. KH-US-2022-001).")
    var ref: String
    @Flag(help: "Print the tree as nested JSON.")
    var json = false

    func run() async throws {
        try await CommandContext.run(positional: ["ref"]) { database in
            let thread = try await ThreadService(database: database).thread(of: ref)
            if json { try Output.json(thread.root) } else { print(ThreadTextRenderer().render(thread)) }
        }
    }
}
