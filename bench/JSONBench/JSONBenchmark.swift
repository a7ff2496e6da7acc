// chancery-json-bench: times writing a page of 50 letter summaries (the letter listing's
// response) with CompactJSONWriter and with JSONEncoder, the reference, in the same run,
// alternating blocks, and checks that both write the same bytes. Not a test: run it with
// `swift run -c release chancery-json-bench [pages-per-block]`.
import ChanceryModel
import ChanceryRendering
import Foundation

let dates = ["2022-05-12", "2022-05", "1985-12-01/1985-12-31", "2006-03-14?", "../1541-07-18"]
let page = (0..<50).map { index in
    LetterSummary(ref: "US-KH-2006-\(1000 + index)", kind: .letter, date: UncertainDate.stored(dates[index % dates.count])!,
                  subject: "Invitation to the Special ASEAN–U.S. Summit in Washington, D.C. (\(index))",
                  from: ["Joe Biden"], to: ["Hun Sen", "ASEAN"], cc: index % 3 == 0 ? ["Joko Widodo"] : [], via: ["Indonesia"])
}
let cursor = "b2Zmc2V0PTUw"
let pagesPerBlock = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 2000

let encoder = CompactJSONWriter.apiEncoder()
let reference = try encoder.encode(Page(items: page, nextCursor: cursor))
guard Array(reference) == LetterSummary.pageJSON(page, nextCursor: cursor) else {
    FileHandle.standardError.write(Data("CompactJSONWriter and JSONEncoder differ on the benchmark page\n".utf8))
    exit(1)
}

func microsecondsPerPage(_ body: () throws -> Int) rethrows -> Double {
    let clock = ContinuousClock()
    let started = clock.now
    var bytes = 0
    for _ in 0..<pagesPerBlock { bytes &+= try body() }
    precondition(bytes > 0)
    let elapsed = clock.now - started
    return (Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12) / Double(pagesPerBlock)
}

var written: [Double] = [], encoded: [Double] = []
for _ in 0..<7 {
    written.append(microsecondsPerPage { LetterSummary.pageJSON(page, nextCursor: cursor).count })
    encoded.append(try microsecondsPerPage { try encoder.encode(Page(items: page, nextCursor: cursor)).count })
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
let ratio = median(written) / median(encoded)
print("""
    A page of 50 letter summaries (\(reference.count) bytes), medians of 7 alternating blocks of \(pagesPerBlock) pages:
    | writer | µs per page |
    |---|---:|
    | CompactJSONWriter | \(String(format: "%.1f", median(written))) |
    | JSONEncoder (reference) | \(String(format: "%.1f", median(encoded))) |
    CompactJSONWriter takes \(String(format: "%.2f", ratio))× JSONEncoder's time; the bytes are identical.
    """)
