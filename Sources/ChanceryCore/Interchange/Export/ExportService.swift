import Foundation
import LibPQClient
public import ChanceryModel
public import ChanceryInterchange
/// Writes the register, or the letters a query selects with what they refer to, in one of the
/// interchange formats. Rows are read through a cursor in batches and written as they come, so
/// memory stays flat however large the register is.
public struct ExportService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// Exports to `path` (standard output when nil); `query` nil exports everything. Returns
    /// the number of letters written.
    @discardableResult
    public func export(format: InterchangeFormat, query: LetterQuery?, to path: String?,
                       publication: CMIFPublication = CMIFPublication()) async throws -> Int {
        for (field, value) in [("url", publication.url), ("license", publication.licenceURL), ("letter-url-prefix", publication.letterURLPrefix)] {
            guard let value else { continue }
            guard value.hasPrefix("http://") || value.hasPrefix("https://"), !value.contains(where: \.isWhitespace) else {
                throw ChanceryError.invalid(field, "'\(value)' is not an http(s) URL", hint: "Give the address the file or page will have.")
            }
        }
        let output = try path.map { try TextOutput.file(atPath: $0) } ?? TextOutput.standardOutput()
        defer { output.close() }
        return try await database.read { connection in
            let exported = try await RegisterIdentity.exportMoment(on: connection)
            return try await connection.withTransaction { transaction in
                // One snapshot for the whole export (not READ ONLY: it builds temporary tables).
                try await transaction.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                let reader = DatasetExportReader(connection: transaction)
                try await reader.select(query)
                let register = try await RegisterIdentity.read(on: transaction)
                var header = CMIFExportHeader(publication)
                header.register = register
                header.exported = exported
                // CMIF names each letter's edition in the header, which is written before the letters.
                if format == .cmif { header.add(editions: try await reader.editions()) }
                var writer: any RecordWriter = switch format {
                case .jsonl: JSONLinesWriter(register: register, exported: exported)
                case .csv: CSVLetterWriter()
                case .cmif: CorrespDescWriter.cmif(header: header)
                case .tei: CorrespDescWriter.tei(header: header)
                }
                try writer.begin(output)
                let count = try await reader.records { record in try writer.write(record, to: output) }
                try writer.end(output)
                try output.commit()
                return count
            }
        }
    }
}
