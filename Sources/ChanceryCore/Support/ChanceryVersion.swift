/// This build's version: the one place it is written. `chancery --version`, `/healthz` and the
/// HTTP `Server` header all read it from here.
public enum ChanceryVersion {
    /// The release, as semantic versioning (the CHANGELOG's headings).
    public static let release = "0.5.0"

    /// The database schema version this build carries and migrates to (schema.sql's
    /// `chancery-schema-version` line).
    public static var schema: Int { SchemaMigrator.bundledVersion }

    /// `chancery 0.5.0 (schema 4)`.
    public static var description: String { "chancery \(release) (schema \(schema))" }
}
