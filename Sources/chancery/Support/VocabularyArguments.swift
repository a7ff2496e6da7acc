public import ArgumentParser
import ChanceryCore
import Foundation
public import Logging
public import ChanceryModel
public import ChanceryRendering
public import ChanceryInterchange
// The domain's closed vocabularies as option values, so `--help` lists the choices and the parser
// refuses any other value, naming the valid ones, before a database is opened. The conformances
// live here, in the CLI, so that the domain knows nothing of the argument parser. (Only
// swift-log's level needs `@retroactive`: the domain's types are declared in this package.)

extension RawRepresentable where RawValue == String, Self: CaseIterable {
    /// The value named by `argument` in any case, with `-` for `_` (`note-verbale`), as the
    /// services and the API accept it.
    init?(vocabularyArgument argument: String) {
        self.init(rawValue: argument.lowercased().replacingOccurrences(of: "-", with: "_"))
    }
}

extension LetterKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension Classification: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension ActorKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension EventKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension EventStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension ResponseStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
    /// An answer is given, not pending (the service refuses it): `--help` offers the others.
    public static var allValueStrings: [String] { allCases.filter { $0 != .pending }.map(\.rawValue) }
}

extension AccessRole: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension CountrySide: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension TimelineGrouping: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension TimelineFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension NetworkFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension NetworkLevel: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension InterchangeFormat: ExpressibleByArgument {
    /// Also the other names the format is known by (`json`, `ndjson`, `xml`).
    public init?(argument: String) {
        guard let format = try? InterchangeFormat.parse(argument) else { return nil }
        self = format
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}

extension SourceKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(vocabularyArgument: argument) }
}
