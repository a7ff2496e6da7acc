import ChanceryModel
import ChanceryReference
import EDTF
import LibPQClient

/// The reference data in temporary tables, one statement per table (each column an array
/// parameter), so the loader can apply it with a few set-based statements.
struct ReferenceStaging {
    let connection: PostgresConnection

    func stage(_ data: ReferenceData) async throws {
        try await connection.executeScript(
            """
            CREATE TEMP TABLE ref_state (key text PRIMARY KEY, code text, name text NOT NULL, wikidata text, existed_edtf text,
                                         existed_earliest date, existed_latest date, existed_precision date_precision,
                                         actor_id bigint) ON COMMIT DROP;
            CREATE TEMP TABLE ref_org (key text PRIMARY KEY, name text NOT NULL, wikidata text, note text, actor_id bigint) ON COMMIT DROP;
            CREATE TEMP TABLE ref_name (owner text NOT NULL, name text NOT NULL, language text) ON COMMIT DROP;
            CREATE TEMP TABLE ref_demonym (owner text NOT NULL, word text NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE ref_member (organization text NOT NULL, member text NOT NULL, period_edtf text, period_earliest date,
                                          period_latest date, period_precision date_precision) ON COMMIT DROP;
            """)
        let existed = try data.states.map { state in try state.existed.map { try UncertainDate(parsing: $0, field: "existed") } }
        try await connection.execute(
            """
            INSERT INTO ref_state (key, code, name, wikidata, existed_edtf, existed_earliest, existed_latest, existed_precision)
            SELECT key, code, name, wikidata, edtf, earliest::date, latest::date, precision::date_precision
            FROM unnest(\(data.states.map(\.key)), \(data.states.map(\.code)), \(data.states.map(\.name)), \(data.states.map(\.wikidata)),
                        \(existed.map { $0?.edtf }), \(existed.map { $0.map(Self.earliestText) }), \(existed.map { $0.map(Self.latestText) }),
                        \(existed.map { $0?.precision.rawValue }))
                 AS t(key, code, name, wikidata, edtf, earliest, latest, precision)
            """)
        try await connection.execute(
            """
            INSERT INTO ref_org (key, name, wikidata, note)
            SELECT key, key, wikidata, note FROM unnest(\(data.organizations.map(\.name)), \(data.organizations.map(\.wikidata)),
                                                       \(data.organizations.map(\.note))) AS t(key, wikidata, note)
            """)
        // The reference's own name too: an actor the register knew by another name gets it as an alias.
        var names: [(owner: String, name: ReferenceData.Name)] = []
        for state in data.states {
            names.append(("state " + state.key, ReferenceData.Name(text: state.name, language: "en")))
            names += state.otherNames.map { ("state " + state.key, $0) }
        }
        for organization in data.organizations {
            names.append(("org " + organization.name, ReferenceData.Name(text: organization.name, language: nil)))
            names += organization.otherNames.map { ("org " + organization.name, $0) }
        }
        // Whitespace-normalised as an import normalises the names it reads (a translation may hold
        // a no-break space), so a name typed or imported finds the alias, and a register's
        // export imports into another without a second alias differing only in its spaces.
        let owners = names.map(\.owner), texts = names.map { InputValidation.normalizedName($0.name.text) }
        let languages = names.map(\.name.language)
        try await connection.execute(
            """
            INSERT INTO ref_name (owner, name, language)
            SELECT * FROM unnest(\(owners), \(texts), \(languages))
            """)
        let demonyms = data.states.flatMap { state in state.demonyms.map { ("state " + state.key, $0) } }
        try await connection.execute(
            "INSERT INTO ref_demonym (owner, word) SELECT * FROM unnest(\(demonyms.map(\.0)), \(demonyms.map(\.1)))")
        let members = try data.organizations.flatMap { organization in
            try organization.members.map { member in
                (organization: "org " + organization.name,
                 member: member.state.map { "state " + $0 } ?? "org " + (member.organization ?? ""),
                 period: try member.period.isEmpty ? nil : UncertainDate(parsing: member.period, field: "period"))
            }
        }
        try await connection.execute(
            """
            INSERT INTO ref_member (organization, member, period_edtf, period_earliest, period_latest, period_precision)
            SELECT organization, member, edtf, earliest::date, latest::date, precision::date_precision
            FROM unnest(\(members.map(\.organization)), \(members.map(\.member)), \(members.map { $0.period?.edtf }),
                        \(members.map { $0.period.map(Self.earliestText) }), \(members.map { $0.period.map(Self.latestText) }),
                        \(members.map { $0.period?.precision.rawValue }))
                 AS t(organization, member, edtf, earliest, latest, precision)
            """)
        try await connection.executeScript("ANALYZE ref_state; ANALYZE ref_org; ANALYZE ref_name;")
    }

    /// A bound as PostgreSQL reads a date, an open end as infinity (as stored dates keep it).
    private static func earliestText(_ date: UncertainDate) -> String { date.earliest.map(dayText) ?? "-infinity" }
    private static func latestText(_ date: UncertainDate) -> String { date.latest.map(dayText) ?? "infinity" }

    private static func dayText(_ day: CalendarDay) -> String {
        func padded(_ value: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(value).count)) + String(value) }
        return padded(day.year, 4) + "-" + padded(day.month, 2) + "-" + padded(day.day, 2)
    }
}
