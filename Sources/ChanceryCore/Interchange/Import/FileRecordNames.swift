/// What a ref in a record names: a letter, event or invitation of the same file first (under the ref it
/// has here, which may differ from the file's: `exported_ref`), else the stored one of that ref.
/// Joined files may each give a record of one ref (registers make refs alike), so a name is
/// looked up among its own file's records only. Every argument is fixed SQL of the callers:
/// `staged` a staging table with `rec`, `ref` and `exported_ref`; `name` and `rec` expressions
/// of the naming record.
enum FileRecordNames {
    /// The ref here of the record of `name`'s file that the file calls `name`, when that record
    /// took another ref here; NULL otherwise.
    static func movedRef(_ staged: String, name: String, rec: String) -> String {
        """
        (SELECT x.ref FROM \(staged) x JOIN stg_record xr ON xr.rec = x.rec
          WHERE x.exported_ref = \(name) AND xr.file_no = (SELECT n.file_no FROM stg_record n WHERE n.rec = \(rec))
            AND x.rec NOT IN (SELECT rec FROM stg_reject) ORDER BY x.rec LIMIT 1)
        """
    }

    /// The id here of the staged letter the record `rec` calls `name`: one of its own file first,
    /// by the ref the file gave it (`exported_ref`, when it took another here) and then by its
    /// ref; then one of another joined file, by its ref (parts of one edition answer each other
    /// across files) or by the ref an export of the same register gave it (another register's
    /// letter of that ref is another letter, as when the files are imported one at a time);
    /// NULL when none is (the stored letter of that ref is the caller's).
    static func stagedLetter(named name: String, rec: String) -> String {
        """
        (SELECT c.letter_id FROM (SELECT n.file_no, f.register FROM stg_record n JOIN stg_file f ON f.file_no = n.file_no WHERE n.rec = \(rec)) me,
         LATERAL (
            SELECT i.letter_id, xr.file_no, x.rec, 0 AS by_ref
            FROM stg_letter x JOIN stg_letter_id i ON i.rec = x.rec JOIN stg_record xr ON xr.rec = x.rec JOIN stg_file xf ON xf.file_no = xr.file_no
            WHERE x.exported_ref = \(name) AND (xr.file_no = me.file_no OR xf.register = me.register)
            UNION ALL
            SELECT i.letter_id, xr.file_no, x.rec, 1
            FROM stg_letter x JOIN stg_letter_id i ON i.rec = x.rec JOIN stg_record xr ON xr.rec = x.rec WHERE x.ref = \(name)) c
          ORDER BY c.file_no = me.file_no DESC, c.by_ref, c.rec LIMIT 1)
        """
    }

    /// The id of the stored event or invitation (`table`, staged in `staged`) the record `rec`
    /// calls `name`: its own file's record that took another ref here (`movedRef`), else the one
    /// the file's register first recorded under that name (`storedByOrigin`), else the one of
    /// that ref here (`storedByRef`). NULL when none is.
    static func storedRecord(_ table: String, staged: String, named name: String, rec: String) -> String {
        """
        coalesce(
            (SELECT t.id FROM \(table) t WHERE t.ref = \(movedRef(staged, name: name, rec: rec))),
            \(storedByOrigin(table, named: name, rec: rec)),
            \(storedByRef(table, named: name, rec: rec)))
        """
    }

    /// The id of the stored record (`table`: letter, event, invitation) that the register of
    /// `rec`'s file first recorded as `name`, whatever its ref here: what a name of another
    /// register's export means when its file does not give the record (a reply to a letter
    /// exported before, an answer in a later export). NULL when none is.
    static func storedByOrigin(_ table: String, named name: String, rec: String) -> String {
        """
        (SELECT t.id FROM \(table) t
          WHERE t.origin_register = (SELECT f.register FROM stg_record n JOIN stg_file f ON f.file_no = n.file_no WHERE n.rec = \(rec))
            AND t.origin_ref = \(name))
        """
    }

    /// The id of the stored record (`table`) of the ref `name`, unless the register of `rec`'s
    /// file first recorded it under another name: that register's `name` is then another
    /// record (`storedByOrigin` finds it when it is here). NULL when none is.
    static func storedByRef(_ table: String, named name: String, rec: String) -> String {
        """
        (SELECT t.id FROM \(table) t
          WHERE t.ref = \(name)
            AND coalesce(t.origin_register <> (SELECT f.register FROM stg_record n JOIN stg_file f ON f.file_no = n.file_no WHERE n.rec = \(rec)),
                         true))
        """
    }

    /// Notes in `stg_refused_ref` the refs of the staged records the import refused, once their
    /// stage has refused all it will (those refused before they were staged are there already),
    /// and forgets those another record of the same file, not refused, has. Fixed text, for a script.
    static func noteRefused(_ staged: String, noun: String) -> String {
        """
        INSERT INTO stg_refused_ref (file_no, noun, ref)
        SELECT DISTINCT r.file_no, '\(noun)', coalesce(x.exported_ref, x.ref) FROM \(staged) x JOIN stg_record r ON r.rec = x.rec
        WHERE x.rec IN (SELECT rec FROM stg_reject) AND coalesce(x.exported_ref, x.ref) IS NOT NULL
          AND NOT EXISTS (SELECT FROM stg_refused_ref z
                          WHERE z.noun = '\(noun)' AND z.ref = coalesce(x.exported_ref, x.ref) AND z.file_no = r.file_no);
        DELETE FROM stg_refused_ref z WHERE z.noun = '\(noun)' AND EXISTS (
            SELECT FROM \(staged) x JOIN stg_record r ON r.rec = x.rec
            WHERE r.file_no = z.file_no AND coalesce(x.exported_ref, x.ref) = z.ref AND x.rec NOT IN (SELECT rec FROM stg_reject));
        ANALYZE stg_refused_ref;
        """
    }

    /// Whether the record the file calls `name` was refused (`noteRefused`): the stored record
    /// of that ref, if any, is another one.
    static func refused(noun: String, name: String, rec: String) -> String {
        """
        EXISTS (SELECT FROM stg_refused_ref z WHERE z.noun = '\(noun)' AND z.ref = \(name)
                  AND z.file_no = (SELECT n.file_no FROM stg_record n WHERE n.rec = \(rec)))
        """
    }

    /// Whether the letter a record calls `name` was refused (`noteRefused`): one of its own file,
    /// or, as a name may call a letter of another joined file (`stagedLetter`), one of another
    /// file when no letter of the import that is not refused has that name.
    static func refusedLetter(name: String, rec: String) -> String {
        """
        EXISTS (SELECT FROM stg_refused_ref z WHERE z.noun = 'letter' AND z.ref = \(name)
                  AND (z.file_no = (SELECT n.file_no FROM stg_record n WHERE n.rec = \(rec))
                       OR NOT EXISTS (SELECT FROM stg_letter x WHERE (x.ref = \(name) OR x.exported_ref = \(name))
                                        AND x.rec NOT IN (SELECT rec FROM stg_reject))))
        """
    }

    /// `SELECT rec, reason` of the records after the first under one ref: in one file, a mistake;
    /// in joined files, likely two registers' records (refs are made alike everywhere), which
    /// imported one file at a time are told apart.
    static func givenTwice(_ staged: String, noun: String) -> String {
        """
        SELECT d.rec, CASE WHEN r.file_no = fr.file_no
                           THEN format('ref: \(noun) %s is given more than once in this file (line %s has it too); give each \(noun) its own ref',
                                       d.ref, fr.line)
                           WHEN rf.name = ff.name
                           THEN format('ref: \(noun) %s is given twice, the file %s being given twice; give it once', d.ref, ff.name)
                           WHEN rf.register = ff.register
                           THEN format('ref: \(noun) %s is given in two of these files (%s:%s has it too), both exports of register %s; '
                                       || 'import the files one at a time', d.ref, ff.name, fr.line, ff.register)
                           WHEN rf.register <> ff.register
                           THEN format('ref: \(noun) %s is given in two of these files (%s:%s has it too), two registers'' records '
                                       || 'under one ref; import the files one at a time', d.ref, ff.name, fr.line)
                           ELSE format('ref: \(noun) %s is given in two of these files (%s:%s has it too), maybe two registers'' records '
                                       || 'under one ref; import the files one at a time', d.ref, ff.name, fr.line) END
        FROM (SELECT rec, ref, min(rec) OVER (PARTITION BY ref) AS first_rec FROM \(staged)) d
        JOIN stg_record r ON r.rec = d.rec JOIN stg_file rf ON rf.file_no = r.file_no
        JOIN stg_record fr ON fr.rec = d.first_rec JOIN stg_file ff ON ff.file_no = fr.file_no
        WHERE d.rec <> d.first_rec;
        """
    }
}
