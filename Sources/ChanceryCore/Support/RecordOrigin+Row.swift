import ChanceryModel
import LibPQClient

extension RecordOrigin {
    /// The origin a row's `origin_register` (as text) and `origin_ref` give, nil when they are NULL.
    init?(_ row: PostgresRow) throws {
        guard let register: String = try row.decode("origin_register"), let ref: String = try row.decode("origin_ref") else { return nil }
        self.init(register: register, ref: ref)
    }
}
