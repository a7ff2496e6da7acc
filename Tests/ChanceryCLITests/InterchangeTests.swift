import Foundation
import Testing

/// `chancery import` and `chancery export` end to end: the real binary, a real database.
@Suite("chancery import and export")
struct InterchangeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ChanceryInterchangeTests/Fixtures/cmif")

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chancery-\(UUID().uuidString)-\(name)").path
    }

    @Test("the CMIF fixtures import with their letters, actors, sources and date bounds; twice changes nothing")
    func cmifFixtures() async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            let files = ["example01_basic.xml", "example02_cmi-with-printed-edition.xml"].map { Self.fixtures.appendingPathComponent($0).path }
            let first = try await database.run(["import"] + files)
            #expect(first.status == 0, "\(first)")
            let before = try await database.counts(["letter", "actor", "source", "citation", "letter_participant"])
            #expect(before["letter"] == 6, "\(before)")
            #expect(before["actor"] == 7, "\(before)")
            // Example 2's @key letters belong to the edition their @source names, which is their
            // provenance: the file itself is no further source (issue 20).
            #expect(before["source"] == 3, "\(before)")
            let bounds = try await database.scalar(
                "SELECT sent_earliest || '…' || sent_latest FROM letter WHERE external_key = 'http://www.weber-gesamtausgabe.de/A044980'")
            #expect(bounds == "1810-07-11…1810-07-18")
            let gnd = try await database.scalar("SELECT gnd_id FROM actor WHERE name = 'Weber, Carl Maria von'")
            #expect(gnd == "118629662")
            let geonames = try await database.scalar(
                "SELECT received_place_geonames_id::text FROM letter WHERE external_key = 'http://www.weber-gesamtausgabe.de/A044980'")
            #expect(geonames == "2873891")

            let second = try await database.run(["import"] + files)
            #expect(second.status == 0, "\(second)")
            #expect(try await database.counts(["letter", "actor", "source", "citation", "letter_participant"]) == before)
        }
    }

    @Test("the founding example's CMIF export validates against the CMI schema")
    func cmifExportValidates() async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            try #require(try await database.run("demo").status == 0)
            let output = Self.temporaryFile("export.xml")
            defer { try? FileManager.default.removeItem(atPath: output) }
            let export = try await database.run("export", "--format", "cmif", "--output", output,
                                                "--url", "https://example.org/cmif/founding.xml",
                                                "--license", "https://creativecommons.org/licenses/by/4.0/")
            #expect(export.status == 0, "\(export)")
            let xmllint = try #require(["/usr/bin/xmllint", "/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                       "xmllint is missing: scripts/ensure-deps.sh installs libxml2-utils")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: xmllint)
            process.arguments = ["--noout", "--relaxng", Self.fixtures.appendingPathComponent("cmi-customization.rng").path, output]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(message)")
            let text = try String(contentsOfFile: output, encoding: .utf8)
            #expect(text.components(separatedBy: "<correspDesc").count - 1 == 3)
            #expect(text.contains(#"<idno type="url">https://example.org/cmif/founding.xml</idno>"#))
        }
    }

    @Test("JSON Lines round-trips exactly: export, import into an empty database, export again")
    func jsonLinesRoundTrip() async throws {
        let first = Self.temporaryFile("first.jsonl"), second = Self.temporaryFile("second.jsonl")
        defer { for path in [first, second] { try? FileManager.default.removeItem(atPath: path) } }
        try await ScratchDatabase.with(migrate: true) { database in
            try #require(try await database.run("demo").status == 0)
            let reply = try await database.run("letter", "add", "--from", "Joe Biden", "--to", "Hun Sen", "--date", "2022-05-20?",
                                               "--subject", "Thanks, with a \"quote\" and a tab\tinside", "--reply-to", "KH-US-2022-001",
                                               "--source-url", "https://example.org/report", "--source-title", "Report")
            try #require(reply.status == 0, "\(reply)")
            let export = try await database.run("export", "--output", first)
            #expect(export.status == 0, "\(export)")
        }
        try await ScratchDatabase.with(migrate: true) { database in
            let imported = try await database.run("import", first)
            #expect(imported.status == 0, "\(imported)")
            let export = try await database.run("export", "--format", "jsonl", "--output", second)
            #expect(export.status == 0, "\(export)")
        }
        let a = try String(contentsOfFile: first, encoding: .utf8), b = try String(contentsOfFile: second, encoding: .utf8)
        // Every record the same, but that the refilled register says where each letter came from
        // (the first register and its ref there); each header names the register that wrote it,
        // and the refilled register is another one.
        let headers = [a, b].map { $0.prefix { $0 != "\n" } }
        #expect(headers.allSatisfy { $0.hasPrefix(#"{"type":"chancery-dataset","version":1,"register":""#) }, "\(headers)")
        #expect(headers[0] != headers[1])
        let firstRegister = try #require(headers[0].firstMatch(of: #/"register":"([0-9a-f-]{36})"/#)?.1)
        let letters = b.split(separator: "\n").filter { $0.hasPrefix(#"{"type":"letter""#) }
        #expect(letters.count == 4 && letters.allSatisfy { line in
            line.firstMatch(of: #/^\{"type":"letter","ref":"([^"]+)"/#).map { line.hasSuffix(#","origin":{"register":"\#(firstRegister)","ref":"\#($0.1)"}}"#) } == true
        }, "\(letters)")
        let withoutOrigin = b.replacing(#/,"origin":\{"register":"[0-9a-f-]{36}","ref":"[^"]+"\}/#, with: "")
        #expect(a.split(separator: "\n").dropFirst() == withoutOrigin.split(separator: "\n").dropFirst())
        #expect(a.split(separator: "\n").count > 15)
        #expect(a.contains(#""retrieved":""#), "the source's retrieval day travels with it")
    }

    @Test("a bad CSV row: nothing written and the line named; --skip-invalid writes the rest and the rejects file holds that row")
    func badRow() async throws {
        let input = Self.temporaryFile("letters.csv"), rejects = Self.temporaryFile("rejects.csv")
        defer { for path in [input, rejects] { try? FileManager.default.removeItem(atPath: path) } }
        let header = "ref,date,sender,sender_kind,recipient,recipient_kind,subject"
        let bad = "R-2,2022-02-30,Ada Example,person,Bo Example,person,Second"
        try [header, "R-1,2022-02-01,Ada Example,person,Bo Example,person,First", bad,
             "R-3,2022-03-01,Bo Example,person,Ada Example,person,Third"].joined(separator: "\n").appending("\n")
            .write(toFile: input, atomically: true, encoding: .utf8)
        try await ScratchDatabase.with(migrate: true) { database in
            let refused = try await database.run("import", input)
            #expect(refused.status == 65, "\(refused)")
            #expect(refused.stderr.contains("letters.csv:3"), "\(refused)")
            #expect(refused.stderr.contains("nothing was written"), "\(refused)")
            #expect(try await database.counts(["letter", "actor"]) == ["letter": 0, "actor": 0])

            let skipped = try await database.run("import", input, "--skip-invalid", "--rejects", rejects)
            #expect(skipped.status == 0, "\(skipped)")
            #expect(try await database.counts(["letter"]) == ["letter": 2])
            #expect(try String(contentsOfFile: rejects, encoding: .utf8) == header + "\n" + bad + "\n")

            // Without --rejects, the rejected rows go to NAME.rejected.EXT in the current folder.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-rejects-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let again = try await CLI.run(["import", input, "--skip-invalid"], environment: database.environment, directory: folder)
            #expect(again.status == 0, "\(again)")
            let defaultRejects = folder.appendingPathComponent(URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent + ".rejected.csv")
            #expect(try String(contentsOf: defaultRejects, encoding: .utf8) == header + "\n" + bad + "\n")
            // A rejected row counts as a letter (every CSV row is one), not as a record of no type.
            #expect(again.stdout.range(of: #"letter\s+0\s+2\s+0\s+1\n"#, options: .regularExpression) != nil, "\(again)")
            // From standard input, the default name takes the format's extension.
            let piped = try await CLI.run(["import", "-", "--skip-invalid"], environment: database.environment, directory: folder,
                                          input: try String(contentsOfFile: input, encoding: .utf8))
            #expect(piped.status == 0, "\(piped)")
            let stdinRejects = folder.appendingPathComponent("stdin.rejected.csv")
            #expect(try String(contentsOf: stdinRejects, encoding: .utf8) == header + "\n" + bad + "\n", "\(piped)")
            #expect(piped.stdout.contains("Rejected records written to stdin.rejected.csv"), "\(piped)")
        }
    }

    @Test("rejected records of several inputs go to a file each, in each input's format, an export keeping its register's header")
    func rejectsOfSeveralInputs() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-rejects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = "ref,date,sender,sender_kind,recipient,recipient_kind,subject"
        let badRow = "R-2,2022-02-30,Ada Example,person,Bo Example,person,Second"
        try [header, "R-1,2022-02-01,Ada Example,person,Bo Example,person,First", badRow].joined(separator: "\n").appending("\n")
            .write(to: folder.appendingPathComponent("table.csv"), atomically: true, encoding: .utf8)
        let register = UUID().uuidString.lowercased()
        let exportHeader = #"{"type":"chancery-dataset","version":1,"register":"\#(register)","exported":"2026-12-01T10:00:00.000Z"}"#
        let badLetter = #"{"type":"letter","ref":"XX-XX-1701-002","from":[{"name":"Carl"}],"to":[{"name":"Dora"}],"date":"1701-02-31","subject":"Bad"}"#
        try [exportHeader, #"{"type":"actor","kind":"person","name":"Carl"}"#, #"{"type":"actor","kind":"person","name":"Dora"}"#,
             #"{"type":"letter","ref":"XX-XX-1701-001","from":[{"name":"Carl"}],"to":[{"name":"Dora"}],"date":"1701-01-01","subject":"Good"}"#,
             badLetter].joined(separator: "\n").appending("\n")
            .write(to: folder.appendingPathComponent("theirs.jsonl"), atomically: true, encoding: .utf8)
        try await ScratchDatabase.with(migrate: true) { database in
            // A folder that does not exist is refused before anything is imported.
            let nowhere = try await CLI.run(["import", "table.csv", "theirs.jsonl", "--skip-invalid", "--rejects", "missing/fix.csv"],
                                            environment: database.environment, directory: folder)
            #expect(nowhere.status == 65 && nowhere.stderr.contains("(--rejects) the folder of 'missing/fix.csv' does not exist"), "\(nowhere)")
            #expect(try await database.counts(["letter"]) == ["letter": 0])

            let named = try await CLI.run(["import", "table.csv", "theirs.jsonl", "--skip-invalid", "--rejects", "fix.csv"],
                                          environment: database.environment, directory: folder)
            #expect(named.status == 0 && named.stdout.contains("Rejected records written to fix-table.csv (from table.csv), fix-theirs.jsonl (from theirs.jsonl)."), "\(named)")
            #expect(try String(contentsOf: folder.appendingPathComponent("fix-table.csv"), encoding: .utf8) == header + "\n" + badRow + "\n")
            #expect(try String(contentsOf: folder.appendingPathComponent("fix-theirs.jsonl"), encoding: .utf8) == exportHeader + "\n" + badLetter + "\n")
            #expect(try await database.counts(["letter"]) == ["letter": 2])

            let byDefault = try await CLI.run(["import", "table.csv", "theirs.jsonl", "--skip-invalid"], environment: database.environment,
                                              directory: folder)
            #expect(byDefault.stdout.contains("Rejected records written to table.rejected.csv (from table.csv), theirs.rejected.jsonl (from theirs.jsonl)."), "\(byDefault)")
            #expect(try String(contentsOf: folder.appendingPathComponent("theirs.rejected.jsonl"), encoding: .utf8)
                    == exportHeader + "\n" + badLetter + "\n")

            // Given again beside the file it came from (mended wrongly again), a rejects file is an
            // input: never replaced.
            let fixed = exportHeader + "\n" + badLetter.replacingOccurrences(of: "1701-02-31", with: "1701-02-30") + "\n"
            try fixed.write(to: folder.appendingPathComponent("theirs.rejected.jsonl"), atomically: true, encoding: .utf8)
            let both = try await CLI.run(["import", "theirs.rejected.jsonl", "theirs.jsonl", "--skip-invalid", "--dry-run"],
                                         environment: database.environment, directory: folder)
            #expect(both.stdout.contains("Rejected records written to theirs.rejected.rejected.jsonl (from theirs.rejected.jsonl), theirs.rejected-2.jsonl (from theirs.jsonl)."), "\(both)")
            #expect(try String(contentsOf: folder.appendingPathComponent("theirs.rejected.jsonl"), encoding: .utf8) == fixed)
        }
    }

    @Test("--dry-run reports what would happen and writes nothing; --json gives the counts")
    func dryRun() async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            let file = Self.fixtures.appendingPathComponent("example01_basic.xml").path
            let result = try await database.run("import", file, "--dry-run", "--json")
            #expect(result.status == 0, "\(result)")
            let report = try result.jsonObject()
            let letters = try #require((report["counts"] as? [String: Any])?["letter"] as? [String: Any])
            #expect(letters["new"] as? Int == 3)
            #expect(report["dryRun"] as? Bool == true)
            #expect(try await database.counts(["letter"]) == ["letter": 0])
        }
    }

    @Test("a filtered export carries the letters its letters link to, so it imports into an empty database")
    func filteredExportImportsOnItsOwn() async throws {
        let file = Self.temporaryFile("us-kh.jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await ScratchDatabase.with(migrate: true) { database in
            try #require(try await database.run("demo").status == 0)
            let export = try await database.run("export", "--between", "US", "KH", "--output", file)
            #expect(export.status == 0, "\(export)")
        }
        try await ScratchDatabase.with(migrate: true) { database in
            let imported = try await database.run("import", file)
            #expect(imported.status == 0, "\(imported)")
            let refs = try await database.run("letters", "--json")
            #expect(try refs.jsonArray().compactMap { $0["ref"] as? String }.sorted()
                    == ["KH-US-2022-001", "US-ASEAN-2022-001", "US-KH-2022-001"])
        }
    }

    @Test("an export that fails leaves the file it was to replace as it was, and no partial file; one that succeeds replaces it")
    func failedExportKeepsTheFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("keep.jsonl").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: file))
        try await ScratchDatabase.with(demo: true) { database in
            for filter in [["--country", "XY"], ["--since", "2022-13"], ["--person", "Nobody At All"]] {
                let failed = try await database.run(["export"] + filter + ["--output", file])
                #expect(failed.status != 0, "\(filter): \(failed)")
                #expect(try String(contentsOfFile: file, encoding: .utf8) == "precious\n", "\(filter)")
            }
            let missing = folder.appendingPathComponent("never.jsonl").path
            #expect(try await database.run("export", "--country", "XY", "--output", missing).status != 0)
            #expect(!FileManager.default.fileExists(atPath: missing))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.jsonl"], "no partial file is left")
            let exported = try await database.run("export", "--country", "KH", "--output", file)
            #expect(exported.status == 0, "\(exported)")
            #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix(#"{"type":"chancery-dataset""#))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.jsonl"])
        }
    }

    @Test("an export keeps a replaced file's mode, writes through a symbolic link and into a device, and replaces neither")
    func exportTargetsKeepWhatTheyAre() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let privateFile = folder.appendingPathComponent("private.jsonl").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: privateFile))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: privateFile)
        let target = folder.appendingPathComponent("target.jsonl").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        let link = folder.appendingPathComponent("link.jsonl").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try await ScratchDatabase.with(demo: true) { database in
            for path in [privateFile, link, "/dev/null"] {
                let exported = try await database.run("export", "--country", "KH", "--output", path)
                #expect(exported.status == 0, "\(path): \(exported)")
            }
        }
        #expect(try FileManager.default.attributesOfItem(atPath: privateFile)[.posixPermissions] as? Int == 0o600)
        #expect(try String(contentsOfFile: privateFile, encoding: .utf8).hasPrefix(#"{"type":"chancery-dataset""#))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "the link is still a link")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix(#"{"type":"chancery-dataset""#))
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    /// FoundationXML killed the process on `<?default?>` (found by fuzz-cmif): the binary must
    /// now import such a file whole, and refuse one declaring an entity, writing nothing.
    @Test("a CMIF file with a processing instruction without data imports whole; one declaring an entity is refused")
    func processingInstructionsAndEntities() async throws {
        let original = try String(contentsOf: Self.fixtures.appendingPathComponent("example01_basic.xml"), encoding: .utf8)
        let withInstruction = Self.temporaryFile("instruction.xml")
        let withEntity = Self.temporaryFile("entity.xml")
        defer { for file in [withInstruction, withEntity] { try? FileManager.default.removeItem(atPath: file) } }
        try original.replacingOccurrences(of: "<TEI ", with: "<?default?><TEI ").write(toFile: withInstruction, atomically: true, encoding: .utf8)
        try original.replacingOccurrences(of: "<TEI ", with: "<!DOCTYPE TEI [<!ENTITY e \"&#60;?x?>\">]>\n<TEI ")
            .write(toFile: withEntity, atomically: true, encoding: .utf8)
        try await ScratchDatabase.with(migrate: true) { database in
            let refused = try await database.run("import", withEntity)
            #expect(refused.status == 65 && refused.stderr.contains("line 3 declares an entity"), "\(refused)")
            #expect(try await database.counts(["letter"]) == ["letter": 0])
            let imported = try await database.run("import", withInstruction)
            #expect(imported.status == 0, "\(imported)")
            #expect(try await database.counts(["letter"]) == ["letter": 3])
        }
    }
}
