public import ChanceryInterchange
/// The founding example: the 2022 Biden–Hun Sen exchange about the Special ASEAN–U.S. Summit.
public enum FoundingExample {
    /// The dataset as shipped in Data/founding-example.jsonl.
    public static var jsonLines: String { EmbeddedResources.foundingExampleJSONL }

    /// Loads it through the importer (idempotently: a second load changes nothing).
    public static func load(into database: ChanceryDatabase) async throws -> ImportReport {
        try await ImportService(database: database).loadFoundingExample()
    }
}
