@testable import ChanceryRendering
@testable import ChanceryModel
import ChanceryInterchange
import EDTF
import Foundation
import Testing

@Suite("Progress reporter")
struct ProgressReporterTests {
    /// A clock the test moves by hand, and the text written.
    final class Harness: @unchecked Sendable {
        var time = 100.0
        var written: [String] = []
    }

    @Test("on a terminal it waits half a second, redraws at most ten times a second, and ends the line")
    func terminal() {
        let harness = Harness()
        let progress = ProgressReporter(total: 1_000, isTerminal: true, quiet: false,
                                        write: { harness.written.append($0) }, now: { harness.time })
        harness.time = 100.2
        progress.advance(bytes: 100, records: 10)
        #expect(harness.written.isEmpty)
        harness.time = 101.0
        progress.advance(bytes: 150, records: 990)
        let first = "[######------------------]  25%  1,000 records  1,000/s  ETA 0:03"
        #expect(harness.written == ["\r" + first])
        harness.time = 101.05
        progress.advance(bytes: 250, records: 1_000)
        #expect(harness.written.count == 1)
        harness.time = 102.0
        progress.advance(bytes: 500, records: 1_000)
        // A shorter line is padded with spaces to cover the end of the longer one before it.
        let done = "[########################] 100%  3,000 records  1,500/s"
        #expect(harness.written.last == "\r" + done + String(repeating: " ", count: first.count - done.count))
        progress.finish()
        #expect(harness.written.last == "\r" + done + "\n")
        progress.advance(bytes: 0, records: 5)
        progress.finish()
        #expect(harness.written.count == 3)
    }

    @Test("without a total it shows the count and rate, padding over a longer line")
    func withoutTotal() {
        let harness = Harness()
        let progress = ProgressReporter(total: nil, isTerminal: true, quiet: false,
                                        write: { harness.written.append($0) }, now: { harness.time })
        harness.time = 110.0
        progress.advance(bytes: 0, records: 123_456)
        #expect(harness.written == ["\r123,456 records  12,346/s"])
        #expect(ProgressReporter.render(bytes: 0, total: nil, records: 5, elapsed: 20) == "5 records  0/s")
    }

    @Test("a pipe, a quiet run or a short job gets nothing")
    func silent() {
        let harness = Harness()
        for (terminal, quiet) in [(false, false), (true, true)] {
            let progress = ProgressReporter(total: 10, isTerminal: terminal, quiet: quiet,
                                            write: { harness.written.append($0) }, now: { harness.time })
            harness.time += 5
            progress.advance(bytes: 5, records: 5)
            progress.finish()
        }
        let short = ProgressReporter(total: nil, isTerminal: true, quiet: false,
                                     write: { harness.written.append($0) }, now: { harness.time })
        short.advance(bytes: 0, records: 1)
        short.finish()
        #expect(harness.written.isEmpty)
    }

    @Test("durations and grouped numbers")
    func formatting() {
        #expect(ProgressReporter.duration(8) == "0:08")
        #expect(ProgressReporter.duration(754) == "12:34")
        #expect(ProgressReporter.duration(3_723) == "1:02:03")
        #expect(ProgressReporter.grouped(0) == "0")
        #expect(ProgressReporter.grouped(999) == "999")
        #expect(ProgressReporter.grouped(1_234_567) == "1,234,567")
    }
}
