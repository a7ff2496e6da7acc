import Foundation

/// Writes rejected records to a file in their input's format (a JSON Lines header, a CSV header
/// row or a TEI wrapper around them), so they can be fixed and imported again.
package enum RejectsFile {
    /// `exportsOfOneRegister`: the inputs whose headers all name one register (the report's),
    /// whose header, register id and all, the rejects file keeps when its records are all
    /// theirs: corrected, they come back as that register's (its own records, or another's
    /// whose origins the import records).
    package static func write(_ rejected: [RejectedRecord], sources: [ImportSource], exportsOfOneRegister: [String] = [],
                              to path: String) async throws {
        var records = rejected
        // Records rejected by the database carry no text yet: read their files again for it.
        for source in sources {
            let wanted = Set(records.filter { $0.raw.isEmpty && $0.location.file == source.displayName }.map(\.location))
            guard !wanted.isEmpty else { continue }
            var found: [RecordLocation: String] = [:]
            let pump = ReaderPump(makeReader: source.makeReader)
            while let batch = try await pump.nextBatch() {
                for case .item(let item) in batch where wanted.contains(item.location) { found[item.location] = item.raw }
            }
            for index in records.indices where records[index].raw.isEmpty {
                records[index].raw = found[records[index].location] ?? ""
            }
        }
        let output = try TextOutput.file(atPath: path)
        defer { output.close() }
        let firstSource = sources.first { source in records.contains { $0.location.file == source.displayName } } ?? sources.first
        let reader = firstSource?.makeReader()
        // Records of several inputs under one header, or of a file of several registers' exports
        // joined, must not be given back as one register's.
        let inputs = Set(records.map(\.location.file))
        let oneRegister = inputs.count == 1 && firstSource.map { exportsOfOneRegister.contains($0.displayName) } == true
        output.write((oneRegister ? reader?.rejectsPrologue : reader?.rejectsPrologueOfNoRegister) ?? "")
        var written = Set<String>()
        // An edition's actor records carry their letter's element: write each text once.
        for record in records where written.insert(record.location.description + "\u{0}" + record.raw).inserted {
            output.write(record.raw)
            if !record.raw.hasSuffix("\n") { output.write("\n") }
        }
        output.write(reader?.rejectsEpilogue ?? "")
        try output.commit()
    }
}
