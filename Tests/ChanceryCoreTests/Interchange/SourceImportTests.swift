@testable import ChanceryCore
import Foundation
import TestFiles
import Testing
import ChanceryInterchange
import ChanceryModel

@Suite("Sources named by several records")
struct SourceImportTests {
    /// The stored source titled "Other report": publisher, excerpt, date retrieved.
    private static func stored(_ database: ChanceryDatabase) async throws -> [String?] {
        try await database.read { connection in
            let rows = try await connection.query(
                "SELECT publisher, excerpt, retrieved_on::text AS retrieved FROM source WHERE title = 'Other report'").rows
            #expect(rows.count == 1)
            return try rows.first.map { [try $0.decode("publisher"), try $0.decode("excerpt"), try $0.decode("retrieved")] } ?? []
        }
    }

    private static func citing(_ ref: String, _ source: String) -> String {
        letterRecord(ref, extra: #","sources":[{"title":"Other report"\#(source)}]"#)
    }

    @Test("a new source keeps the fields any record naming it gives; a differing one stays out, with a warning at its line")
    func fieldsFromEveryRecord() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let service = ImportService(database: database)
                let first = try writeDataset(baseRecords + [
                    Self.citing("L-1", ""),
                    Self.citing("L-2", #","excerpt":"EXC-A","publisher":"AFP""#),
                    Self.citing("L-3", #","excerpt":"EXC-B","publisher":"Reuters""#),
                ], named: "a.jsonl", in: folder)
                let report = try await service.run([first], options: ImportOptions())
                #expect(report.counts["source"] == ImportCounts(new: 1))
                #expect(try await Self.stored(database) == ["AFP", "EXC-A", nil])
                let l3Line = baseRecords.count + 4
                #expect(report.warnings.map(\.location.line) == [l3Line, l3Line])
                #expect(report.warnings.contains { $0.message.contains(#"publisher "Reuters" differs from the first one, "AFP""#) },
                        "\(report.warnings.map(\.message))")
                #expect(report.warnings.contains { $0.message.contains(#"excerpt "EXC-B""#) })
                for ref in ["L-1", "L-2", "L-3"] {
                    #expect(try await LetterService(database: database).show(ref).sources.map(\.title) == ["Other report"])
                }

                // A recorded source does not change: what a later import gives otherwise is named.
                let second = try writeDataset(baseRecords + [
                    Self.citing("L-4", #","retrieved":"2024-01-02""#),
                    Self.citing("L-5", #","publisher":"DPA""#),
                ], named: "b.jsonl", in: folder)
                let later = try await service.run([second], options: ImportOptions())
                #expect(later.counts["source"] == ImportCounts(unchanged: 1))
                #expect(try await Self.stored(database) == ["AFP", "EXC-A", nil])
                #expect(later.warnings.map(\.message) == [
                    #"source "Other report": its date retrieved "2024-01-02" is not recorded: the recorded source has none, and citing it does not change it; cite the other under a title or URL of its own to keep both"#,
                    #"source "Other report": its publisher "DPA" differs from the recorded one, "AFP", which is kept: a source has one publisher; cite the other under a title or URL of its own to keep both"#,
                ])
                let again = try await service.run([second], options: ImportOptions())
                #expect(again.counts["source"] == ImportCounts(unchanged: 1))
                #expect(try await Self.stored(database) == ["AFP", "EXC-A", nil])
            }
        }
    }

    @Test("the founding example's article keeps its excerpt, which only the second record naming it carries")
    func foundingExampleExcerpt() async throws {
        try await withChancery(foundingExample: true) { database in
            let excerpt: String? = try await database.read { connection in
                try await connection.query("SELECT excerpt FROM source WHERE title LIKE 'Exchange of Correspondence%'").rows.first?
                    .decode("excerpt")
            }
            #expect(excerpt?.hasPrefix("PHNOM PENH") == true, "\(excerpt ?? "no excerpt")")
        }
    }

    @Test("under --skip-invalid a rejected letter gives no source its values, and an edition only rejected letters came from is not kept")
    func rejectedRecordsLeaveNoSource() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let unknownEvent = #","events":["EV-NOWHERE"]"#
                let path = try writeDataset(baseRecords + [
                    letterRecord("L-1", extra: unknownEvent + #","sources":[{"title":"Other report","publisher":"AFP","excerpt":"EXC-A"}]"#),
                    Self.citing("L-2", #","publisher":"Reuters""#),
                    #"{"type":"letter","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-04","subject":"Lost","key":"k1","provenance":{"kind":"edition","title":"Lost edition"}\#(unknownEvent)}"#,
                ], named: "a.jsonl", in: folder)
                var options = ImportOptions()
                options.skipInvalid = true
                let report = try await ImportService(database: database).run([path], options: options)
                #expect(report.counts["letter"] == ImportCounts(new: 1, rejected: 2))
                #expect(report.counts["source"] == ImportCounts(new: 1))
                #expect(try await Self.stored(database) == ["Reuters", nil, nil])
                #expect(report.warnings.isEmpty, "\(report.warnings.map(\.message))")
                let editions = try await database.read { connection in
                    try await connection.query("SELECT count(*) AS n FROM source WHERE title = 'Lost edition'").rows[0].decode("n", as: Int.self)
                }
                #expect(editions == 0)
            }
        }
    }

    @Test("a source record nothing cites is kept as new; an edition takes no value from a rejected letter citing it")
    func standaloneSourcesAndEditions() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let edition = #""provenance":{"kind":"edition","title":"Edition Two"}"#
                let unknownEvent = #","events":["EV-NOWHERE"]"#
                let path = try writeDataset(baseRecords + [
                    #"{"type":"source","title":"Standalone report","url":"https://example.org/standalone","publisher":"AFP"}"#,
                    #"{"type":"letter","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-04","subject":"R1","key":"r1",\#(edition)"#
                        + #","sources":[{"kind":"edition","title":"Edition Two","publisher":"From the rejected record"}]\#(unknownEvent)}"#,
                    #"{"type":"letter","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-05","subject":"R2","key":"r2",\#(edition)}"#,
                ], named: "a.jsonl", in: folder)
                var options = ImportOptions()
                options.skipInvalid = true
                let report = try await ImportService(database: database).run([path], options: options)
                #expect(report.counts["letter"] == ImportCounts(new: 1, rejected: 1))
                #expect(report.counts["source"] == ImportCounts(new: 2))
                let sources = SourceService(database: database)
                #expect(try await sources.show("https://example.org/standalone").publisher == "AFP")
                let written = try await sources.show("Edition Two")
                #expect(written.publisher == nil && written.kind == .edition && written.lettersImported == 1)
            }
        }
    }

    @Test("a day read before the common era is refused at its line (the database's dates begin at 1 AD)")
    func retrievedBeforeTheEra() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset(baseRecords + [Self.citing("L-0", #","retrieved":"0000-03-03""#)], named: "zero.jsonl", in: folder)
                let refused = await #expect(throws: ImportRejected.self) {
                    try await ImportService(database: database).run([path], options: ImportOptions())
                }
                let rejected = refused?.report.rejected ?? []
                #expect(rejected.count == 1 && rejected[0].location.line == baseRecords.count + 2, "\(rejected)")
                #expect(rejected.first?.reason.contains("before the common era") == true)
            }
        }
    }

    @Test("an edition recorded before is named once in a warning, not once per pass")
    func editionWarnedOnce() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                func letter(_ key: String, publisher: String) -> String {
                    #"{"type":"letter","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-04","subject":"S\#(key)","key":"\#(key)","#
                        + #""provenance":{"kind":"edition","title":"My Edition"},"sources":[{"kind":"edition","title":"My Edition","publisher":"\#(publisher)"}]}"#
                }
                let service = ImportService(database: database)
                _ = try await service.run([try writeDataset(baseRecords + [letter("k1", publisher: "Pub A")], named: "a.jsonl", in: folder)],
                                          options: ImportOptions())
                #expect(try await SourceService(database: database).show("My Edition").publisher == "Pub A")
                let second = try await service.run([try writeDataset(baseRecords + [letter("k2", publisher: "Pub B")], named: "b.jsonl", in: folder)],
                                                   options: ImportOptions())
                #expect(second.warnings.map(\.message).filter { $0.contains("Pub B") }.count == 1, "\(second.warnings.map(\.message))")
            }
        }
    }
}
