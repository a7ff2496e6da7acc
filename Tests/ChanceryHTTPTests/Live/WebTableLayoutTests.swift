import ChanceryCore
import ChanceryHTTP
import ChanceryModel
import Foundation
import Logging
import Testing
import TestSupport

/// The register's table as Chromium lays it out at common desktop widths: a heading breaks only
/// between words ("Refere/nce" was the fault), a reference (US-ASEAN-2022-001) stays on one line,
/// and the page is no wider than the window. Chromium measures where each word's characters
/// fall (DOM ranges), which no HTML test can. Runs where the browser tools are installed, like
/// ``WebBrowserTests``.
@Suite("Web table layout in Chromium")
struct WebTableLayoutTests {
    /// Prints one line per fault and "checked …" at the end; exits 1 on a fault.
    static let script = #"""
    import sys
    from playwright.sync_api import sync_playwright

    MEASURE = """() => {
      const lines = range => new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
      const faults = [];
      let headings = 0, references = 0;
      for (const th of document.querySelectorAll('table.letters th')) {
        headings++;
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const word of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            if (lines(range) > 1) faults.push('heading word "' + word[0] + '" breaks across lines');
          }
        }
      }
      for (const td of document.querySelectorAll('table.letters td.ref')) {
        if (td.getClientRects().length === 0) continue;
        references++;
        const range = document.createRange();
        range.selectNodeContents(td);
        if (lines(range) > 1) faults.push('reference ' + td.textContent.trim() + ' wraps');
      }
      const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
      if (overflow > 0) faults.push(overflow + 'px wider than the window');
      return {faults, headings, references};
    }"""

    base = sys.argv[1]
    failures, headings, references = [], 0, 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for width in (1280, 1024):
            for path in ("/", "/?country=US"):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(base + path)
                result = page.evaluate(MEASURE)
                failures += [f"{path} at {width}px: {fault}" for fault in result["faults"]]
                headings += result["headings"]
                references += result["references"]
                page.close()
        browser.close()
    for failure in failures:
        print(failure)
    print(f"checked {headings} headings and {references} references, {len(failures)} faults")
    sys.exit(1 if failures or references == 0 else 0)
    """#

    @Test("at 1280 and 1024 px the register's headings break only between words and no reference wraps",
          .enabled(if: WebBrowserTests.toolsInstalled || WebBrowserTests.runsUnderCI, "needs scripts/ensure-browser-tools.sh"))
    func registerTableAtDesktopWidths() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let database = ChanceryDatabase(configuration: configuration, changedBy: "test", maximumConnections: 4)
            var settings = APIConfiguration()
            settings.port = 0
            settings.allowsAnonymousReads = true
            var logger = Logger(label: "chancery-test")
            logger.logLevel = .critical
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("table-layout-\(UUID().uuidString).py")
            defer { try? FileManager.default.removeItem(at: file) }
            do {
                _ = try await database.migrate()
                _ = try await FoundingExample.load(into: database)
                // Long subjects and long lists of parties: the columns that may wrap press on the others.
                let letters = LetterService(database: database)
                for index in 1...3 {
                    var draft = LetterDraft()
                    draft.ref = "US-ASEAN-2022-10\(index)"
                    draft.from = [ParticipantDraft(name: "Joe Biden", capacity: "President of the United States of America")]
                    draft.to = [ParticipantDraft(name: "ASEAN")]
                    draft.cc = ["Cambodia", "Indonesia", "Hun Sen"].map { ParticipantDraft(name: $0) }
                    draft.date = "2022-05-1\(index)"
                    draft.subject = "Follow-up on the Special ASEAN–United States Summit: maritime cooperation, pandemic recovery, "
                        + "climate finance, the Mekong–U.S. Partnership and people-to-people ties (part \(index))"
                    _ = try await letters.add(draft)
                }
                try Self.script.write(to: file, atomically: true, encoding: .utf8)
                let server = try await InProcessServer.start(ChanceryAPI(database: database, configuration: settings), logger: logger)
                // As WebBrowserTests: beside the rest of the suite on two cores, Chromium has taken
                // over two minutes to close after its last check.
                let outcome = try await Subprocess.run(WebBrowserTests.python, [file.path, "http://127.0.0.1:\(server.port)"],
                                                       timeout: .seconds(600))
                await server.stop()
                #expect(outcome.succeeded, "\(outcome.output)")
                #expect(outcome.output.contains(", 0 faults"), "\(outcome.output)")
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }
    }
}
