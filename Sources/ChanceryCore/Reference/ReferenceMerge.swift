import LibPQClient

/// Applies the staged reference data (`ReferenceStaging`) to the register. Every statement skips
/// facts already in `reference_applied`, and the last ones enter the facts that now hold.
struct ReferenceMerge {
    let connection: PostgresConnection

    func merge() async throws -> ReferenceReport {
        var report = ReferenceReport()
        try await addMissingCountryCodes()
        try await resolveStates()
        report.statesAdded = try await count(
            """
            WITH added AS (
                INSERT INTO actor (kind, name, iso_code, wikidata_id, existed_edtf, existed_earliest, existed_latest, existed_precision)
                SELECT 'state', r.name, r.code,
                       CASE WHEN NOT EXISTS (SELECT 1 FROM actor x WHERE x.wikidata_id = r.wikidata) THEN r.wikidata END,
                       r.existed_edtf, r.existed_earliest, r.existed_latest, r.existed_precision
                FROM ref_state r
                WHERE r.actor_id IS NULL AND NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'state ' || r.key)
                  AND (r.code IS NULL OR NOT EXISTS (SELECT 1 FROM actor x WHERE x.iso_code = r.code))
                ORDER BY r.key
                RETURNING 1)
            SELECT count(*) AS n FROM added
            """)
        try await resolveStates()
        try await resolveOrganizations()
        report.organizationsAdded = try await count(
            """
            WITH added AS (
                INSERT INTO actor (kind, name, wikidata_id, note)
                SELECT 'organization', r.name,
                       CASE WHEN NOT EXISTS (SELECT 1 FROM actor x WHERE x.wikidata_id = r.wikidata) THEN r.wikidata END, r.note
                FROM ref_org r
                WHERE r.actor_id IS NULL AND NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'org ' || r.key)
                ORDER BY r.key
                RETURNING 1)
            SELECT count(*) AS n FROM added
            """)
        try await resolveOrganizations()
        try await connection.executeScript(
            """
            CREATE TEMP TABLE ref_owner ON COMMIT DROP AS
            SELECT 'state ' || key AS owner, actor_id, wikidata, code FROM ref_state WHERE actor_id IS NOT NULL
            UNION ALL SELECT 'org ' || key, actor_id, wikidata, NULL FROM ref_org WHERE actor_id IS NOT NULL;
            CREATE UNIQUE INDEX ON ref_owner (owner);
            ANALYZE ref_owner;
            """)
        report.identifiersFilled = try await fillIdentifiers()
        report.periodsFilled = try await count(
            """
            WITH filled AS (
                UPDATE actor a SET existed_edtf = r.existed_edtf, existed_earliest = r.existed_earliest,
                                   existed_latest = r.existed_latest, existed_precision = r.existed_precision
                FROM ref_state r
                WHERE a.id = r.actor_id AND a.kind = 'state' AND a.existed_edtf IS NULL AND r.existed_edtf IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'existed ' || r.key)
                RETURNING 1)
            SELECT count(*) AS n FROM filled
            """)
        report.namesAdded = try await count(
            """
            WITH added AS (
                INSERT INTO actor_alias (actor_id, alias, language)
                SELECT DISTINCT ON (o.actor_id, n.name) o.actor_id, n.name, n.language
                FROM ref_name n JOIN ref_owner o USING (owner) JOIN actor a ON a.id = o.actor_id
                WHERE lower(n.name) <> lower(a.name)
                  AND NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'name ' || n.owner || ' ' || n.name)
                ORDER BY o.actor_id, n.name
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT count(*) AS n FROM added
            """)
        report.demonymsAdded = try await count(
            """
            WITH added AS (
                INSERT INTO demonym (state_id, word)
                SELECT DISTINCT o.actor_id, d.word
                FROM ref_demonym d JOIN ref_owner o USING (owner) JOIN actor a ON a.id = o.actor_id AND a.kind = 'state'
                WHERE NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'demonym ' || d.owner || ' ' || d.word)
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT count(*) AS n FROM added
            """)
        report.membershipsAdded = try await count(
            """
            WITH added AS (
                INSERT INTO membership (member_id, organization_id, period_edtf, period_earliest, period_latest, period_precision)
                SELECT member.actor_id, organization.actor_id, m.period_edtf, m.period_earliest, m.period_latest, m.period_precision
                FROM ref_member m
                JOIN ref_owner organization ON organization.owner = m.organization
                JOIN ref_owner member ON member.owner = m.member
                WHERE member.actor_id <> organization.actor_id
                  AND NOT EXISTS (SELECT 1 FROM reference_applied
                                  WHERE entry = 'member ' || m.organization || ' ' || m.member || ' ' || coalesce(m.period_edtf, ''))
                  -- Recorded over another, overlapping period: the register's dates stand (reported below).
                  AND NOT EXISTS (SELECT 1 FROM membership x
                                  WHERE x.member_id = member.actor_id AND x.organization_id = organization.actor_id
                                    AND x.period_edtf IS DISTINCT FROM m.period_edtf
                                    AND (x.period_earliest IS NULL OR m.period_earliest IS NULL
                                         OR (x.period_earliest <= m.period_latest AND x.period_latest >= m.period_earliest)))
                ON CONFLICT ON CONSTRAINT membership_unique DO NOTHING
                RETURNING 1)
            SELECT count(*) AS n FROM added
            """)
        report.conflicts = try await conflicts()
        try await recordApplied()
        return report
    }

    /// Codes ISO 3166-1 has assigned since the `country` table was written, and the names
    /// reports show for codes ("Soviet Union" rather than "USSR, Union of Soviet Socialist Republics").
    private func addMissingCountryCodes() async throws {
        try await connection.execute(
            """
            INSERT INTO country (code, name, withdrawn)
            SELECT r.code, r.name, r.existed_edtf IS NOT NULL FROM ref_state r WHERE r.code ~ '^[A-Z]{2}$'
            ON CONFLICT (code) DO UPDATE SET name = excluded.name WHERE country.name <> excluded.name
            """)
    }

    /// Finds each reference state's actor: by ISO code, else by Wikidata id, else a state called
    /// by one of its names. A withdrawn code ISO gave twice (CS: Czechoslovakia, then Serbia and
    /// Montenegro) names a former state only when the names agree too.
    private func resolveStates() async throws {
        try await connection.executeScript(
            """
            UPDATE ref_state r SET actor_id = a.id FROM actor a
             WHERE r.actor_id IS NULL AND r.code IS NOT NULL AND a.iso_code = r.code
               AND (r.existed_edtf IS NULL OR lower(a.name) = lower(r.name)
                    OR EXISTS (SELECT 1 FROM ref_name n WHERE n.owner = 'state ' || r.key AND lower(n.name) = lower(a.name)));
            UPDATE ref_state r SET actor_id = a.id FROM actor a
             WHERE r.actor_id IS NULL AND r.wikidata IS NOT NULL AND a.wikidata_id = r.wikidata AND a.kind = 'state';
            UPDATE ref_state r SET actor_id = (
                SELECT min(a.id) FROM actor a
                WHERE a.kind = 'state' AND (a.iso_code IS NULL OR r.code IS NULL)
                  AND (lower(a.name) = lower(r.name)
                       OR lower(a.name) IN (SELECT lower(n.name) FROM ref_name n WHERE n.owner = 'state ' || r.key)))
             WHERE r.actor_id IS NULL;
            """)
    }

    /// Finds each reference organization's actor: by Wikidata id, else by its name or one of its
    /// other names as an organization's name or alias ("ASEAN" for the Association of Southeast Asian Nations).
    private func resolveOrganizations() async throws {
        try await connection.executeScript(
            """
            UPDATE ref_org r SET actor_id = a.id FROM actor a
             WHERE r.actor_id IS NULL AND r.wikidata IS NOT NULL AND a.wikidata_id = r.wikidata AND a.kind = 'organization';
            UPDATE ref_org r SET actor_id = (
                SELECT min(a.id) FROM actor a
                WHERE a.kind = 'organization'
                  AND (lower(a.name) = lower(r.name)
                       OR lower(a.name) IN (SELECT lower(n.name) FROM ref_name n WHERE n.owner = 'org ' || r.key)
                       OR EXISTS (SELECT 1 FROM actor_alias al WHERE al.actor_id = a.id AND lower(al.alias) = lower(r.name))))
             WHERE r.actor_id IS NULL;
            """)
    }

    /// ISO codes and Wikidata ids where the matched actor has none and no other actor holds them.
    private func fillIdentifiers() async throws -> Int {
        let codes = try await count(
            """
            WITH filled AS (
                UPDATE actor a SET iso_code = r.code FROM ref_state r
                WHERE a.id = r.actor_id AND a.iso_code IS NULL AND r.code IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM actor x WHERE x.iso_code = r.code)
                  AND NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'code state ' || r.key)
                RETURNING 1)
            SELECT count(*) AS n FROM filled
            """)
        let wikidata = try await count(
            """
            WITH candidates AS (
                SELECT DISTINCT ON (o.wikidata) o.actor_id, o.wikidata FROM ref_owner o JOIN actor a ON a.id = o.actor_id
                WHERE a.wikidata_id IS NULL AND o.wikidata IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM actor x WHERE x.wikidata_id = o.wikidata)
                  AND NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'wikidata ' || o.owner)
                ORDER BY o.wikidata, o.actor_id),
            filled AS (UPDATE actor a SET wikidata_id = c.wikidata FROM candidates c WHERE a.id = c.actor_id RETURNING 1)
            SELECT count(*) AS n FROM filled
            """)
        return codes + wikidata
    }

    /// Reference facts a user's record contradicts, never applied: each is kept as the user has it.
    private func conflicts() async throws -> [String] {
        let rows = try await connection.query(
            """
            SELECT a.name || ' has the Wikidata id ' || a.wikidata_id || ' where the reference data has '
                   || o.wikidata || '; the recorded one is kept.' AS message
            FROM ref_owner o JOIN actor a ON a.id = o.actor_id
            WHERE a.wikidata_id IS NOT NULL AND o.wikidata IS NOT NULL AND a.wikidata_id <> o.wikidata
              AND NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'wikidata ' || o.owner)
            UNION ALL
            SELECT o.wikidata || ' (' || split_part(o.owner, ' ', 2) || ' in the reference data) is recorded for ' || x.name
                   || ', not for ' || a.name || '; left as recorded.'
            FROM ref_owner o JOIN actor a ON a.id = o.actor_id JOIN actor x ON x.wikidata_id = o.wikidata AND x.id <> a.id
            WHERE a.wikidata_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'wikidata ' || o.owner)
            UNION ALL
            SELECT a.name || ' existed ' || a.existed_edtf || ' as recorded; the reference data has ' || r.existed_edtf
                   || '; the recorded period is kept.'
            FROM ref_state r JOIN actor a ON a.id = r.actor_id
            WHERE a.existed_edtf IS NOT NULL AND r.existed_edtf IS NOT NULL AND a.existed_edtf <> r.existed_edtf
              AND NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'existed ' || r.key)
            UNION ALL
            SELECT p.name || ' in ' || g.name || ' is recorded as ' || coalesce(x.period_edtf, 'without a period')
                   || '; the reference data has ' || coalesce(m.period_edtf, 'no period') || '; the recorded one is kept.'
            FROM ref_member m
            JOIN ref_owner go ON go.owner = m.organization JOIN actor g ON g.id = go.actor_id
            JOIN ref_owner po ON po.owner = m.member JOIN actor p ON p.id = po.actor_id
            JOIN membership x ON x.member_id = p.id AND x.organization_id = g.id AND x.period_edtf IS DISTINCT FROM m.period_edtf
                             AND (x.period_earliest IS NULL OR m.period_earliest IS NULL
                                  OR (x.period_earliest <= m.period_latest AND x.period_latest >= m.period_earliest))
            WHERE NOT EXISTS (SELECT 1 FROM reference_applied
                              WHERE entry = 'member ' || m.organization || ' ' || m.member || ' ' || coalesce(m.period_edtf, ''))
              AND NOT EXISTS (SELECT 1 FROM membership y WHERE y.member_id = p.id AND y.organization_id = g.id
                                                         AND y.period_edtf IS NOT DISTINCT FROM m.period_edtf)
            UNION ALL
            SELECT 'The ISO code ' || r.code || ' (' || r.name || ') is recorded for ' || x.name || ', a '
                   || x.kind::text || '; no state was added for it.'
            FROM ref_state r JOIN actor x ON x.iso_code = r.code
            WHERE r.actor_id IS NULL AND NOT EXISTS (SELECT 1 FROM reference_applied WHERE entry = 'state ' || r.key)
            ORDER BY 1
            """).rows
        return try rows.map { try $0.decode("message") }
    }

    /// Enters every fact that now holds, so that a reload neither repeats nor undoes it.
    private func recordApplied() async throws {
        try await connection.executeScript(
            """
            INSERT INTO reference_applied (entry)
            SELECT 'state ' || key FROM ref_state WHERE actor_id IS NOT NULL
            UNION SELECT 'org ' || key FROM ref_org WHERE actor_id IS NOT NULL
            UNION SELECT 'code state ' || r.key FROM ref_state r JOIN actor a ON a.id = r.actor_id WHERE a.iso_code = r.code
            UNION SELECT 'wikidata ' || o.owner FROM ref_owner o JOIN actor a ON a.id = o.actor_id WHERE a.wikidata_id = o.wikidata
            UNION SELECT 'existed ' || r.key FROM ref_state r JOIN actor a ON a.id = r.actor_id WHERE a.existed_edtf = r.existed_edtf
            UNION SELECT 'name ' || n.owner || ' ' || n.name FROM ref_name n JOIN ref_owner o USING (owner)
            UNION SELECT 'demonym ' || d.owner || ' ' || d.word FROM ref_demonym d JOIN ref_owner o USING (owner)
            UNION SELECT 'member ' || m.organization || ' ' || m.member || ' ' || coalesce(m.period_edtf, '')
                  FROM ref_member m JOIN ref_owner g ON g.owner = m.organization JOIN ref_owner p ON p.owner = m.member
                  WHERE EXISTS (SELECT 1 FROM membership x WHERE x.member_id = p.actor_id AND x.organization_id = g.actor_id
                                                           AND x.period_edtf IS NOT DISTINCT FROM m.period_edtf)
            ON CONFLICT (entry) DO NOTHING;
            """)
    }

    private func count(_ statement: PostgresQuery) async throws -> Int {
        let n: Int64 = try await connection.query(statement).rows[0].decode("n")
        return Int(n)
    }
}
