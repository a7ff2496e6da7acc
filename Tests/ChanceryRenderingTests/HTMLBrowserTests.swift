@testable import ChanceryRendering
@testable import ChanceryModel
import ChanceryInterchange
import EDTF
import Foundation
import Testing

/// The HTML report opened in a real browser (headless Chromium, via
/// `scripts/render-html-report.sh`): it must render to a screenshot without a single console
/// message. Skipped only on a machine without Chromium and outside CI; under CI (env `CI` set)
/// a missing Chromium fails the test, since `scripts/ensure-deps.sh` installs it there.
@Suite("Timeline HTML in Chromium")
struct TimelineHTMLBrowserTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repositoryRoot.appendingPathComponent("scripts/render-html-report.sh").path

    static var chromiumInstalled: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: $0 + "/chromium") }
    }

    static var runsUnderCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// Runs the script on `html`; its exit status, output and the PNG's bytes.
    private func render(_ html: String) async throws -> (status: Int32, output: String, png: Data?) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-browser-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("report.html")
        let screenshot = directory.appendingPathComponent("report.png")
        try Data(html.utf8).write(to: input)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script, input.path, screenshot.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        // Waiting through the termination handler keeps the browser's seconds off the test pool's threads.
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (status, output, FileManager.default.contents(atPath: screenshot.path))
    }

    @Test("the founding example's report renders without console messages",
          .enabled(if: chromiumInstalled || runsUnderCI, "needs chromium (apt-get install chromium)"))
    func foundingExampleRenders() async throws {
        let timeline = FoundingExampleTimelines.unitedStatesCambodia
        let result = try await render(try TimelineFormat.html.render(timeline))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasSuffix("report.png\n"), "\(result.output)")
        let png = try #require(result.png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test("a page that writes to the console fails the check",
          .enabled(if: chromiumInstalled || runsUnderCI, "needs chromium (apt-get install chromium)"))
    func consoleErrorsFail() async throws {
        let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>t</title></head>"
            + "<body><p>x</p><script>console.error(\"injected\")</script></body></html>"
        let result = try await render(page)
        #expect(result.status != 0)
        #expect(result.output.contains("injected"), "\(result.output)")
    }
}
