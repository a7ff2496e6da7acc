import Foundation

/// Shows how far a long import or export has got, on one terminal line redrawn in place:
/// a bar and an ETA when the input's size is known, and records per second.
///
/// It draws only on a terminal and when not quiet (a pipe or a log gets nothing), starts only
/// after half a second (short jobs print no progress at all) and redraws at most ten times a
/// second. Safe to call from any thread.
package final class ProgressReporter: @unchecked Sendable {
    private let total: Int?
    private let enabled: Bool
    private let write: (String) -> Void
    private let now: () -> Double
    private let lock = NSLock()
    private let started: Double
    private var bytes = 0
    private var records = 0
    private var lastDraw: Double?
    private var lastWidth = 0
    private var finished = false

    /// Seconds to wait before the first drawing, and between drawings.
    static let delay = 0.5, interval = 0.1

    /// - Parameters:
    ///   - total: the input's size in bytes, when known: then `advance(bytes:records:)` moves a bar.
    ///   - isTerminal: whether the output is a terminal (`isatty`); if not, nothing is drawn.
    ///   - quiet: draw nothing (`--quiet`).
    ///   - write: where the text goes (standard error).
    ///   - now: the clock in seconds, for tests.
    package init(total: Int?, isTerminal: Bool, quiet: Bool, write: @escaping (String) -> Void,
         now: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
        self.enabled = isTerminal && !quiet
        self.write = write
        self.now = now
        self.started = now()
    }

    /// Counts input read and records done.
    package func advance(bytes: Int, records: Int) {
        guard enabled else { return }
        let text: String? = lock.withLock {
            self.bytes += bytes
            self.records += records
            let time = now()
            guard !finished, time - started >= Self.delay, lastDraw.map({ time - $0 >= Self.interval }) ?? true else { return nil }
            lastDraw = time
            return frame(at: time)
        }
        if let text { write(text) }
    }

    /// Draws the final count and ends the line, if anything was drawn; later calls do nothing.
    package func finish() {
        guard enabled else { return }
        let text: String? = lock.withLock {
            guard !finished else { return nil }
            finished = true
            guard lastDraw != nil else { return nil }
            return frame(at: now()) + "\n"
        }
        if let text { write(text) }
    }

    /// `\r` and the line, padded to cover a longer previous one. Called with the lock held.
    private func frame(at time: Double) -> String {
        let line = Self.render(bytes: bytes, total: total, records: records, elapsed: time - started)
        let width = line.count
        defer { lastWidth = width }
        return "\r" + line + String(repeating: " ", count: max(0, lastWidth - width))
    }

    /// `[#########---------------]  37%  12,345 records  2,469/s  ETA 0:08`, or without a total
    /// `12,345 records  2,469/s`.
    static func render(bytes: Int, total: Int?, records: Int, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Int((Double(records) / elapsed).rounded()) : 0
        let counts = "\(grouped(records)) records  \(grouped(rate))/s"
        guard let total else { return counts }
        let fraction = min(1, Double(bytes) / Double(total))
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
        let percent = String(Int((fraction * 100).rounded(.down))).leftPadded(to: 3) + "%"
        var line = bar + " " + percent + "  " + counts
        if bytes > 0 && fraction < 1 {
            line += "  ETA " + duration(elapsed * (1 - fraction) / fraction)
        }
        return line
    }

    /// `0:08`, `12:34`, `1:02:03`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        let mmss = String(minutes) + ":" + String(secs).leftPadded(to: 2, with: "0")
        return hours > 0 ? String(hours) + ":" + String(mmss).leftPadded(to: 5, with: "0") : mmss
    }

    /// `12,345`: grouped by hand so the line does not depend on the locale.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (number < 0 ? "-" : "") + text
    }
}

private extension String {
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        String(repeating: pad, count: max(0, width - count)) + self
    }
}
