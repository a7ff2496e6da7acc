/// The fixed cast of the archive: states, organizations, persons, the offices they hold over
/// 1945–2026 and the organizations' members. Its size does not depend on the number of letters.

enum ActorKind: String { case person, state, organization }

struct StateInfo {
    var iso: String
    var name: String
    var capital: String
    var capitalNative: String?
    var actor: Int
    var culture: Int
    var weight: Double
    /// Head-of-state and/or head-of-government offices (President, Prime Minister).
    var heads: [Int] = []
    var foreignMinister = -1
    /// Ambassadors this state sends: (receiving state, office).
    var embassies: [(to: Int, office: Int)] = []
    var simpleName: Bool { !name.contains(",") && !name.contains("(") }
}

struct OrgInfo {
    var name: String
    var code: String
    var actor: Int
    var founded: Int
    var members: [Int] = []
    var secretaryGeneral = -1
    var seat: Int = 0
}

struct Term {
    var start: Int
    var end: Int?          // nil: still in office (open end)
    var person = -1        // actor id
    var role = -1          // role index
}

struct Office {
    var title: String
    var of: Int            // actor id of the state or organization
    var state: Int?        // state index when `of` is a state
    var org: Int?          // organization index when `of` is an organization
    var terms: [Term] = []
    var starts: [Int] = []

    /// The term in force on `day` (the later one on a handover day), or nil before the first.
    func term(at day: Int) -> Term? {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : terms[lo - 1]
    }
}

struct Person {
    var name: String
    var aliases: [String]
    var nationality: Int
    var roles: [Int] = []
    var lastEnd: Int? = nil
}

struct Role {
    var holder: Int
    var title: String
    var of: Int
    var period: EDTFValue
}

struct MembershipInfo {
    var member: Int
    var organization: Int
    var period: EDTFValue?
}

final class World {
    let startDay = Civil.day(1945, 1, 1)
    let endDay = Civil.day(2026, 12, 31)

    var states: [StateInfo] = []
    var orgs: [OrgInfo] = []
    var persons: [Person] = []
    var offices: [Office] = []
    var roles: [Role] = []
    var memberships: [MembershipInfo] = []

    // Per actor id (index 0 unused).
    var actorKind: [ActorKind] = [.person]
    var actorName: [String] = [""]
    /// How records name the actor: the ISO code for states, the name otherwise.
    var actorRef: [String] = [""]
    var stateCumulative: [Double] = []

    private var takenNames = Set<String>()
    private var rng: Xoshiro256

    var firstPersonActor: Int { states.count + orgs.count + 1 }

    init(seed: UInt64) {
        rng = Xoshiro256(seed: mixHash(seed, 0x0057_0A1D))
        buildStates()
        buildOrganizations()
        buildOffices()
        assignCareers()
        buildRoles()
        buildMemberships()
    }

    // MARK: - States and organizations

    private func claim(_ name: String) -> Bool { takenNames.insert(name.lowercased()).inserted }

    private func buildStates() {
        var cultureOf: [String: Int] = [:]
        for (index, culture) in cultures.enumerated() { for code in culture.states where cultureOf[code] == nil { cultureOf[code] = index } }
        var rank: [String: Int] = [:]
        for (index, code) in prominentStates.enumerated() { rank[code] = index }
        for line in stateTable.split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let iso = parts[0]
            let order = rank[iso] ?? (prominentStates.count + states.count)
            let weight = 1.0 / pow(Double(order + 4), 0.9)
            states.append(StateInfo(iso: iso, name: parts[1], capital: parts[2], capitalNative: parts.count > 3 ? parts[3] : nil,
                                    actor: states.count + 1, culture: cultureOf[iso] ?? 0, weight: weight))
            actorKind.append(.state); actorName.append(parts[1]); actorRef.append(iso)
            precondition(claim(parts[1]), "duplicate state name \(parts[1])")
        }
        var total = 0.0
        stateCumulative = states.map { total += $0.weight; return total }
    }

    func stateAliases(_ index: Int) -> [String] { (ArchiveGenerator.stateAliases[states[index].iso] ?? []) }

    private func buildOrganizations() {
        for state in states.indices { for alias in stateAliases(state) { precondition(claim(alias), "duplicate alias \(alias)") } }
        var names: [String] = fixedOrganizations
        var seen = Set(names)
        while names.count < 50 {
            let name = rng.pick(orgRegions) + " " + rng.pick(orgFields) + " " + rng.pick(orgBodies)
            if seen.insert(name).inserted { names.append(name) }
        }
        var codes = Set<String>()
        for name in names {
            let skip: Set<String> = ["of", "for", "and", "the"]
            var code = String(name.split(separator: " ").filter { !skip.contains(String($0)) }.compactMap(\.first)).uppercased()
            var n = 2
            let base = code
            while !codes.insert(code).inserted { code = base + String(n); n += 1 }
            let founded = Civil.day(rng.range(1920, 1995), rng.range(1, 12), rng.range(1, 28))
            orgs.append(OrgInfo(name: name, code: code, actor: states.count + orgs.count + 1, founded: founded))
            actorKind.append(.organization); actorName.append(name); actorRef.append(name)
            precondition(claim(name), "duplicate organization name \(name)")
        }
    }

    /// The acronym as an alias, when no other actor is known by it.
    private(set) var orgAliases: [[String]] = []

    // MARK: - Offices and terms

    private func addOffice(_ title: String, of actor: Int, state: Int?, org: Int?, firstStart: Int, length: ClosedRange<Int>) -> Int {
        var office = Office(title: title, of: actor, state: state, org: org)
        var start = firstStart
        while true {
            let end = start + rng.range(length.lowerBound, length.upperBound)
            if end > endDay {
                office.terms.append(Term(start: start, end: nil))
                break
            }
            office.terms.append(Term(start: start, end: end))
            start = end
        }
        office.starts = office.terms.map(\.start)
        offices.append(office)
        return offices.count - 1
    }

    private func buildOffices() {
        let year = 365
        for s in states.indices {
            let system = rng.unit()
            var titles: [String] = []
            if system < 0.4 { titles = ["President"] } else if system < 0.7 { titles = ["Prime Minister"] } else { titles = ["President", "Prime Minister"] }
            for title in titles {
                let office = addOffice(title, of: states[s].actor, state: s, org: nil,
                                       firstStart: startDay - rng.range(0, 6 * year), length: (2 * year)...(10 * year))
                states[s].heads.append(office)
            }
            states[s].foreignMinister = addOffice("Minister of Foreign Affairs", of: states[s].actor, state: s, org: nil,
                                                  firstStart: startDay - rng.range(0, 5 * year), length: (1 * year)...(8 * year))
        }
        // Embassies: the 40 most prominent states each keep ambassadors in four others.
        let byWeight = states.indices.sorted { states[$0].weight > states[$1].weight || (states[$0].weight == states[$1].weight && $0 < $1) }
        let receivers = byWeight.filter { states[$0].simpleName }
        for sender in byWeight.prefix(40) {
            var chosen: [Int] = []
            while chosen.count < 4 {
                let to = receivers[min(receivers.count - 1, Int(Double(receivers.count) * pow(rng.unit(), 2.0)))]
                if to != sender && !chosen.contains(to) { chosen.append(to) }
            }
            for to in chosen {
                let office = addOffice("Ambassador to " + states[to].name, of: states[sender].actor, state: sender, org: nil,
                                       firstStart: startDay - rng.range(0, 4 * year), length: (2 * year)...(5 * year))
                states[sender].embassies.append((to, office))
            }
        }
        for o in orgs.indices {
            let count = rng.range(5, 35)
            var members: [Int] = []
            while members.count < count {
                let s = rng.weighted(stateCumulative)
                if !members.contains(s) { members.append(s) }
            }
            orgs[o].members = members
            orgs[o].seat = members[0]
            orgs[o].secretaryGeneral = addOffice("Secretary-General", of: orgs[o].actor, state: nil, org: o,
                                                 firstStart: orgs[o].founded, length: (4 * year)...(10 * year))
        }
        orgAliases = orgs.map { org in claim(org.code) ? [org.code] : [] }
    }

    // MARK: - Persons

    private static let initials = Array("ABCDEFGHIJKLMNOPRSTUVWY").map(String.init)

    private func newPerson(nationality: Int) -> Int {
        let culture = cultures[states[nationality].culture]
        var name = ""
        var given = 0, family = 0
        var found = false
        for attempt in 0..<400 {
            given = rng.below(culture.given.count)
            family = rng.below(culture.family.count)
            let g = culture.given[given], f = culture.family[family]
            if culture.familyFirst {
                name = attempt < 60 ? f + " " + g : f + " " + g + " " + rng.pick(Self.initials) + "."
            } else if attempt < 200 {
                name = g + " " + rng.pick(Self.initials) + ". " + f
            } else {
                name = g + " " + rng.pick(Self.initials) + ". " + rng.pick(Self.initials) + ". " + f
            }
            if claim(name) { found = true; break }
        }
        if !found {
            var n = 2
            let base = name
            repeat { name = base + " " + String(n); n += 1 } while !claim(name)
        }
        var aliases: [String] = []
        if let ng = culture.nativeGiven, let nf = culture.nativeFamily, rng.chance(0.7) {
            let native = culture.familyFirst ? nf[family] + " " + ng[given] : ng[given] + " " + nf[family]
            if claim(native) { aliases.append(native) }
        }
        if rng.chance(0.25) {
            let plain = culture.given[given] + " " + culture.family[family]
            if claim(plain) { aliases.append(plain) }
        }
        persons.append(Person(name: name, aliases: aliases, nationality: nationality))
        let actor = firstPersonActor + persons.count - 1
        actorKind.append(.person); actorName.append(name); actorRef.append(name)
        return actor
    }

    /// Gives every term a holder: a newcomer, or someone of the same nationality whose last
    /// office ended before this one starts (a foreign minister becoming president).
    private func assignCareers() {
        var all: [(start: Int, office: Int, term: Int)] = []
        for (o, office) in offices.enumerated() { for (t, term) in office.terms.enumerated() { all.append((term.start, o, t)) } }
        all.sort { ($0.start, $0.office, $0.term) < ($1.start, $1.office, $1.term) }
        var pools = Array(repeating: [Int](), count: states.count)
        for item in all {
            let office = offices[item.office]
            let term = office.terms[item.term]
            let nationality = office.state ?? orgs[office.org!].members[rng.below(orgs[office.org!].members.count)]
            let candidates = pools[nationality].filter { actor in
                let person = persons[actor - firstPersonActor]
                guard let last = person.lastEnd else { return false }
                return last <= term.start && term.start - last <= 15 * 365 && person.roles.count < 4
            }
            let actor: Int
            if !candidates.isEmpty && rng.chance(0.62) {
                actor = rng.pick(candidates)
            } else {
                actor = newPerson(nationality: nationality)
                pools[nationality].append(actor)
            }
            offices[item.office].terms[item.term].person = actor
            let p = actor - firstPersonActor
            persons[p].lastEnd = term.end
            persons[p].roles.append(-1) // placeholder count; replaced in buildRoles
        }
        for p in persons.indices { persons[p].roles = [] }
    }

    private func buildRoles() {
        for o in offices.indices {
            for t in offices[o].terms.indices {
                let term = offices[o].terms[t]
                let startPoint: EDTFPoint
                var monthly = false
                if term.start < startDay {
                    startPoint = rng.chance(0.5) ? .month(containing: term.start) : .year(Civil.year(term.start))
                    monthly = true
                } else if rng.chance(0.12) {
                    startPoint = .month(containing: term.start)
                    monthly = true
                } else {
                    startPoint = .day(term.start)
                }
                let period: EDTFValue
                if let end = term.end {
                    let endPoint: EDTFPoint = monthly || rng.chance(0.08) ? .month(containing: end) : .day(end)
                    period = EDTFValue(from: startPoint, to: endPoint)
                } else {
                    period = EDTFValue(openEndFrom: startPoint)
                }
                roles.append(Role(holder: term.person, title: offices[o].title, of: offices[o].of, period: period))
                offices[o].terms[t].role = roles.count - 1
                persons[term.person - firstPersonActor].roles.append(roles.count - 1)
            }
        }
    }

    private func buildMemberships() {
        for o in orgs.indices {
            for s in orgs[o].members {
                let latestJoin = max(orgs[o].founded, endDay - 2 * 365)
                let join = min(latestJoin, orgs[o].founded + rng.range(0, 30 * 365))
                let (y, _, _) = Civil.ymd(join)
                let r = rng.unit()
                let period: EDTFValue?
                if r < 0.35 {
                    period = EDTFValue(openEndFrom: .day(join))
                } else if r < 0.60 {
                    period = EDTFValue(openEndFrom: .year(y))
                } else if r < 0.72 {
                    let leave = min(endDay, join + rng.range(2 * 365, 20 * 365))
                    period = EDTFValue(from: .month(containing: join), to: .month(containing: leave))
                } else if r < 0.80 {
                    period = EDTFValue(openEndFrom: .year(y, qualifier: "~"))
                } else if r < 0.90 {
                    let leave = min(endDay, join + rng.range(2 * 365, 20 * 365))
                    period = EDTFValue(until: .year(Civil.year(leave)), openMarker: true)
                } else {
                    period = nil
                }
                memberships.append(MembershipInfo(member: states[s].actor, organization: orgs[o].actor, period: period))
            }
        }
    }

    // MARK: - Queries used while writing letters

    func randomState(_ rng: inout Xoshiro256) -> Int { rng.weighted(stateCumulative) }

    func isState(_ actor: Int) -> Bool { actorKind[actor] == .state }

    func stateIndex(_ actor: Int) -> Int { actor - 1 }

    func orgIndex(_ actor: Int) -> Int { actor - states.count - 1 }

    /// The code an actor gives a reference: ISO code, organization code, or XX.
    func code(_ actor: Int) -> String {
        switch actorKind[actor] {
        case .state: return states[stateIndex(actor)].iso
        case .organization: return orgs[orgIndex(actor)].code
        case .person: return "XX"
        }
    }

    /// What ParticipantResolver infers a person acts for when no onBehalfOf is given: the one
    /// role held within the date's bounds, else the one such role of a state; nil otherwise.
    func inferredRepresentation(of person: Int, lower: Int, upper: Int) -> Int? {
        var held: [Int] = []
        for r in persons[person - firstPersonActor].roles {
            let period = roles[r].period
            if period.lowerBound <= upper && period.upperBound >= lower { held.append(r) }
        }
        if held.count == 1 { return roles[held[0]].of }
        let ofStates = held.filter { isState(roles[$0].of) }
        return ofStates.count == 1 ? roles[ofStates[0]].of : nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
