import Foundation
import Testing

/// The import summary of the real binary: thousands of rejected rows read as a few reasons with
/// counts and their first lines; the rejects file keeps every row.
@Suite("chancery import summary")
struct ImportSummaryTests {
    @Test("--dry-run summarizes rejections by reason with counts and first lines; --rejects keeps every row")
    func summaryByReason() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-summary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("letters.csv").path, rejects = folder.appendingPathComponent("rejects.csv").path
        let header = "key,sender,recipient,date"
        var rows: [String] = []
        for number in 1...1200 { rows.append("\(number),Ada Example,Bo Example,1900-01-\(String(format: "%02d", number % 28 + 1))") }
        let badDates = (1...1500).map { "d\($0),Ada Example,Bo Example,1900-13-\(String(format: "%02d", $0 % 28 + 1))" }
        let noSender = (1...300).map { "s\($0),,Bo Example,1900-02-01" }
        // Interleaved, so each reason's first lines are spread over the file.
        let bad = zip(badDates.prefix(300), noSender).flatMap { [$0, $1] } + badDates.dropFirst(300)
        try ([header] + rows + bad).joined(separator: "\n").appending("\n").write(toFile: input, atomically: true, encoding: .utf8)

        try await ScratchDatabase.with(migrate: true) { database in
            let result = try await database.run("import", input, "--dry-run", "--skip-invalid", "--rejects", rejects)
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let rejectedLines = lines.filter { $0.hasPrefix("rejected:") }
            #expect(rejectedLines.count == 3, "\(result)")
            #expect(rejectedLines.first?.contains("1800 records for 2 reasons") == true, "\(result)")
            #expect(rejectedLines.first?.contains("every one is in \(rejects)") == true, "\(result)")
            #expect(rejectedLines.dropFirst().first?.hasPrefix("rejected: 1500 × column 'date': invalid date") == true,
                    "\(result)")
            #expect(rejectedLines.last?.hasPrefix("rejected: 300 × column 'sender' is empty") == true, "\(result)")
            // The dates differ from row to row and the line shows the first's; the empty senders are one message.
            #expect(rejectedLines.dropFirst().first?.hasSuffix("(as the first says it; each of the others names its own)") == true, "\(result)")
            #expect(rejectedLines.last?.hasSuffix("in 'sender_id'") == true, "\(result)")
            #expect(lines.contains("    at \(input):1202, 1204, 1206, 1208, 1210 and 1495 more"), "\(result)")
            #expect(lines.contains("    at \(input):1203, 1205, 1207, 1209, 1211 and 295 more"), "\(result)")
            #expect(lines.count < 20, "\(result)")
            let kept = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
            #expect(kept.count == 1 + 1800)
            #expect(try await database.counts(["letter"]) == ["letter": 0])

            // All or nothing: the same summary, on standard error.
            let refused = try await database.run("import", input)
            #expect(refused.status == 65, "\(refused)")
            #expect(refused.stderr.contains("rejected: 1800 records for 2 reasons (--rejects FILE keeps every one):"), "\(refused)")
            #expect(refused.stderr.contains("rejected: 300 × column 'sender' is empty"), "\(refused)")
            #expect(refused.stderr.split(separator: "\n").count < 20, "\(refused)")
        }
    }

    @Test("new actors whose names are close to others' are listed one pair a line, each with its merge, apart from the other warnings")
    func possibleDuplicates() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-duplicates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("letters.csv").path
        // Twelve legacy open dates ("/?") make more warnings than are listed one by one: grouped
        // by reason, they would hide the pairs among "N × …" lines.
        let pairs = [("Graf Johann Friedrich von Solms-Laubach", "Graf Johann Friedrich von Solm-Laubach"),
                     ("Johann O'Neill Müller", "Johann O'Neil Müller"), ("Conrad Samuel Schurzfleisch", "Conrad Samuel Schurzﬂeisch")]
        var rows = ["sender,recipient,date,subject,colour"]
        for (index, pair) in pairs.enumerated() {
            rows.append("Philipp Jakob Spener,\(pair.0),1690-01-0\(index + 1),First,red")
            rows.append("Philipp Jakob Spener,\(pair.1),1690-02-0\(index + 1),Second,red")
        }
        for day in 1...12 { rows.append("Philipp Jakob Spener,Anna Francke,1690-03-\(String(format: "%02d", day))/?,Note \(day),\(day)") }
        try (rows.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)

        try await ScratchDatabase.with(migrate: true) { database in
            let result = try await database.run("import", input, "--dry-run")
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let start = try #require(lines.firstIndex { $0.hasPrefix("possible duplicates: 3 new actors whose names are close to others'") },
                                     "\(result)")
            #expect(Array(lines[(start + 1)...].prefix(3)) == [
                "    \(input):3: chancery actor merge 'Graf Johann Friedrich von Solm-Laubach' --into 'Graf Johann Friedrich von Solms-Laubach'",
                "    \(input):5: chancery actor merge 'Johann O'\\''Neil Müller' --into 'Johann O'\\''Neill Müller'",
                "    \(input):7: chancery actor merge 'Conrad Samuel Schurzﬂeisch' --into 'Conrad Samuel Schurzfleisch'",
            ], "\(result)")
            // The pairs are not among the grouped warnings.
            #expect(lines.contains { $0.hasPrefix("warning: 13 warnings;") }, "\(result)")
            #expect(!lines.contains { $0.hasPrefix("warning:") && $0.contains("is close to") }, "\(result)")
        }
    }
}
