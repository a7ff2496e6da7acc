import LibPQClient

/// The busiest keys of a kept pair count (`census_by_actor_pair`, `census_by_country_pair`), read
/// off its index on `addressed` instead of summing every key: keys with one row down to the
/// `limit`-th count (ties on it included, so that the caller's order by name can choose), plus
/// the keys a writer left `partial`, summed.
struct BusiestPairsQuery {
    /// A kept pair count and its key columns: fixed identifiers, never input (the two below are
    /// the only ones, spliced into the SQL as they are).
    struct Table {
        let name: String
        let sender: String
        let recipient: String
        /// A condition on a row `c` that keeps a key out of the ranking ("" for none).
        let leftOut: String

        /// Actors that stand for someone unnamed ("einen Amtsbruder") are no correspondent to rank.
        static let actors = Table(name: "census_by_actor_pair", sender: "sender_id", recipient: "recipient_id",
                                  leftOut: "AND NOT EXISTS (SELECT FROM actor u WHERE u.id IN (c.sender_id, c.recipient_id) AND u.unidentified)")
        static let countries = Table(name: "census_by_country_pair", sender: "sender_code", recipient: "recipient_code", leftOut: "")

        private init(name: String, sender: String, recipient: String, leftOut: String) {
            (self.name, self.sender, self.recipient, self.leftOut) = (name, sender, recipient, leftOut)
        }
    }

    let table: Table
    let limit: Int

    /// `WITH … chosen(sender, recipient, letters)`: the caller's statement follows and reads `chosen`.
    var chosen: PostgresQuery {
        let (name, sender, recipient, leftOut) = (table.name, table.sender, table.recipient, table.leftOut)
        return """
            WITH partial_key AS (
                SELECT DISTINCT \(unescaped: sender) AS sender, \(unescaped: recipient) AS recipient FROM \(unescaped: name) c
                WHERE partial \(unescaped: leftOut)),
            partial_sum AS (
                SELECT \(unescaped: sender) AS sender, \(unescaped: recipient) AS recipient, sum(addressed)::integer AS letters
                FROM \(unescaped: name)
                WHERE (\(unescaped: sender), \(unescaped: recipient)) IN (SELECT sender, recipient FROM partial_key)
                GROUP BY \(unescaped: sender), \(unescaped: recipient)),
            settled AS NOT MATERIALIZED (
                SELECT c.\(unescaped: sender) AS sender, c.\(unescaped: recipient) AS recipient, c.addressed AS letters
                FROM \(unescaped: name) c
                WHERE NOT c.partial AND c.addressed > 0 \(unescaped: leftOut)
                  AND NOT EXISTS (SELECT FROM partial_key p WHERE p.sender = c.\(unescaped: sender) AND p.recipient = c.\(unescaped: recipient))),
            cut AS (
                SELECT letters FROM (
                    SELECT letters FROM (
                        SELECT c.\(unescaped: sender) AS sender, c.\(unescaped: recipient) AS recipient, c.addressed AS letters
                        FROM \(unescaped: name) c
                        WHERE NOT c.partial AND c.addressed > 0 \(unescaped: leftOut)
                        ORDER BY c.addressed DESC LIMIT \(limit) + (SELECT count(*) FROM partial_key)) AS busiest
                    WHERE NOT EXISTS (SELECT FROM partial_key p WHERE p.sender = busiest.sender AND p.recipient = busiest.recipient)
                    UNION ALL
                    SELECT letters FROM partial_sum WHERE letters > 0) AS x
                ORDER BY letters DESC OFFSET \(limit - 1) LIMIT 1),
            chosen AS (
                SELECT * FROM settled WHERE letters >= coalesce((SELECT letters FROM cut), 1)
                UNION ALL
                SELECT * FROM partial_sum WHERE letters >= coalesce((SELECT letters FROM cut), 1))

            """
    }
}
