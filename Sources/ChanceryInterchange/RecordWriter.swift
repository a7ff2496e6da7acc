/// Writes exported records in one format. The exporter calls `begin`, then `write` for each
/// record in dependency order (actors, memberships, roles, events, then letters interleaved with
/// the invitations and responses that follow them), then `end`.
package protocol RecordWriter {
    mutating func begin(_ output: TextOutput) throws
    mutating func write(_ record: DatasetRecord, to output: TextOutput) throws
    mutating func end(_ output: TextOutput) throws
}
