/// This register's own export is a snapshot of it: a record of one that differs from what is
/// stored now, for a letter (event, invitation, answer) the register changed after the export
/// was made, would undo that change. Such a record is named in a warning; the register's
/// version is kept unless the import was asked to put the file's back (`--revert-newer`).
/// History says what changed when (every table the import writes is audited), and the export's
/// header when the snapshot was taken (`RegisterIdentity.exportMoment`).
struct ChangedSinceExport {
    /// Whether the file's version replaces what changed since (`ImportOptions.revertNewer`).
    var revert = false

    /// What one kind of record names in the register, for the statements below; every string is
    /// fixed SQL of this type's callers.
    struct Kind {
        /// The record's field messages start with ("ref").
        var field = "ref"
        /// A word for the stored thing in messages ("letter").
        var noun: String
        /// `SELECT rec, id, label` of the records that would change a stored row: `id` its key
        /// (`c.id` in `history`'s conditions), `label` how messages name it.
        var candidates: String
        /// Conditions on `history h` that pick the rows of one stored thing (`c.id`), one per
        /// audited table, each able to use an index of `history`.
        var history: [String]
        /// Appended to the kept record's warning, where to see the change: an SQL expression of
        /// `label`.
        var seeAlso = "''"
    }

    /// Creates `table` (`rec`, `id`) with the records of `kind` whose stored thing changed at or
    /// after their file's export moment, each named in a warning. Changes of this transaction
    /// (an earlier stage of the same import) do not count.
    func find(_ kind: Kind, into table: String) -> String {
        let changes = kind.history.map {
            "SELECT h.changed_at, h.changed_by FROM history h WHERE \($0) AND h.changed_at >= f.exported_at AND h.transaction_id <> txid_current()"
        }.joined(separator: " UNION ALL ")
        let outcome = revert
            ? "'; the file''s version replaces it, as --revert-newer asks'"
            : "', and this record would undo that: the register''s version is kept. Import with --revert-newer to put the file''s back' || "
                + kind.seeAlso
        return """
            CREATE TEMP TABLE \(table) ON COMMIT DROP AS
            SELECT c.rec, c.id, c.label, f.exported_at, latest.changed_at, latest.changed_by
            FROM (\(kind.candidates)) c JOIN stg_record r ON r.rec = c.rec JOIN stg_file f ON f.file_no = r.file_no
            CROSS JOIN LATERAL (SELECT changed_at, changed_by FROM (\(changes)) h ORDER BY changed_at DESC LIMIT 1) latest
            WHERE f.own_export AND f.exported_at IS NOT NULL;
            INSERT INTO stg_newer (rec) SELECT rec FROM \(table);
            INSERT INTO stg_warning (rec, message)
            SELECT rec, format('%s: %s %s was changed in this register on %s (by %s), after this file was exported (%s)%s',
                               '\(kind.field)', '\(kind.noun)', label,
                               to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'), changed_by,
                               to_char(exported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'), \(outcome))
            FROM \(table) ORDER BY rec;
            """
    }
}
