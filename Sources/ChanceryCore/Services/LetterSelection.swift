import LibPQClient

/// Which letters a query selects, in a form that reads them in date order a page at a time.
///
/// Party filters (country, person, organization) and pairs of countries go through the listing
/// tables `letter_by_party` and `letter_by_country_pair`, which carry each letter's sort key: the
/// most selective one drives the query through its `(party, date)` index, so the first page
/// costs a page of index entries however many letters the party has. The other filters become
/// conditions on each driving row.
struct LetterSelection {
    /// The conditions on the letter (`l`) that are not the driver's.
    var filter = SQLFilter()
    /// The listing rows that drive the query, when a party or pair filter is given.
    var driver: Driver = .letters
    /// The date window, as bound values.
    var window = Window()
    /// Where a page turned by cursor starts (or, going back, ends).
    var boundary: Boundary?
    /// The countries whose state the statement looks up by code (`CountryLookup.stateIDQuery`),
    /// where an unknown code selects nothing rather than failing: each code, as given, and the
    /// filter's name.
    var codesLookedUpInline: [(code: String, input: String, field: String)] = []

    /// A letter's place in the listing's order, as text PostgreSQL reads back exactly, and
    /// which way the page goes from it.
    struct Boundary {
        var sort: String
        var latest: String
        var created: String
        var id: Int64
        var forward: Bool
    }

    /// Party ids are `PostgresQuery` fragments binding the id (`"\(id)"`), spliced wherever the
    /// statement compares with them.
    enum Driver {
        /// Every letter, through `letter_sent_bounds`.
        case letters
        /// `letter_by_party` rows of one party, optionally on some sides only (a bit mask).
        case party(id: PostgresQuery, sides: Int?)
        /// `letter_by_country_pair` rows of one pair of states (lower id first).
        case pair(low: PostgresQuery, high: PostgresQuery)
        /// `letter_by_party` rows of an organization and of its member states while members.
        case organizationWithMembers(id: PostgresQuery)
    }

    struct Window {
        /// The window's first day, bound.
        var from: PostgresQuery?
        /// The window's last day, bound.
        var to: PostgresQuery?
        /// Only letters certainly inside, rather than overlapping.
        var strict = false
    }

    /// Letters of an organization or of its member states while members, when `driver` does
    /// not cover them.
    mutating func requireOrganizationWithMembers(id: PostgresQuery) {
        filter.add(Self.organizationWithMembersCondition(id))
    }

    private static func organizationWithMembersCondition(_ id: PostgresQuery) -> PostgresQuery {
        "EXISTS (SELECT 1 FROM letter_by_party y WHERE y.letter_id = l.id AND (y.party_id = \(id)"
            + " OR y.party_id IN (SELECT m.member_id FROM membership m WHERE m.organization_id = \(id)"
            + " AND (m.period_earliest IS NULL OR (l.sent_latest >= m.period_earliest AND l.sent_earliest <= m.period_latest)))))"
    }

    /// Letters of a party that `driver` does not cover.
    mutating func requireParty(id: PostgresQuery, sides: Int?) {
        filter.add("EXISTS (SELECT 1 FROM letter_by_party y WHERE y.letter_id = l.id AND y.party_id = \(id)"
                   + Self.sidesCondition("y", sides) + ")")
    }

    /// The WHERE clause over `letter l` alone, for statements that read every selected letter
    /// rather than a page (exports).
    var whereClause: PostgresQuery {
        var all = filter
        all.add(Self.current)
        switch driver {
        case .letters: break
        case .party(let id, let sides):
            all.add("EXISTS (SELECT 1 FROM letter_by_party y WHERE y.letter_id = l.id AND y.party_id = \(id)"
                    + Self.sidesCondition("y", sides) + ")")
        case .pair(let low, let high):
            all.add("EXISTS (SELECT 1 FROM letter_by_country_pair y WHERE y.letter_id = l.id AND y.low_state_id = \(low)"
                    + " AND y.high_state_id = \(high))")
        case .organizationWithMembers(let id):
            all.add(Self.organizationWithMembersCondition(id))
        }
        for condition in windowConditions(key: SortKey.letter, branch: nil) { all.add(condition) }
        return all.whereClause
    }

    /// One statement returning `columns` (over `letter l` and the `joins` after it) of the selected
    /// letters in date order, skipping `offset` and returning at most `limit` (both bound). Going
    /// back from a boundary, the letters come latest first: the page before it, in reverse.
    func pageQuery(columns: PostgresQuery, joins: PostgresQuery = "", limit: Int, offset: Int) -> PostgresQuery {
        let key = driverKey
        let backwards = boundary?.forward == false
        // Appended into one query: a fragment per condition in parentheses, joined, then
        // spliced, made the listing spend a sixth of its instructions building its text.
        var query: PostgresQuery = "WITH page AS (\n  "
        for (position, branch) in windowBranches.enumerated() {
            if position > 0 { query.append(unescaped: "\n  UNION ALL\n  ") }
            var conditions = filter.conditions + driverConditions + windowConditions(key: key, branch: branch)
            if let boundary { conditions.append(boundaryCondition(boundary, key: key)) }
            if conditions.isEmpty { conditions = ["true"] }
            query.append(unescaped: "(SELECT ")
            query.append(key.columns)
            query.append(unescaped: " FROM ")
            query.append(driverSource)
            query.append(unescaped: "\n   WHERE ")
            for (index, condition) in conditions.enumerated() {
                query.append(unescaped: index == 0 ? "(" : " AND (")
                query.append(condition)
                query.append(unescaped: ")")
            }
            query.append(unescaped: "\n   ORDER BY ")
            query.append(backwards ? key.descendingOrder : key.order)
            query.append(unescaped: " LIMIT ")
            query.append(bind: limit)
            query.append(unescaped: " + ")
            query.append(bind: offset)
            query.append(unescaped: ")")
        }
        query.append(unescaped: "\n)\nSELECT ")
        query.append(columns)
        query.append(unescaped: "\nFROM page JOIN letter l ON l.id = page.id\n")
        if !joins.isEmpty {
            query.append(joins)
            query.append(unescaped: "\n")
        }
        query.append(unescaped: backwards
            ? "ORDER BY page.sent_sort DESC, page.sent_latest DESC, page.created_at DESC, page.id DESC\nLIMIT "
            : "ORDER BY page.sent_sort, page.sent_latest, page.created_at, page.id\nLIMIT ")
        query.append(bind: limit)
        query.append(unescaped: " OFFSET ")
        query.append(bind: offset)
        return query
    }

    /// The letters past the boundary: a row comparison in the order of the listing indexes, so
    /// the page starts with an index seek rather than a walk past the earlier letters.
    private func boundaryCondition(_ boundary: Boundary, key: SortKey) -> PostgresQuery {
        let place: PostgresQuery = "(\(boundary.sort)::date, \(boundary.latest)::date, \(boundary.created)::timestamptz, \(boundary.id)::bigint)"
        return boundary.forward ? "(\(key.order)) > \(place)" : "(\(key.order)) < \(place)"
    }

    // MARK: - Building blocks

    /// The columns a driving table orders letters by (`sort`: schema.sql's letter_sort_day), and
    /// the bounds windows compare.
    struct SortKey {
        let sort: PostgresQuery
        let earliest: PostgresQuery
        let latest: PostgresQuery
        let created: PostgresQuery
        let id: PostgresQuery
        // Composed once per key (there are two), not for every statement.
        let columns: PostgresQuery
        let order: PostgresQuery
        let descendingOrder: PostgresQuery

        init(sort: PostgresQuery, earliest: PostgresQuery, latest: PostgresQuery, created: PostgresQuery, id: PostgresQuery) {
            self.sort = sort
            self.earliest = earliest
            self.latest = latest
            self.created = created
            self.id = id
            columns = "\(sort) AS sent_sort, \(latest) AS sent_latest, \(created) AS created_at, \(id) AS id"
            order = [sort, latest, created, id].joined(separator: ", ")
            descendingOrder = [sort, latest, created, id].map { $0 + " DESC" }.joined(separator: ", ")
        }

        static let letter = SortKey(sort: "l.sent_sort", earliest: "l.sent_earliest", latest: "l.sent_latest", created: "l.created_at",
                                    id: "l.id")
        static let listing = SortKey(sort: "x.sent_sort", earliest: "x.sent_earliest", latest: "x.sent_latest", created: "x.created_at",
                                     id: "x.letter_id")
    }

    private var driverKey: SortKey {
        if case .letters = driver { return .letter }
        return .listing
    }

    private var driverSource: PostgresQuery {
        switch driver {
        case .letters: return "letter l"
        case .party: return "letter_by_party x JOIN letter l ON l.id = x.letter_id"
        case .pair: return "letter_by_country_pair x JOIN letter l ON l.id = x.letter_id"
        case .organizationWithMembers(let id):
            // Distinct letters: a letter may involve the organization and a member, or two members.
            return "(SELECT b.letter_id, b.sent_sort, b.sent_earliest, b.sent_latest, b.created_at FROM letter_by_party b WHERE b.party_id = \(id)"
                + " UNION SELECT b.letter_id, b.sent_sort, b.sent_earliest, b.sent_latest, b.created_at FROM membership m"
                + " JOIN letter_by_party b ON b.party_id = m.member_id WHERE m.organization_id = \(id)"
                + " AND (m.period_earliest IS NULL OR (b.sent_latest >= m.period_earliest AND b.sent_earliest <= m.period_latest))"
                + ") x JOIN letter l ON l.id = x.letter_id"
        }
    }

    /// Deleted letters are left out of every selection. The listing tables hold no rows for them;
    /// reading `letter` itself, each row read is checked.
    private static let current: PostgresQuery = "l.deleted_at IS NULL"

    private var driverConditions: [PostgresQuery] {
        switch driver {
        case .letters: return [Self.current]
        case .party(let id, let sides): return ["x.party_id = \(id)" + Self.sidesCondition("x", sides)]
        case .pair(let low, let high): return ["x.low_state_id = \(low) AND x.high_state_id = \(high)"]
        case .organizationWithMembers: return []
        }
    }

    /// The side bits are constants of `LetterQueryRunner`, written into the text as before so the
    /// planner sees them; the alias is fixed by this type.
    private static func sidesCondition(_ alias: String, _ sides: Int?) -> PostgresQuery {
        sides.map { " AND \(unescaped: alias).sides & \(unescaped: String($0)) <> 0" } ?? ""
    }

    /// Which part of an overlapping window a branch reads.
    enum Branch {
        /// Letters starting inside the window.
        case startsInside
        /// Letters starting up to 400 days before it and ending in or after its first day.
        case startsShortlyBefore
        /// Letters spanning more than 400 days (or open-ended) that start earlier still.
        case spansFromLongBefore
    }

    /// An overlapping window with a first day is read in three index ranges, so that no branch
    /// walks the letters before the window; every other selection is one range.
    private var windowBranches: [Branch?] {
        guard window.from != nil, !window.strict else { return [nil] }
        return [.startsInside, .startsShortlyBefore, .spansFromLongBefore]
    }

    /// Conditions on the sort key's columns against the bound window. Where a letter's earliest
    /// day is known, it is its sort day: conditions on the sort day repeat those on the earliest
    /// day so that a branch reads one range of the ordered index.
    private func windowConditions(key: SortKey, branch: Branch?) -> [PostgresQuery] {
        let sort = key.sort, earliest = key.earliest, latest = key.latest
        var conditions: [PostgresQuery] = []
        // An undated letter could be of any time: it is in no window.
        if window.from != nil || window.to != nil { conditions.append("\(sort) < 'infinity'") }
        if window.strict {
            if let from = window.from { conditions.append("\(earliest) >= \(from) AND \(sort) >= \(from)") }
            if let to = window.to { conditions.append("\(latest) <= \(to) AND \(sort) <= \(to)") }
            return conditions
        }
        if let to = window.to { conditions.append("\(earliest) <= \(to)") }
        guard let from = window.from else { return conditions }
        switch branch {
        case nil:
            conditions.append("\(latest) >= \(from)")
        case .startsInside:
            conditions.append("\(earliest) >= \(from) AND \(sort) >= \(from)")
            // Both ends on the sort day too, so that the branch reads one closed range of the
            // ordered index: with only its start, a plan made for the values (the first runs of a
            // prepared statement) read all of a country's later letters in a bitmap, 86 ms at 1M.
            if let to = window.to { conditions.append("\(sort) <= \(to)") }
        case .startsShortlyBefore:
            conditions.append("\(earliest) >= \(from)::date - 400 AND \(earliest) < \(from)"
                              + " AND \(sort) >= \(from)::date - 400 AND \(sort) < \(from) AND \(latest) >= \(from)")
        case .spansFromLongBefore:
            // Written as in the partial indexes' predicate, so the planner can use them.
            conditions.append("\(latest) > \(earliest) + 400 AND \(earliest) < \(from)"
                              + "::date - 400 AND \(latest) >= \(from)")
        }
        return conditions
    }
}
