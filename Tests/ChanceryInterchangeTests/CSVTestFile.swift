@testable import ChanceryInterchange
@testable import ChanceryModel
import EDTF
import Foundation
import TestFiles

/// Files for the CSV tests, each in a folder of its own under the temporary directory.
enum CSVTestFile {
    /// Writes `text` to a new file in a folder of its own and returns its path.
    static func write(_ text: String, name: String = "letters.csv") throws -> String {
        try TemporaryTestFile.write(text, name: name)
    }

    /// Removes the folder `write` made.
    static func remove(_ path: String) { TemporaryTestFile.remove(path) }

    /// Everything `CSVLetterReader` hands on for a file holding `text`.
    static func read(_ text: String, name: String = "letters.csv") throws -> [ReaderOutput] {
        let path = try write(text, name: name)
        defer { remove(path) }
        var outputs: [ReaderOutput] = []
        try CSVLetterReader(path: path, displayName: name).read { outputs.append($0) }
        return outputs
    }

    /// The records a parser yields for a file holding `text`.
    static func records(_ text: String, maxRecordBytes: Int = 8 << 20) throws -> [CSVRecord] {
        let path = try write(text)
        defer { remove(path) }
        var records: [CSVRecord] = []
        try CSVParser(path: path, maxRecordBytes: maxRecordBytes).forEachRecord { records.append($0); return true }
        return records
    }
}

extension ReaderOutput {
    var letter: LetterDraft? {
        if case .item(let item) = self, case .letter(let letter) = item.record { return letter }
        return nil
    }

    var actor: (draft: ActorDraft, key: String?)? {
        if case .item(let item) = self, case .actor(let draft, let key) = item.record { return (draft, key) }
        return nil
    }

    var rejected: RejectedRecord? {
        if case .invalid(let rejected) = self { return rejected }
        return nil
    }

    var warning: ImportWarning? {
        if case .warning(let warning) = self { return warning }
        return nil
    }
}
