/// The reference an imported record takes when its own is another record's here (an event's
/// `EV-1` becomes `EV-1-2`): the next number after it, past those stored and staged.
enum NumberedReference {
    /// An SQL expression: `ref` followed by the next free `-N`, counting the refs of `stored` and
    /// `staged`. The arguments are column and table names fixed by the callers' code.
    static func next(after ref: String, stored: String, staged: String) -> String {
        """
        \(ref) || '-' || (SELECT coalesce(max(substr(t.ref, length(\(ref)) + 2)::bigint), 1) + 1
                          FROM (SELECT ref FROM \(stored) UNION ALL SELECT ref FROM \(staged)) t
                          WHERE starts_with(t.ref, \(ref) || '-') AND substr(t.ref, length(\(ref)) + 2) ~ '^[0-9]{1,15}$')
        """
    }
}
