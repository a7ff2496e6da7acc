import ChanceryModel
/// Who held which office on the article's date, from the register's roles.
struct RoleBook {
    let gazetteer: Gazetteer
    /// The article's day (EDTF), or nil: then offices still held (no end) count.
    let day: String?
    private let actorByName: [String: Int]

    init(gazetteer: Gazetteer, day: String?) {
        self.gazetteer = gazetteer
        self.day = day
        var byName: [String: Int] = [:]
        for (n, actor) in gazetteer.actors.enumerated() where byName[actor.name] == nil { byName[actor.name] = n }
        actorByName = byName
    }

    func index(of name: String) -> Int? { actorByName[name] }

    private func current(_ role: Gazetteer.KnownRole) -> Bool {
        guard let day else { return true }
        if let from = role.from, from > day { return false }
        if let until = role.until, until < day { return false }
        return true
    }

    /// The one holder of an office (of a state or organization, when given) on the day.
    func holder(title: String, of: String?) -> Int? {
        let wanted = Titles.canonical(title)
        let matches = gazetteer.roles.filter { role in
            Titles.canonical(role.title) == wanted && (of == nil || role.of == of) && current(role)
                && actorByName[role.holder].map { gazetteer.actors[$0].kind == .person } == true
        }
        var holders = Set(matches.map(\.holder))
        // Without the article's date, an office still held (no end) is the likelier reading.
        if day == nil, holders.count > 1 { holders = Set(matches.filter { $0.until == nil }.map(\.holder)) }
        guard holders.count == 1, let name = holders.first else { return nil }
        return actorByName[name]
    }

    /// The office a person held on the day (the one matching `title` when given).
    func office(of person: Int, title: String?) -> Gazetteer.KnownRole? {
        let name = gazetteer.actors[person].name
        let held = gazetteer.roles.filter { $0.holder == name && current($0) }
        let ordered = day == nil ? held.sorted { ($0.until == nil ? 0 : 1) < ($1.until == nil ? 0 : 1) } : held
        if let title {
            let wanted = Titles.canonical(title)
            if let match = ordered.first(where: { Titles.canonical($0.title) == wanted }) { return match }
        }
        return ordered.first
    }
}
