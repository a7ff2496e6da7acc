import LibPQClient

/// This register's own export is a snapshot of it: a record of one that differs from what is
/// stored now, for a letter (event, invitation, answer) the register changed after the export
/// was made, would undo that change. Such a record is named in a warning; the register's
/// version is kept unless the import was asked to put the file's back (`--revert-newer`).
/// History says what changed when (every table the import writes is audited), and the export's
/// header when the snapshot was taken (`RegisterIdentity.exportMoment`).
/// Whether to put the file's version back is the run's (`stg_options`, see `ImportRun`).
enum ChangedSinceExport {
    /// What one kind of record names in the register, for the statements below; every string is
    /// fixed SQL of this type's callers.
    struct Kind {
        /// The record's field messages start with ("ref").
        var field = "ref"
        /// A word for the stored thing in messages ("letter").
        var noun: String
        /// What happened to it, as messages say ("was changed", "was removed").
        var verb = "was changed"
        /// `SELECT rec, id, label` of the records that would change a stored row: `id` its key
        /// (`c.id` in `history`'s conditions), `label` how messages name it.
        var candidates: String
        /// Conditions on `history h` that pick the rows of one stored thing (`c.id`), one per
        /// audited table, each able to use an index of `history`.
        var history: [String]
        /// Appended to the kept record's warning, where to see the change: an SQL expression of
        /// the candidates' columns.
        var seeAlso = "''"
    }

    /// Creates `table` (`rec`, `id`, `kept`) with the records of `kind` whose stored thing
    /// changed at or after their file's export moment, each named in a warning; `kept` says
    /// which keep the register's version: all, unless the run puts the file's back, then those
    /// changed after the moment it was told to stop at. Changes of this transaction (an earlier
    /// stage of the same import) do not count. Fixed text, for a script.
    static func find(_ kind: Kind, into table: String) -> String {
        let changes = kind.history.map {
            "SELECT h.changed_at, h.changed_by FROM history h WHERE \($0) AND h.changed_at >= f.exported_at AND h.transaction_id <> txid_current()"
        }.joined(separator: " UNION ALL ")
        return """
            CREATE TEMP TABLE \(table) ON COMMIT DROP AS
            SELECT c.*, f.exported_at, latest.changed_at, latest.changed_by,
                   NOT o.revert_newer OR coalesce(latest.changed_at > o.revert_up_to, false) AS kept, o.revert_newer
            FROM (\(kind.candidates)) c JOIN stg_record r ON r.rec = c.rec JOIN stg_file f ON f.file_no = r.file_no
            CROSS JOIN stg_options o
            CROSS JOIN LATERAL (SELECT changed_at, changed_by FROM (\(changes)) h ORDER BY changed_at DESC LIMIT 1) latest
            WHERE f.own_export AND f.exported_at IS NOT NULL;
            INSERT INTO stg_newer (rec, kept) SELECT rec, kept FROM \(table);
            INSERT INTO stg_warning (rec, message)
            SELECT rec, format('%s: %s %s %s in this register on %s (by %s), after this file was exported (%s)%s',
                               '\(kind.field)', '\(kind.noun)', label, '\(kind.verb)',
                               to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS "UTC"'), changed_by,
                               to_char(exported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS "UTC"'),
                               CASE WHEN NOT kept THEN '; the file''s version replaces it, as asked (revert-newer)'
                                    WHEN revert_newer THEN ', after the check that asked to put the file''s back: the register''s version is kept'
                                    ELSE ', and this record differs from it: the register''s version is kept. To put the file''s back, '
                                         || 'import it with --revert-newer (the API''s revert-newer=true)' || \(kind.seeAlso) END)
            FROM \(table) ORDER BY rec;
            """
    }
}
