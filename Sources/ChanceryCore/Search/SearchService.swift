import LibPQClient
public import ChanceryModel
/// Full-text search over letters (subject, summary, text) and the names and aliases of the
/// actors taking part, ranked, with highlighted passages.
public struct SearchService: Sendable {
    let database: ChanceryDatabase
    /// How many matches of each kind (text, name) a search ranks at most: `SearchSQL.rankingCap`
    /// but in tests.
    let rankingCap: Int

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.init(database: database, rankingCap: SearchSQL.rankingCap) }

    init(database: ChanceryDatabase, rankingCap: Int) {
        self.database = database
        self.rankingCap = rankingCap
    }

    /// Letters and actors matching `text` (web-search syntax: words, "quoted phrases", `or`,
    /// `-word`), best letters first; `limit` letters after skipping `offset`.
    public func search(_ text: String, limit: Int = 20, offset: Int = 0) async throws -> SearchResults {
        let query = try FullTextQuery(text, field: "query")
        guard limit > 0 else { throw ChanceryError.invalid("limit", "limit must be at least 1", hint: "Ask for 1 or more results.") }
        guard offset >= 0 else { throw ChanceryError.invalid("offset", "offset cannot be negative", hint: "Skip 0 or more results.") }
        return try await database.replicaRead { connection in
            let meaningful: Bool = try await connection.query(
                "SELECT chancery_search_query(\(query.text)) IS NOT NULL AS meaningful").rows[0].decode("meaningful")
            guard meaningful else {
                throw ChanceryError.invalid("query", "'\(query.text)' has only words too common to search for (the, of, and …)",
                                            hint: "Add a distinctive word: a name, a place, a subject.")
            }
            let tsquery = try await Self.widenedQuery(query.text, on: connection)
            let actors = try await connection.query(SearchSQL.actors(matching: tsquery)).rows.map { row in
                SearchActorHit(name: try row.decode("name"), kind: ActorKind(rawValue: try row.decode("kind")) ?? .person,
                               matchedAlias: try row.decode("alias"), letters: Int(try row.decode("letters", as: Int64.self)))
            }
            let rows = try await connection.query(SearchSQL.letters(matching: tsquery, limit: limit, offset: offset, cap: rankingCap)).rows
            let letters = try zip(rows, try LetterQueryRunner.summaries(rows)).map { row, letter in
                SearchHit(letter: letter, rank: try row.decode("rank"),
                          snippet: try row.decode("snippet"), matchedNames: try row.decode("matched_names"))
            }
            let capped = try rows.first?.decode("capped", as: Bool.self) ?? false
            return SearchResults(query: query.text, actors: actors, letters: letters, rankedAmong: capped ? rankingCap : nil)
        }
    }

    /// The search as a tsquery expression in which each demonym among the words also stands for
    /// its state's name: "Cambodian summit" finds a letter about "Cambodia" and the summit.
    /// Statements holding it are planned for each search: a rare word wants the text index, a
    /// common one the listing's order, and a prepared statement's generic plan serves one of them
    /// ten times slower (45 ms against 5 ms for a word in 116 of 20,000 letters).
    static func widenedQuery(_ text: String, on connection: PostgresConnection) async throws -> PostgresQuery {
        let words = text.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" }).map { $0.lowercased() }
        let search: PostgresQuery = "chancery_search_query(\(text))"
        var expression = search.plannedForEachValue()
        guard !words.isEmpty else { return expression }
        let widenings = try await connection.query(
            """
            SELECT d.word, a.name FROM demonym d JOIN actor a ON a.id = d.state_id
            WHERE lower(d.word) = ANY(\(words)) AND chancery_search_query(d.word) IS NOT NULL
            ORDER BY d.word, a.name
            """).rows
        for row in widenings {
            let word: String = try row.decode("word"), state: String = try row.decode("name")
            // ts_rewrite replaces the word's subquery with "the word or the state's name".
            expression = "ts_rewrite(" + expression + ", chancery_search_query(\(word)), chancery_search_query(\(word)) || chancery_search_query(\(state)))"
        }
        return expression
    }
}

/// The statements behind `SearchService`.
enum SearchSQL {
    /// Actors whose name or one of whose aliases matches `tsquery` (an expression, see `widenedQuery`).
    static func actors(matching tsquery: PostgresQuery) -> PostgresQuery {
        """
        WITH q AS (SELECT \(tsquery) AS q),
        named AS (
            SELECT a.id, NULL::text AS alias FROM actor a, q WHERE to_tsvector('chancery', a.name) @@ q.q
            UNION ALL
            SELECT x.actor_id, x.alias FROM actor_alias x, q WHERE to_tsvector('chancery', x.alias) @@ q.q
        ),
        matched AS (SELECT DISTINCT ON (id) id, alias FROM named ORDER BY id, alias NULLS FIRST)
        SELECT a.name, a.kind::text AS kind, m.alias,
               (SELECT count(*) FROM letter_by_party b WHERE b.party_id = a.id) AS letters
        FROM matched m JOIN actor a ON a.id = m.id
        ORDER BY letters DESC, a.name
        LIMIT 20
        """
    }

    /// How many matches of each kind (text, name) a search ranks at most. Ranking reads each
    /// match's whole document: a word in a tenth of a million letters took 440 ms to rank in
    /// full, the first thousand matches take a few. Past the cap, results say so (`rankedAmong`).
    static let rankingCap = 1_000

    /// Letters matching `text` in their text, or through a participant whose name or alias matches
    /// (persons and organizations only: a state's name is in nearly every letter of its
    /// country, and the text search finds it where the text names it). Page: `limit` rows after `offset`.
    /// Ranks the first `cap` matches of each kind in the order the index returns them (the
    /// order letters were recorded in) and says, in `capped`, when there were more.
    /// Deleted letters are left out: the text hits are checked (the GIN index returns heap rows
    /// anyway), and the listing table holds none.
    /// The text hits name the query itself rather than `q`: planned for its value, a word in a
    /// tenth of the letters reads the table in order until it has `cap + 1` matches (5 ms at a
    /// million letters), where the index built a bitmap of all 90,000 of them first (25 ms); a
    /// rarer word still goes through the index. Both return matches in table order
    /// (`synchronize_seqscans` is off in Chancery's sessions, so a scan never starts mid-table).
    static func letters(matching tsquery: PostgresQuery, limit: Int, offset: Int, cap: Int) -> PostgresQuery {
        """
        WITH q AS (SELECT \(tsquery) AS q),
        named AS (
            SELECT a.id, to_tsvector('chancery', a.name) AS name FROM actor a, q
            WHERE a.kind <> 'state' AND to_tsvector('chancery', a.name) @@ q.q
            UNION ALL
            SELECT x.actor_id, to_tsvector('chancery', x.alias) FROM actor_alias x JOIN actor a ON a.id = x.actor_id, q
            WHERE a.kind <> 'state' AND to_tsvector('chancery', x.alias) @@ q.q
        ),
        text_hits AS (
            SELECT l.id, l.search_document FROM letter l
            WHERE l.search_document @@ \(tsquery) AND l.deleted_at IS NULL
            LIMIT \(cap + 1)
        ),
        name_hits AS (
            -- The query read against the letter's text with the name that matched: a word to
            -- exclude (`-centrality`) excludes a letter found by a participant's name too.
            SELECT b.letter_id FROM letter_by_party b JOIN letter l ON l.id = b.letter_id, q
            WHERE b.party_id IN (SELECT id FROM named)
              AND l.search_document || (SELECT n.name FROM named n WHERE n.id = b.party_id LIMIT 1) @@ q.q
            LIMIT \(cap + 1)
        ),
        capped AS (
            SELECT (SELECT count(*) FROM text_hits) > \(cap) OR (SELECT count(*) FROM name_hits) > \(cap) AS capped
        ),
        hits AS (
            (SELECT t.id, ts_rank_cd(t.search_document, q.q) AS rank FROM text_hits t, q LIMIT \(cap))
            UNION ALL
            (SELECT letter_id, 0.05 FROM name_hits LIMIT \(cap))
        ),
        ranked AS (
            SELECT id, sum(rank)::float8 AS rank FROM hits GROUP BY id
            ORDER BY rank DESC, id LIMIT \(limit) OFFSET \(offset)
        )
        SELECT
        \(LetterQueryRunner.summaryColumns),
               r.rank,
               ts_headline('chancery', concat_ws(' · ', l.subject, l.summary, left(l.body, 20000)), q.q,
                           'StartSel=**, StopSel=**, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "') AS snippet,
               coalesce((SELECT array_agg(a.name ORDER BY a.name) FROM actor a
                         WHERE a.id IN (SELECT id FROM named)
                           AND a.id IN (SELECT p.actor_id FROM letter_participant p WHERE p.letter_id = l.id)), '{}') AS matched_names,
               capped.capped
        FROM ranked r JOIN letter l ON l.id = r.id
        \(LetterSQL.participantLists), q, capped
        ORDER BY r.rank DESC, l.sent_sort, l.id
        """
    }
}
