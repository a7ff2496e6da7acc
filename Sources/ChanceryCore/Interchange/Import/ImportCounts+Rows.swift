import LibPQClient
import ChanceryInterchange

extension ImportCounts {
    /// Counts from a row of `new` (rows an INSERT … ON CONFLICT DO NOTHING wrote) and `total`
    /// (rows staged): the rest were already there, but for `putBack` rows an import of the
    /// register's own export put back as the file has them.
    init(insertedOf row: PostgresRow, putBack: Int = 0) throws {
        let new: Int = try row.decode("new"), total: Int = try row.decode("total")
        self.init(new: new, unchanged: total - new - putBack, updated: putBack)
    }
}
