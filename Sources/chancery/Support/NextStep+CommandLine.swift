import Foundation
import ChanceryModel

extension NextStep {
    /// The command that takes the step, as a person types it.
    var commandLine: String {
        switch self {
        case .listLetters: "chancery letters"
        case .showLetter(let ref): "chancery letter show " + Self.shellWord(ref)
        case .listActors(let kind): "chancery actor list" + (kind.map { " --kind " + $0.rawValue } ?? "")
        case .showActor(let name): "chancery actor show " + Self.shellWord(name)
        case .addActor(let name): "chancery actor add" + (name.map { " --name " + Self.shellWord($0) } ?? "") + " --kind …"
        case .editActor(let name): "chancery actor edit " + Self.shellWord(name) + " …"
        case .mergeActors(let duplicate, let kept):
            "chancery actor merge " + (duplicate.map(Self.shellWord) ?? "<duplicate>") + " --into " + Self.shellWord(kept)
        case .editRole(let id): "chancery role edit --id \(id) --new-period …"
        case .editMembership(let id): "chancery membership edit --id \(id) --new-period …"
        case .listEvents: "chancery event list"
        case .addEvent: "chancery event add …"
        case .showEvent(let ref): "chancery event show " + Self.shellWord(ref)
        case .listInvitations: "chancery invitation list"
        case .listSources: "chancery source list"
        case .listTokens: "chancery token list"
        case .listUsers: "chancery user list"
        }
    }

    /// `text` as one shell word: as it is when it holds nothing a shell reads, else in double
    /// quotes when nothing inside them is special, else in single quotes (which take every
    /// character as it is but the single quote, written '\'').
    static func shellWord(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "-_.,:/@+=".unicodeScalars.contains(scalar))
        }
        if plain { return text }
        if !text.contains(where: { "\"\\$`!".contains($0) }) { return "\"" + text + "\"" }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
