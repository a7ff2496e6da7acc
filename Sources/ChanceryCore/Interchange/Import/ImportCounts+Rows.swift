import LibPQClient
import ChanceryInterchange

extension ImportCounts {
    /// Counts from a row of `new` (rows an INSERT … ON CONFLICT DO NOTHING wrote) and `total`
    /// (rows staged): the rest were already there.
    init(insertedOf row: PostgresRow) throws {
        let new: Int = try row.decode("new"), total: Int = try row.decode("total")
        self.init(new: new, unchanged: total - new)
    }
}
