import ArgumentParser
import ChanceryCore
import ChanceryIntake
import ChanceryModel
import Foundation

/// `chancery intake FILE|-`: proposes draft records from a news article, as a dataset to review
/// and then import.
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Propose draft records (letters, invitations, answers, events, the source) from a news article.",
        discussion: """
            Reads a plain-text or HTML article (a saved page; nothing is fetched) and names the \
            register's actors in it by their names, aliases, offices, demonyms and honorifics. Writes \
            the drafts as a Chancery dataset (JSON Lines): every record cites the article with the \
            sentences that support it, and an "intake" object gives its confidence and rule. \
            Tickers, bylines, captions, repeated headlines and related-news lists are left out. \
            Dates the text does not give end at the article's date (--published, or the page's own).

            Nothing is written to the register: review the drafts (--review, or any editor), then \
            import them with `chancery import`, all or nothing.

            Examples:
              chancery intake article.txt --output drafts.jsonl \\
                  && chancery import drafts.jsonl
              chancery intake saved-page.html --published 2022-02-14 --review \\
                  --output drafts.jsonl
              curl -s https://example.org/story | chancery intake - > drafts.jsonl
            """
    )

    @Argument(help: ArgumentHelp("The article (text or HTML); - reads standard input.", valueName: "file"))
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the drafts here (default: standard output).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The article's publication day (YYYY-MM-DD), when the text does not say.", valueName: "day"))
    var published: String?

    @Option(help: ArgumentHelp("The article's title, when the text has no headline.", valueName: "text"))
    var title: String?

    @Option(help: ArgumentHelp("Where the article was published.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("Who published it.", valueName: "name"))
    var publisher: String?

    @Flag(help: "Walk through the drafts in the terminal: accept, edit a field, or reject each.")
    var review = false

    @Flag(help: "Also show, on standard error, each sentence and whom intake read in it.")
    var explain = false

    func validate() throws {
        if let published, !Article.isDay(published) {
            throw ValidationError("--published must be a day, YYYY-MM-DD (e.g. --published 2022-02-14); got '\(published)'.")
        }
        if review && output == nil {
            throw ValidationError("--review needs --output FILE: the terminal is used for the review.")
        }
        if review && file == "-" {
            throw ValidationError("--review reads answers from standard input: give the article as a file, not -.")
        }
    }

    func run() async throws {
        let text = try IntakeArticleReading.read(file)
        let article = Article(text: text, published: published, title: title, url: url, publisher: publisher)
        if article.sentences.isEmpty {
            throw ValidationError("\(file == "-" ? "standard input" : file) has no article text (after leaving out page furniture).")
        }
        try await CommandContext.run(positional: ["file"]) { database in
            let service = IntakeService(database: database)
            let drafts = try await service.draft(article)
            if explain {
                FileHandle.standardError.write(Data((try await service.explain(article).joined(separator: "\n") + "\n").utf8))
            }
            var lines = drafts.jsonLines
            if review {
                guard let reviewed = try IntakeReview(lines: lines, article: article).run() else {
                    FileHandle.standardError.write(Data("intake: review ended; nothing written.\n".utf8))
                    throw ExitCode(1)
                }
                lines = reviewed
            }
            if let output {
                try Data(lines.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                print(IntakeSummaryText.render(drafts, written: output))
            } else {
                FileHandle.standardOutput.write(Data(lines.utf8))
                FileHandle.standardError.write(Data((IntakeSummaryText.render(drafts, written: nil) + "\n").utf8))
            }
        }
    }
}

/// Reading the article's bytes: UTF-8, else Latin-1 (old saved pages).
enum IntakeArticleReading {
    static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path): no such file, or not readable.")
            }
            data = contents
        }
        return Article.text(of: [UInt8](data))
    }
}
