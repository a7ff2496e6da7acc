/// Whom a person acts for when the record does not say: the role they hold at the date whose
/// title matches the capacity given, else their only role then, else their only role for a
/// state — the rule `letter add` applies one letter at a time, here for a whole table at once.
enum RoleInference {
    /// Whether the role `r` is held for more than half of the days a date allows (between the
    /// columns or bound values `earliest` and `latest`), not merely on one of them: "1XXX-05"
    /// (any May from 1000 to 1999) says nothing of a role held from 1985, while "2021" is a
    /// letter of a president inaugurated on 20 January. A date open at an end keeps the
    /// overlap alone. The caller's code fixes both expressions.
    static func heldForMostOf(earliest: String, latest: String) -> String {
        // A CASE, not an OR: only it promises that infinite dates are never subtracted (an error).
        "(CASE WHEN isfinite(\(earliest)) AND isfinite(\(latest))"
            + " THEN 2 * (least(r.period_latest, \(latest)) - greatest(r.period_earliest, \(earliest)) + 1) > \(latest) - \(earliest) + 1"
            + " ELSE true END)"
    }


    /// An UPDATE over `table`, whose rows are keyed by `keys` and carry actor_id, actor_kind,
    /// capacity, represents_id, represents_kind, date_earliest and date_latest. Table and key
    /// names are fixed by the caller's code.
    static func statement(table: String, keys: [String]) -> String {
        let keyList = keys.map { "p." + $0 }.joined(separator: ", ")
        let plainKeys = keys.joined(separator: ", ")
        let join = keys.map { "p.\($0) = c.\($0)" }.joined(separator: " AND ")
        return """
            WITH candidate AS (
                SELECT \(keyList), r.of_id, r.of_kind, r.title
                FROM \(table) p JOIN role_held r ON r.holder_id = p.actor_id
                WHERE p.represents_id IS NULL AND p.actor_kind = 'person'
                  AND (r.period_edtf IS NULL OR (r.period_earliest <= p.date_latest AND r.period_latest >= p.date_earliest
                       AND \(RoleInference.heldForMostOf(earliest: "p.date_earliest", latest: "p.date_latest"))))
                  AND (p.capacity IS NULL OR lower(r.title) = lower(p.capacity))),
            chosen AS (
                SELECT \(plainKeys),
                       CASE WHEN count(*) = 1 THEN min(of_id)
                            WHEN count(*) FILTER (WHERE of_kind = 'state') = 1 THEN min(of_id) FILTER (WHERE of_kind = 'state') END AS of_id,
                       CASE WHEN count(*) = 1 THEN min(title)
                            WHEN count(*) FILTER (WHERE of_kind = 'state') = 1 THEN min(title) FILTER (WHERE of_kind = 'state') END AS title
                FROM candidate GROUP BY \(plainKeys))
            UPDATE \(table) p SET represents_id = c.of_id, represents_kind = a.kind, capacity = coalesce(p.capacity, c.title)
              FROM chosen c JOIN actor a ON a.id = c.of_id
             WHERE \(join);
            UPDATE \(table) SET represents_id = NULL, represents_kind = NULL WHERE represents_id = actor_id;
            """
    }
}
