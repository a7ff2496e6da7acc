import Foundation
import ChanceryModel
import LibPQClient
import ChanceryInterchange

/// One import inside its transaction: stage every file, then merge.
struct ImportRun {
    let connection: PostgresConnection
    let options: ImportOptions
    let sources: [ImportSource]
    var report = ImportReport()
    private var stager = RecordStager()
    private var rejectedTypes: [String: Int] = [:]
    /// The files whose first header was read.
    private var filesWithHeader: Set<Int> = []

    init(connection: PostgresConnection, options: ImportOptions, sources: [ImportSource]) {
        self.connection = connection
        self.options = options
        self.sources = sources
        report.dryRun = options.dryRun
    }

    /// Reads every file, staging records through COPY every few thousand rows.
    mutating func stageAll() async throws {
        try await StagingBuffers.create(on: connection)
        try await connection.execute("CREATE TEMP TABLE stg_reject (rec bigint NOT NULL, reason text NOT NULL) ON COMMIT DROP")
        // Warnings are collected after each stage; `id` says which are new (a stage may warn of a
        // line before one an earlier stage warned of, so an offset in line order loses some).
        try await connection.execute(
            "CREATE TEMP TABLE stg_warning (id bigint GENERATED ALWAYS AS IDENTITY, rec bigint NOT NULL, message text NOT NULL, "
                + "merge_actor text, merge_into text) ON COMMIT DROP")
        // Records of an own export that would undo a change made since it (`ChangedSinceExport`),
        // and whether to put the file's version back, for changes up to when.
        try await connection.execute("CREATE TEMP TABLE stg_newer (rec bigint NOT NULL, kept boolean NOT NULL) ON COMMIT DROP")
        // Records of another register's copy of a letter, event or invitation kept as the
        // register has them (`RecordOrigins`): first recorded here, or in a third register, or
        // an older export of the register they were first recorded in.
        try await connection.execute(
            "CREATE TEMP TABLE stg_kept_copy (rec bigint NOT NULL, ref text NOT NULL, ours boolean NOT NULL, origin_register uuid, "
                + "file_moment timestamptz, taken_moment timestamptz) ON COMMIT DROP")
        try await connection.execute(
            "CREATE TEMP TABLE stg_options ON COMMIT DROP AS SELECT \(options.revertNewer) AS revert_newer, "
                + "\(options.revertNewerUpTo)::timestamptz AS revert_up_to")
        // The refs of letters, events and invitations refused, while staging (a field no record may have)
        // or by the merge (`FileRecordNames.noteRefused`): the records of their file that name
        // them are not the register's records of those refs.
        try await connection.execute("CREATE TEMP TABLE stg_refused_ref (file_no int NOT NULL, noun text NOT NULL, ref text NOT NULL) ON COMMIT DROP")
        try await connection.execute("CREATE INDEX ON stg_refused_ref (noun, ref)")
        try await connection.execute(
            "CREATE TEMP TABLE stg_file (file_no int PRIMARY KEY, strict boolean NOT NULL, name text NOT NULL, "
                + "own_export boolean NOT NULL DEFAULT false, exported_at timestamptz, register uuid) ON COMMIT DROP")
        for (fileNumber, source) in sources.enumerated() {
            try await connection.execute(
                "INSERT INTO stg_file (file_no, strict, name) VALUES (\(fileNumber)::int, \(source.strict), \(source.displayName))")
        }
        let totalBytes = sources.reduce(0) { $0 + $1.size }
        var bytes = 0
        var records = 0
        for (fileNumber, source) in sources.enumerated() {
            let pump = ReaderPump(makeReader: source.makeReader)
            let reader = source.makeReader()
            do {
                while let batch = try await pump.nextBatch() {
                    for output in batch {
                        switch output {
                        case .item(let item):
                            records += 1
                            bytes += item.raw.utf8.count + 1
                            if let reason = stager.stage(item, fileNumber: fileNumber) {
                                reject(RejectedRecord(location: item.location, reason: reason, raw: item.raw), type: item.record.typeName)
                                noteRefused(item.record, fileNumber: fileNumber)
                            }
                        case .invalid(let rejected):
                            records += 1
                            bytes += rejected.raw.utf8.count + 1
                            let named = reader.unreadableRecord(rejected.raw)
                            reject(rejected, type: named.type)
                            for ref in Set(rejected.names + [named.ref].compactMap { $0 }) {
                                noteRefused((named.type, ref), fileNumber: fileNumber)
                            }
                        case .warning(let warning):
                            report.warningCount += 1
                            if report.warnings.count < 1000 { report.warnings.append(warning) }
                        case .exportedBy(let register, let exported):
                            // The first header decides; a later one (files joined) can only
                            // take the file out of this register's own, and make its moment
                            // earlier (the earliest given stands for all; the reader warns
                            // when some headers give none).
                            // The register a file's letters come from: its headers' one register, if they name one.
                            let first = filesWithHeader.insert(fileNumber).inserted
                            let registerID = register.flatMap(RegisterID.id(text:))
                            try await connection.execute(
                                """
                                UPDATE stg_file
                                   SET own_export = (\(first) OR own_export)
                                                    AND coalesce(\(register) = (SELECT id::text FROM register_identity), false),
                                       register = CASE WHEN \(first) OR register = \(registerID)::uuid THEN \(registerID)::uuid END,
                                       exported_at = CASE WHEN \(first) THEN \(exported)::timestamptz
                                                          ELSE least(exported_at, \(exported)::timestamptz) END
                                 WHERE file_no = \(fileNumber)::int
                                """)
                        }
                    }
                    if stager.buffers.rowCount >= 20_000 { try await stager.flush(on: connection) }
                    options.progress?(min(bytes, totalBytes), records, totalBytes)
                }
            } catch {
                pump.cancel()
                throw error
            }
        }
        try await stager.flush(on: connection)
        try await connection.execute(
            "INSERT INTO stg_refused_ref SELECT * FROM unnest(\(refused.files)::int8[], \(refused.nouns)::text[], \(refused.refs)::text[])")
        report.ownExports = try await connection.query("SELECT name FROM stg_file WHERE own_export ORDER BY file_no")
            .rows.map { try $0.decode("name") }
        report.exportsOfOneRegister = try await connection.query("SELECT name FROM stg_file WHERE register IS NOT NULL ORDER BY file_no")
            .rows.map { try $0.decode("name") }
        // An export dated later than now (a clock set wrong, a hand-edited header) would make
        // every change since look older than it.
        for row in try await connection.query(
            """
            SELECT name, to_char(exported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS "UTC"') AS exported,
                   to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS "UTC"') AS now
            FROM stg_file WHERE own_export AND exported_at > now() ORDER BY file_no
            """).rows {
            let name: String = try row.decode("name"), exported: String = try row.decode("exported"), now: String = try row.decode("now")
            report.warningCount += 1
            report.warnings.append(ImportWarning(
                location: RecordLocation(file: name, line: 1),
                message: "header: the file says it was exported on \(exported), later than this register's clock (\(now)): changes made in "
                    + "the register since it was made cannot be told from older ones; check the clock of the server that exported it"))
        }
        options.progress?(totalBytes, records, totalBytes)
        for table in StagingTable.allCases { try await connection.execute(table.analyzeStatement) }
    }

    private mutating func noteRefused(_ record: DatasetRecord, fileNumber: Int) {
        switch record {
        case .letter(let letter):
            // Records of its file name a letter by its ref, or an edition's letter by its key.
            for name in Set([letter.ref, letter.key].compactMap { $0 }) { noteRefused(("letter", name), fileNumber: fileNumber) }
        case .event(let event): noteRefused(("event", event.ref), fileNumber: fileNumber)
        case .invitation(let invitation): noteRefused(("invitation", invitation.ref), fileNumber: fileNumber)
        default: return
        }
    }

    private mutating func noteRefused(_ named: (type: String, ref: String?), fileNumber: Int) {
        guard ["letter", "event", "invitation"].contains(named.type),
              let ref = named.ref.map({ $0.trimmingCharacters(in: .whitespaces) }), !ref.isEmpty else { return }
        refused.files.append(Int64(fileNumber))
        refused.nouns.append(named.type)
        refused.refs.append(ref)
    }

    private var refused: (files: [Int64], nouns: [String], refs: [String]) = ([], [], [])

    private mutating func reject(_ record: RejectedRecord, type: String) {
        report.rejected.append(record)
        rejectedTypes[type, default: 0] += 1
    }

    /// Merges staged records stage by stage, each after what it refers to; in all-or-nothing
    /// mode it stops at the first stage that rejects anything.
    mutating func merge() async throws {
        let actors = ActorMerge(connection: connection)
        let events = EventMerge(connection: connection, actors: actors)
        let letters = LetterMerge(connection: connection, actors: actors)
        let invitations = InvitationMerge(connection: connection, actors: actors)
        let sourcesMerge = SourceMerge(connection: connection)
        try await actors.prepare()
        try await proceed()

        let statistics = StatisticsRefresh(connection: connection)
        let actorCounts = try await actors.merge()
        report.add(actorCounts, for: "actor")
        try await statistics.afterWriting(actorCounts.new + actorCounts.updated, to: ["actor", "actor_alias"])
        try await actors.resolveReferences()
        try await events.prepareMembershipsAndRoles()
        try await events.prepareEvents()
        try await proceed()
        report.add(try await events.writeMemberships(), for: "membership")
        let roleCounts = try await events.writeRoles()
        report.add(roleCounts, for: "role")
        try await statistics.afterWriting(roleCounts.new + roleCounts.updated, to: ["role_held", "membership"])
        report.add(try await events.writeEvents(), for: "event")

        // Provenance sources first: letters are matched by provenance and key.
        let editions = try await sourcesMerge.writeEditions()
        try await letters.prepare()
        // A letter linking to a rejected letter is rejected in turn, until none is left (links
        // were resolved once already: with nothing rejected, they stand).
        var rejectedCount = 0
        while true {
            let count = try await connection.query("SELECT count(*) AS n FROM stg_reject").rows[0].decode("n", as: Int.self)
            if count == rejectedCount { break }
            rejectedCount = count
            try await letters.forgetRefused()
            try await letters.resolveLinks()
        }
        try await proceed()
        report.add(try await letters.write(), for: "letter")
        report.add(try await invitations.writeInvitations(), for: "invitation")
        report.add(try await invitations.writeResponses(), for: "response")
        let sources = try await sourcesMerge.writeSources(completing: editions)
        try await sourcesMerge.writeCitations()
        report.add(try await sourcesMerge.settle(editions: editions, sources: sources), for: "source")
        try await proceed()
        report.unusableStagingIndexes = try await connection.query(
            """
            SELECT pg_get_indexdef(i.indexrelid) AS definition
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            WHERE i.indcheckxmin AND c.relnamespace = pg_my_temp_schema()
            ORDER BY 1
            """).rows.map { try $0.decode("definition") }
    }

    /// Collects the rejections found so far. An import that writes all or nothing goes on to
    /// the end all the same, as one that skips them would, so that its report names every
    /// record refused (those refused with another too) before it writes nothing.
    private mutating func proceed() async throws {
        let rows = try await connection.query(
            """
            SELECT r.rec, s.file_no, s.line, s.element, s.type, string_agg(DISTINCT r.reason, '; ') AS reason
            FROM stg_reject r JOIN stg_record s USING (rec)
            WHERE NOT r.rec = ANY(\(reportedRecords)::int8[])
            GROUP BY r.rec, s.file_no, s.line, s.element, s.type
            ORDER BY s.file_no, s.line
            """).rows
        for row in rows {
            let fileNumber: Int = try row.decode("file_no")
            let location = RecordLocation(file: sources[fileNumber].displayName, line: try row.decode("line"),
                                          element: try row.decode("element"))
            reportedRecords.append(try row.decode("rec"))
            reject(RejectedRecord(location: location, reason: try row.decode("reason"), raw: ""), type: try row.decode("type"))
        }
        // In the order the files were given, then by line.
        let fileOrder = Dictionary(sources.enumerated().map { ($1.displayName, $0) }, uniquingKeysWith: min)
        report.rejected.sort {
            (fileOrder[$0.location.file] ?? 0, $0.location.line, $0.location.element ?? "")
                < (fileOrder[$1.location.file] ?? 0, $1.location.line, $1.location.element ?? "")
        }
        let warnings = try await connection.query(
            // (Not of a record refused since: what it would have been is moot.)
            "SELECT w.id, s.file_no, s.line, s.element, w.message, w.merge_actor, w.merge_into FROM stg_warning w JOIN stg_record s USING (rec) "
                + "WHERE w.id > \(lastWarningID) AND w.rec NOT IN (SELECT rec FROM stg_reject) ORDER BY s.file_no, s.line, w.id").rows
        for row in warnings {
            warningsReported += 1
            lastWarningID = max(lastWarningID, try row.decode("id", as: Int64.self))
            let fileNumber: Int = try row.decode("file_no")
            let location = RecordLocation(file: sources[fileNumber].displayName, line: try row.decode("line"),
                                          element: try row.decode("element"))
            report.warningCount += 1
            // The merge's warnings are kept apart from the reader's, which can be a thousand of one
            // kind ("placeName skipped") and would crowd out what the merge says of the register.
            guard warningsReported <= 1000 else { continue }
            let mergeActor: String? = try row.decode("merge_actor"), mergeInto: String? = try row.decode("merge_into")
            let merge = mergeActor.flatMap { actor in mergeInto.map { MergeSuggestion(actor: actor, into: $0) } }
            report.warnings.append(ImportWarning(location: location, message: try row.decode("message"), merge: merge))
        }
        for (type, count) in rejectedTypes {
            report.counts[type, default: ImportCounts()].rejected = count
        }
        // A record partly put back and partly kept (a change after the check's moment) counts as kept.
        let newer = try await connection.query(
            "SELECT count(DISTINCT rec) AS n, count(DISTINCT rec) FILTER (WHERE rec NOT IN (SELECT rec FROM stg_newer WHERE kept)) AS put_back FROM stg_newer"
        ).rows[0]
        report.changedSinceExport = try newer.decode("n")
        report.putBackSinceExport = try newer.decode("put_back")
        report.keptAsHere = try await connection.query("SELECT count(DISTINCT rec) AS n FROM stg_kept_copy").rows[0].decode("n")
    }

    private var reportedRecords: [Int64] = []
    private var warningsReported = 0
    private var lastWarningID: Int64 = 0
}
