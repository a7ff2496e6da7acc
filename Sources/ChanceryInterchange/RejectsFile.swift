import Foundation

/// Writes rejected records to a file in their input's format (a JSON Lines header, a CSV header
/// row or a TEI wrapper around them), so they can be fixed and imported again. Records of
/// several inputs go to a file per input: each keeps its own format and header.
package enum RejectsFile {
    /// How the rejects of each of several inputs are named.
    package enum Naming: Sendable {
        /// After the path given: `rejected.jsonl` becomes `rejected-letters.csv` for `letters.csv`.
        case afterPath
        /// After each input, in the current folder: `letters.rejected.csv` (the default name).
        case afterInput
    }

    /// The default rejects file of an input: `NAME.rejected.EXT` in the current folder, since
    /// the input's own folder may not be writable (`stdin.rejected.EXT` for standard input, EXT
    /// its format's).
    package static func defaultPath(for input: String, fileExtension: String = "") -> String {
        let name = URL(fileURLWithPath: input).lastPathComponent
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            return name + ".rejected" + (fileExtension.isEmpty ? "" : "." + fileExtension)
        }
        return String(name[..<dot]) + ".rejected" + String(name[dot...])
    }

    /// Writes the rejected records to `path`, or, when they come from several inputs, to a file
    /// per input named as `naming` says. Returns the files written, in the inputs' order.
    /// `exportsOfOneRegister`: the inputs whose headers all name one register (the report's),
    /// whose header, register id and all, an input's rejects file keeps: corrected, its records
    /// come back as that register's (its own records, or another's whose origins the import
    /// records).
    @discardableResult
    package static func write(_ rejected: [RejectedRecord], sources: [ImportSource], exportsOfOneRegister: [String] = [],
                              to path: String, naming: Naming = .afterPath) async throws -> [String] {
        let records = try await withText(rejected, sources: sources)
        let inputs = sources.filter { source in records.contains { $0.location.file == source.displayName } }
        // A rejects file never replaces an input (a fixed rejects file given again beside a new
        // file of its first name) nor another rejects file of this import.
        var taken = Set(sources.map { canonical($0.displayName) })
        func free(_ path: String) -> String {
            var target = path, suffix = 2
            while taken.contains(canonical(target)) {
                target = insert("-\(suffix)", beforeExtensionOf: path)
                suffix += 1
            }
            taken.insert(canonical(target))
            return target
        }
        guard inputs.count > 1 else {
            let source = inputs.first ?? sources.first
            let ofOneRegister = source.map { exportsOfOneRegister.contains($0.displayName) } == true
            let target = free(path)
            try write(records, as: source, ofOneRegister: ofOneRegister, to: target)
            return [target]
        }
        var written: [String] = []
        for source in inputs {
            let target = free(naming == .afterInput ? defaultPath(for: source.displayName, fileExtension: source.fileExtension)
                                                    : Self.path(naming: path, for: source))
            try write(records.filter { $0.location.file == source.displayName }, as: source,
                      ofOneRegister: exportsOfOneRegister.contains(source.displayName), to: target)
            written.append(target)
        }
        return written
    }

    /// Records rejected by the database carry no text yet: their files are read again for it.
    private static func withText(_ rejected: [RejectedRecord], sources: [ImportSource]) async throws -> [RejectedRecord] {
        var records = rejected
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
        return records
    }

    /// One file of one input's records, under that input's header.
    private static func write(_ records: [RejectedRecord], as source: ImportSource?, ofOneRegister: Bool, to path: String) throws {
        let output = try TextOutput.file(atPath: path, field: "rejects")
        defer { output.close() }
        let reader = source?.makeReader()
        // A file of several registers' exports joined must not be given back as one register's.
        output.write((ofOneRegister ? reader?.rejectsPrologue : reader?.rejectsPrologueOfNoRegister) ?? "")
        var written = Set<String>()
        // An edition's actor records carry their letter's element: write each text once.
        for record in records where written.insert(record.location.description + "\u{0}" + record.raw).inserted {
            output.write(record.raw)
            if !record.raw.hasSuffix("\n") { output.write("\n") }
        }
        output.write(reader?.rejectsEpilogue ?? "")
        try output.commit()
    }

    /// `rejected.jsonl` for the input `letters.csv`: `rejected-letters.csv`, in the folder the
    /// path names.
    private static func path(naming path: String, for source: ImportSource) -> String {
        let input = URL(fileURLWithPath: source.displayName).deletingPathExtension().lastPathComponent
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        let stem = dot.map { String(name[..<$0]) } ?? name
        let fileExtension = source.fileExtension.isEmpty ? dot.map { String(name[name.index(after: $0)...]) } ?? "" : source.fileExtension
        return folder + stem + "-" + input + (fileExtension.isEmpty ? "" : "." + fileExtension)
    }

    /// The file a path names, however it is written (`./x.jsonl`, `/tmp/../tmp/x.jsonl`).
    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func insert(_ text: String, beforeExtensionOf path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + text }
        return String(path[..<dot]) + text + String(path[dot...])
    }
}
