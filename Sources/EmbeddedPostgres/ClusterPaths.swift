/// Guards against paths `pg_ctl` cannot handle.
enum ClusterPaths {
    /// Characters that break `pg_ctl`, which pastes the data folder and log path into a shell
    /// command line inside double quotes.
    static let shellUnsafe: Set<Character> = ["\"", "$", "`", "\\"]

    /// Throws when the data folder or log path contains a character `pg_ctl` would mangle.
    static func check(_ layout: ClusterLayout) throws {
        for path in [layout.dataDirectory, layout.logFile] where path.contains(where: shellUnsafe.contains) {
            throw EmbeddedPostgresError(
                "The database folder \(path) contains one of the characters \" $ ` \\, which PostgreSQL's "
                    + "pg_ctl cannot handle. Set CHANCERY_HOME to a plainer path, or set DATABASE_URL."
            )
        }
    }
}
