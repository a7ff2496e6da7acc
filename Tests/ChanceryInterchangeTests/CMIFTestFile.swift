@testable import ChanceryInterchange
@testable import ChanceryModel
import EDTF
import Foundation
import TestFiles

/// Files and outputs for the CMIF tests.
enum CMIFTestFile {
    /// `Tests/ChanceryInterchangeTests/Fixtures/cmif`: copies of the TEI Correspondence SIG's examples and
    /// schema, so a clone without `../shared` has them too.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cmif")

    /// The originals the copies come from, beside the repository (absent in a plain clone).
    static let sharedFixtures = URL(fileURLWithPath: #filePath)
        .appendingPathComponent("../../../../shared/fixtures/cmif").standardizedFileURL

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// The CMIF RelaxNG schema.
    static var schema: String { fixture("cmi-customization.rng") }

    /// Writes `text` to a new file in a folder of its own and returns its path.
    static func write(_ text: String, name: String = "letters.xml") throws -> String {
        try TemporaryTestFile.write(text, name: name)
    }

    /// Removes the folder `write` made.
    static func remove(_ path: String) { TemporaryTestFile.remove(path) }

    /// Everything `CMIFReader` hands on for the file at `path`.
    static func read(path: String, name: String = "letters.xml") throws -> [ReaderOutput] {
        var outputs: [ReaderOutput] = []
        try CMIFReader(path: path, displayName: name).read { outputs.append($0) }
        return outputs
    }

    /// Everything `CMIFReader` hands on for a file holding `text`.
    static func read(_ text: String) throws -> [ReaderOutput] {
        let path = try write(text)
        defer { remove(path) }
        return try read(path: path)
    }

    /// A CMIF document around `correspDescs`, with one bibl `#ed`.
    static func document(_ correspDescs: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <TEI xmlns="http://www.tei-c.org/ns/1.0">
          <teiHeader>
            <fileDesc>
              <titleStmt><title>Test edition</title><editor>Test</editor></titleStmt>
              <publicationStmt>
                <publisher>Test</publisher>
                <idno type="url">https://example.org/cmif.xml</idno>
                <date when="2024-01-01"/>
                <availability><p>Test</p></availability>
              </publicationStmt>
              <sourceDesc>
                <bibl type="online" xml:id="ed">Test edition, <ref target="https://example.org/">example.org</ref></bibl>
              </sourceDesc>
            </fileDesc>
            <profileDesc>
        \(correspDescs)
            </profileDesc>
          </teiHeader>
          <text><body><p/></body></text>
        </TEI>
        """
    }

    /// A letter from A (GND) to B, with the given sent `date` element.
    static func letter(date: String, extra: String = "") -> String {
        """
        <correspDesc key="1" source="#ed">
          <correspAction type="sent">
            <persName ref="http://d-nb.info/gnd/118629662">Weber, Carl Maria von</persName>
            \(date)
          </correspAction>
          <correspAction type="received">
            <persName>Pastenaci, E.</persName>
          </correspAction>
          \(extra)
        </correspDesc>
        """
    }

    /// What a writer writes for `records`.
    static func written(_ records: [DatasetRecord], with writer: some RecordWriter) throws -> String {
        var writer = writer
        let path = try write("", name: "export.xml")
        defer { remove(path) }
        let output = try TextOutput.file(atPath: path)
        try writer.begin(output)
        for record in records { try writer.write(record, to: output) }
        try writer.end(output)
        try output.commit()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The founding example's records (`Data/founding-example.jsonl`).
    static func foundingExample() throws -> [DatasetRecord] {
        let url = fixtures.appendingPathComponent("../../../../Data/founding-example.jsonl").standardizedFileURL
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(DatasetRecord.self, from: Data($0.utf8)) }
    }

    /// Where xmllint is installed, if it is.
    static let xmllintPath = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        .first(where: FileManager.default.isExecutableFile(atPath:))

    /// xmllint's exit status and messages for `arguments` plus a file holding `text`; nil when
    /// xmllint is not installed (`apt-get install libxml2-utils`).
    static func xmllint(_ arguments: [String], _ text: String) throws -> (status: Int32, messages: String)? {
        guard let tool = xmllintPath else { return nil }
        let path = try write(text, name: "checked.xml")
        defer { remove(path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments + [path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let messages = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, messages)
    }
}

/// The parts of a reader's output, by kind.
struct CMIFOutputs {
    var letters: [LetterDraft] = []
    var actors: [(draft: ActorDraft, key: String?)] = []
    var rejected: [RejectedRecord] = []
    var warnings: [ImportWarning] = []
    var items: [ImportItem] = []
    /// The register id the file's header names, if it does.
    var register: String?

    init(_ outputs: [ReaderOutput]) {
        for output in outputs {
            switch output {
            case .item(let item):
                items.append(item)
                switch item.record {
                case .letter(let letter): letters.append(letter)
                case .actor(let draft, let key): actors.append((draft, key))
                default: break
                }
            case .invalid(let record): rejected.append(record)
            case .warning(let warning): warnings.append(warning)
            case .exportedBy(let id, _): register = id
            }
        }
    }
}
