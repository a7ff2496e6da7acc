// chancery-json-bench: times writing the two responses clients read most, a page of 50 letter
// summaries (`GET /v1/letters`) and a letter's detail (`GET /v1/letters/{ref}`), with
// CompactJSONWriter and with JSONEncoder, the reference, in the same run, alternating blocks, and
// checks that both write the same bytes. Not a test: run it with
// `swift run -c release chancery-json-bench [repetitions-per-block]`.
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
// The shape the HTTP benchmark reads: three participants, two links, a source.
let detail = LetterDetail(
    ref: "US-KH-2022-001", revision: 3, kind: .letter, date: UncertainDate.stored("2022-01-28")!,
    subject: "Invitation to the Special ASEAN–U.S. Summit in Washington, D.C.",
    summary: "President Biden invites the ASEAN leaders to a special summit in Washington.",
    classification: .unclassified, sentPlace: "Washington, D.C.", awaitingReply: true,
    participants: [Participant(role: .author, position: 1, name: "Joe Biden", kind: .person, capacity: "President",
                               onBehalfOf: "United States", country: "US"),
                   Participant(role: .recipient, position: 1, name: "Hun Sen", kind: .person, capacity: "Prime Minister",
                               onBehalfOf: "Cambodia", country: "KH"),
                   Participant(role: .transmitter, position: 1, name: "Indonesia", kind: .state, country: "ID")],
    links: [LinkedLetter(kind: .replyTo, ref: "KH-US-2021-014", subject: "On the ASEAN chairmanship", date: UncertainDate.stored("2021-11")!),
            LinkedLetter(kind: .encloses, ref: "US-ASEAN-2022-002", subject: "Letter to the ASEAN leaders", date: UncertainDate.stored("2022-01-28")!)],
    linkedFrom: [], invitations: ["INV-2022-001"], events: ["EV-2022-SUMMIT"],
    sources: [CitedSource(kind: .news, title: "Biden invites ASEAN leaders", publisher: "Khmer Times",
                          url: "https://www.khmertimeskh.com/501012345/", published: UncertainDate.stored("2022-02-01"))])
let repetitions = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 2000
let encoder = CompactJSONWriter.apiEncoder()

func microsecondsPerCall(_ body: () throws -> Int) rethrows -> Double {
    let clock = ContinuousClock()
    let started = clock.now
    var bytes = 0
    for _ in 0..<repetitions { bytes &+= try body() }
    precondition(bytes > 0)
    let elapsed = clock.now - started
    return (Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12) / Double(repetitions)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// One table row: the writer against JSONEncoder over 7 alternating blocks; exits when they differ.
func compare(_ name: String, written: () -> [UInt8], encoded: () throws -> Data) throws -> String {
    let reference = try encoded()
    guard Array(reference) == written() else {
        FileHandle.standardError.write(Data("CompactJSONWriter and JSONEncoder differ on \(name)\n".utf8))
        exit(1)
    }
    var writerTimes: [Double] = [], encoderTimes: [Double] = []
    for _ in 0..<7 {
        writerTimes.append(microsecondsPerCall { written().count })
        encoderTimes.append(try microsecondsPerCall { try encoded().count })
    }
    let ratio = median(writerTimes) / median(encoderTimes)
    return "| \(name) (\(reference.count) bytes) | \(String(format: "%.1f", median(writerTimes))) | "
        + "\(String(format: "%.1f", median(encoderTimes))) | \(String(format: "%.2f", ratio))× |"
}

let rows = [
    try compare("a page of 50 letter summaries", written: { LetterSummary.pageJSON(page, nextCursor: cursor) },
                encoded: { try encoder.encode(Page(items: page, nextCursor: cursor)) }),
    try compare("a letter's detail", written: { detail.compactJSON }, encoded: { try encoder.encode(detail) }),
]
print("""
    Medians of 7 alternating blocks of \(repetitions) calls; the bytes are identical:
    | response | CompactJSONWriter µs | JSONEncoder µs (reference) | ratio |
    |---|---:|---:|---:|
    \(rows.joined(separator: "\n"))
    """)
