/// Events and invitations of another register's export, found and kept by where they were first
/// recorded, as letters are (`LetterMerge.findByOrigin`): refs such as EV-1945-000001 and
/// INV-US-2022-001 are made alike in every register, so a record may take another ref there.
/// Found again by its origin, a record is the one it was whatever its ref; only the register it
/// was first recorded in corrects it, since another register's copy may be older than what is
/// here. Every string is fixed SQL of this type's callers.
enum RecordOrigins {
    struct Kind {
        /// A word for the record in messages ("event").
        var noun: String
        /// The staging table (with `rec`, `ref`, `exported_ref`, `origin_register`, `origin_ref`).
        var staged: String
        /// The stored table (with `id`, `ref`, `origin_register`, `origin_ref`).
        var stored: String
        /// The table `find` creates: `rec`, `from_register`, `from_ref` (NULL when first recorded
        /// here, as new rows take them), `found_ref`, `ours`.
        var origins: String
        /// The command that edits one, for the warning of a copy kept ("event edit").
        var edit: String
        /// What of the file's record is left out with it ("participants and sources").
        var parts: String
        /// What a correction only adds to ("participants"): those the file does not name stay.
        var added: String
        /// Whether the stored record `t` is the staged `s` by what identifies it (an event's name
        /// and dates): the same record in two registers that recorded it alike (the founding
        /// example loaded in both), or one copied before registers kept origins.
        var sameAs: String
    }

    /// Finds where each record of the staged table was first recorded and the stored record it
    /// is: one found takes that record's ref (its ref in the file kept in `exported_ref`, which
    /// the records naming it follow), a record of the file under that ref takes a free one, and
    /// records of one origin given twice (joined exports) are refused after the first.
    static func find(_ kind: Kind) -> String {
        let noun = kind.noun, staged = kind.staged, origins = kind.origins
        return """
            CREATE TEMP TABLE \(origins) ON COMMIT DROP AS
            SELECT s.rec, coalesce(s.origin_register, f.register) AS from_register,
                   CASE WHEN s.origin_register IS NOT NULL THEN s.origin_ref ELSE s.ref END AS from_ref,
                   NULL::text AS found_ref, false AS ours
            FROM \(staged) s JOIN stg_record r ON r.rec = s.rec JOIN stg_file f ON f.file_no = r.file_no
            WHERE s.rec NOT IN (SELECT rec FROM stg_reject)
              AND (s.origin_register IS NOT NULL OR (f.register IS NOT NULL AND NOT f.own_export));
            CREATE UNIQUE INDEX ON \(origins) (rec);
            INSERT INTO stg_reject (rec, reason)
            SELECT o.rec, format('ref: %s %s is %s %s of register %s by its origin, as an earlier record of the files (%s:%s) is; '
                                 || 'import the files one at a time', '\(noun)', s.ref, '\(noun)', o.from_ref, o.from_register, f.name, r.line)
            FROM (SELECT rec, from_register, from_ref, min(rec) OVER (PARTITION BY from_register, from_ref) AS first FROM \(origins)) o
            JOIN \(staged) s USING (rec) JOIN stg_record r ON r.rec = o.first JOIN stg_file f ON f.file_no = r.file_no
            WHERE o.first < o.rec;
            DELETE FROM \(origins) WHERE rec IN (SELECT rec FROM stg_reject);
            UPDATE \(origins) o SET found_ref = t.ref, ours = true FROM \(kind.stored) t
             WHERE o.from_register = (SELECT id FROM register_identity) AND t.ref = o.from_ref AND t.origin_register IS NULL;
            UPDATE \(origins) o SET found_ref = t.ref FROM \(kind.stored) t
             WHERE t.origin_register = o.from_register AND t.origin_ref = o.from_ref;
            UPDATE \(staged) s SET exported_ref = s.ref, ref = o.found_ref FROM \(origins) o WHERE o.rec = s.rec AND o.found_ref <> s.ref;
            INSERT INTO stg_warning (rec, message)
            SELECT o.rec, format('ref: %s of the file %s: this %s of the file is %s', s.exported_ref,
                                 CASE WHEN o.ours THEN 'was first recorded in this register, as its origin says'
                                      ELSE 'was recorded here before, from the register it was first recorded in' END, '\(noun)', s.ref)
            FROM \(origins) o JOIN \(staged) s USING (rec) WHERE s.exported_ref IS NOT NULL;
            -- Under the ref of the record another record of the file was found to be, a record
            -- not found by its origin is another one.
            UPDATE \(staged) s SET exported_ref = s.ref, ref = \(NumberedReference.next(after: "s.ref", stored: kind.stored, staged: staged))
             WHERE s.exported_ref IS NULL AND s.rec NOT IN (SELECT rec FROM stg_reject)
               AND s.rec NOT IN (SELECT rec FROM \(origins) WHERE found_ref IS NOT NULL)
               AND EXISTS (SELECT FROM \(staged) k WHERE k.ref = s.ref AND k.exported_ref IS NOT NULL);
            INSERT INTO stg_warning (rec, message)
            SELECT s.rec, format('ref: %s here is the %s the file names %s (by its origin), not this one; this %s of the file is new here, '
                                 || 'under the free ref %s', s.exported_ref, '\(noun)', k.exported_ref, '\(noun)', s.ref)
            FROM \(staged) s JOIN \(staged) k ON k.ref = s.exported_ref AND k.exported_ref IS NOT NULL
            WHERE s.exported_ref IS NOT NULL AND s.rec NOT IN (SELECT rec FROM \(origins) WHERE found_ref IS NOT NULL);
            -- A record not found by its origin is another one than the stored record under its
            -- ref when that was first recorded elsewhere, or here while the record was not and
            -- is not the same by what identifies it.
            WITH other AS (
                UPDATE \(staged) s SET exported_ref = s.ref, ref = \(NumberedReference.next(after: "s.ref", stored: kind.stored, staged: staged))
                  FROM \(origins) o, \(kind.stored) t
                 WHERE o.rec = s.rec AND o.found_ref IS NULL AND s.exported_ref IS NULL AND t.ref = s.ref
                   AND (t.origin_register IS NOT NULL OR (o.from_register <> (SELECT id FROM register_identity) AND NOT (\(kind.sameAs))))
                RETURNING s.rec, s.exported_ref, s.ref, o.from_register, o.from_ref)
            INSERT INTO stg_warning (rec, message)
            SELECT rec, format('ref: %s here is another %s than the file''s, which register %s first recorded as %s; '
                               || 'this %s of the file is new here, under the free ref %s',
                               exported_ref, '\(noun)', from_register, from_ref, '\(noun)', ref)
            FROM other;
            INSERT INTO stg_warning (rec, message)
            SELECT o.rec, format('origin: the file says this %s was first recorded in this register as %s, which it does not have; '
                                 || 'it is read by its ref alone, as one of no known origin', '\(noun)', o.from_ref)
            FROM \(origins) o WHERE o.found_ref IS NULL AND o.from_register = (SELECT id FROM register_identity);
            -- A record first recorded here has no origin.
            UPDATE \(origins) SET from_register = NULL, from_ref = NULL WHERE from_register = (SELECT id FROM register_identity);
            """
    }

    /// When the export of a file was made, in a message (UTC, to the millisecond).
    static func moment(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS \"UTC\"')"
    }

    /// The moment to keep as the record's `origin_as_of` once the file `f` gave it (stored
    /// record `t`): the file's, when it is an export of the register the record was first
    /// recorded in and later than the one kept. Any format moves it: a CMIF export leaves out
    /// much of a record (a letter's subject), yet what it gives is that moment's, and an older
    /// JSON Lines export given after it would roll that back.
    static func asOf(stored t: String, file f: String) -> String {
        "CASE WHEN \(f).register = \(t).origin_register THEN greatest(\(t).origin_as_of, \(f).exported_at) ELSE \(t).origin_as_of END"
    }

    /// `origin_as_of` of a record new here, first recorded in `register` (NULL when here), from
    /// the file `f`: as `asOf`.
    static func asOf(newFrom register: String, file f: String) -> String {
        "CASE WHEN \(register) = \(f).register THEN \(f).exported_at END"
    }

    /// Warns of each record of `kept` (`rec`, `ref`, `ours`, `origin_register`, `file_moment`,
    /// `taken_moment`: rows as `stg_kept_copy` takes them) that it was kept as this register has
    /// it, saying why and with the command that takes what should be taken of the file's.
    static func keptWarnings(noun: String, parts: String, edit: String, of kept: String) -> String {
        """
            INSERT INTO stg_warning (rec, message)
            SELECT k.rec, format('ref: %s %s differs in this file, %s: it is kept as this register has it, with its \(parts) '
                                 || '(the file''s are left out); `chancery \(edit) %s` takes what it should of the file''s',
                                 '\(noun)', k.ref,
                                 CASE WHEN k.ours THEN 'another register''s copy of one first recorded here'
                                      WHEN k.taken_moment IS NOT NULL
                                      THEN format('an export of the register it was first recorded in made on %s, before the one this register '
                                                  || 'last took it from (%s)', \(moment("k.file_moment")), \(moment("k.taken_moment")))
                                      WHEN k.origin_register IS NULL
                                      THEN 'another register''s record under the ref of one recorded here (or brought in before this register kept origins)'
                                      ELSE format('a copy of it from another register than the one it was first recorded in (%s), '
                                                  || 'whose own exports correct it', k.origin_register) END, k.ref)
            FROM \(kept) k;
            """
    }

    /// Keeps the stored record as it is where another register's copy of it differs (`differing`:
    /// `SELECT rec, id` of the records that would change their stored one): a copy of a record
    /// first recorded here, or of one first recorded in a third register, may be older than
    /// what is here; a stored record of no origin found by its ref is taken for one first
    /// recorded here. An export of the register it was first recorded in made before the one
    /// this register last took it from (`origin_as_of`) is such a copy too. The kept records go
    /// into `stg_kept_copy`, each named in a warning; those the register they were first
    /// recorded in corrects are named too.
    static func keepCopies(_ kind: Kind, differing: String) -> String {
        let noun = kind.noun
        return """
            WITH kept AS (
                INSERT INTO stg_kept_copy (rec, ref, ours, origin_register, file_moment, taken_moment)
                SELECT d.rec, t.ref, o.ours, t.origin_register,
                       CASE WHEN f.register = t.origin_register THEN f.exported_at END, CASE WHEN f.register = t.origin_register THEN t.origin_as_of END
                FROM (\(differing)) d JOIN \(kind.stored) t ON t.id = d.id JOIN \(kind.origins) o ON o.rec = d.rec
                JOIN stg_record r ON r.rec = d.rec JOIN stg_file f ON f.file_no = r.file_no
                WHERE NOT f.own_export
                  AND ((o.found_ref IS NOT NULL AND (o.ours OR f.register IS DISTINCT FROM t.origin_register
                                                     OR f.exported_at < t.origin_as_of))
                       -- Found by its ref, a stored record of no origin was first recorded here
                       -- (or came before this register kept origins).
                       OR (o.found_ref IS NULL AND t.origin_register IS NULL))
                RETURNING *)
            \(keptWarnings(noun: noun, parts: kind.parts, edit: kind.edit, of: "kept"))
            INSERT INTO stg_warning (rec, message)
            SELECT d.rec, format('ref: %s %s is corrected as the register it was first recorded in has it (this file), keeping the '
                                 || '\(kind.added) it does not name; `chancery %s history %s` keeps what it was', '\(noun)', t.ref, '\(noun)', t.ref)
            FROM (\(differing)) d JOIN \(kind.stored) t ON t.id = d.id JOIN \(kind.origins) o ON o.rec = d.rec
            JOIN stg_record r ON r.rec = d.rec JOIN stg_file f ON f.file_no = r.file_no
            WHERE o.found_ref IS NOT NULL AND NOT f.own_export AND NOT o.ours AND f.register = t.origin_register
              AND d.rec NOT IN (SELECT rec FROM stg_newer) AND d.rec NOT IN (SELECT rec FROM stg_kept_copy);
            """
    }
}
