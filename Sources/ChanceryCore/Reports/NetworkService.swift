import LibPQClient
public import ChanceryModel
/// Builds correspondence networks: who writes to whom, and how often.
public struct NetworkService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// The network of the letters a request selects. Edges run from each author or signatory
    /// to each recipient (and copy recipient with `includeCC`); intermediaries and deleted
    /// letters are left out.
    public func network(_ request: NetworkRequest) async throws -> CorrespondenceNetwork {
        let window = try DateWindow(since: request.since, until: request.until)
        return try await database.replicaRead { connection in
            guard window.coversEverything else {
                return try await Self.network(request.level, edges: try await Self.edges(request, window: window, on: connection), on: connection)
            }
            let key = KeptNetworks.Key(level: request.level, includeCC: request.includeCC)
            return try await KeptNetworkReader(kept: database.keptNetworks, connection: connection).network(key, Self.wholeRegister(key))
        }
    }

    /// Forgets the changes to networks that every session can see (`forget_network_changes()`,
    /// schema.sql), so that the table recording them stays small; a running service calls it
    /// now and then, an import after its commit.
    public func forgetSeenChanges() async throws {
        _ = try await database.write { connection in try await connection.execute("SELECT forget_network_changes()") }
    }

    /// The network over the whole register: read from the kept counts; a network of states is
    /// brought up to date from the pairs counted again since it was read, unless a country's name
    /// changed or a pair lost its last letter.
    static func wholeRegister(_ key: KeptNetworks.Key) -> WholeRegisterNetwork {
        let read: (PostgresConnection) async throws -> CorrespondenceNetwork = { connection in try await wholeRegister(key, on: connection) }
        guard key.level == .country else { return WholeRegisterNetwork(inputs: NetworkInput.allCases, read: read) }
        return WholeRegisterNetwork(inputs: [.countries, .countryPairs], read: read, followedInputs: [.countryPairs]) { kept, snapshot, connection in
            let updated = try await LetterCensusQueries(connection: connection)
                .countryEdges(kept.edges, updatedSince: snapshot, includeCC: key.includeCC)
            let known = Set(kept.nodes.map(\.id))
            let newEnds = updated.changed.contains { $0.weight > 0 && !(known.contains($0.source) && known.contains($0.target)) }
            // A state with no pair left, or a first one, changes the nodes.
            guard updated.removedAny || newEnds else { return CorrespondenceNetwork(level: .country, nodes: kept.nodes, edges: updated.edges) }
            return try await network(.country, edges: updated.edges, on: connection)
        }
    }

    /// The network over the whole register, read from the kept counts.
    static func wholeRegister(_ key: KeptNetworks.Key, on connection: PostgresConnection) async throws -> CorrespondenceNetwork {
        let edges = try await LetterCensusQueries(connection: connection).networkEdges(level: key.level, includeCC: key.includeCC)
        return try await network(key.level, edges: edges, on: connection)
    }

    /// The network of `edges`, with a node for each end.
    private static func network(_ level: NetworkLevel, edges: [NetworkEdge], on connection: PostgresConnection) async throws -> CorrespondenceNetwork {
        var nodeIDs = Set<String>(minimumCapacity: 1024)
        // Edges come ordered by their sources: each is inserted once rather than once an edge.
        var lastSource: String?
        for edge in edges {
            if edge.source != lastSource {
                nodeIDs.insert(edge.source)
                lastSource = edge.source
            }
            nodeIDs.insert(edge.target)
        }
        let ids = Array(nodeIDs)
        let nodes = level == .actor ? try await actorNodes(ids, on: connection) : try await countryNodes(ids, on: connection)
        return CorrespondenceNetwork(level: level, nodes: nodes, edges: edges)
    }

    /// The edges counted from the letters in the window.
    static func edges(_ request: NetworkRequest, window: DateWindow, on connection: PostgresConnection) async throws -> [NetworkEdge] {
        var filter = SQLFilter()
        filter.add("l.deleted_at IS NULL")
        window.restrict(&filter, earliest: "l.sent_earliest", latest: "l.sent_latest")
        // Fixed fragments chosen by the level and the flag; no input reaches the SQL text.
        let source: PostgresQuery = request.level == .actor ? "'actor-' || s.actor_id" : "coalesce(sa.iso_code, sr.iso_code)"
        let target: PostgresQuery = request.level == .actor ? "'actor-' || r.actor_id" : "coalesce(ra.iso_code, rr.iso_code)"
        if request.level == .country { filter.add("\(source) IS NOT NULL AND \(target) IS NOT NULL") }
        let recipientRoles = request.includeCC ? LetterSQL.recipientAndCopyRoles : LetterSQL.recipientRoles
        let query: PostgresQuery = "SELECT \(source) AS source, \(target) AS target, count(DISTINCT l.id) AS weight\n"
            + "FROM letter l\n"
            + "JOIN letter_participant s ON s.letter_id = l.id AND s.role IN (\(LetterSQL.senderRoles))\n"
            + "JOIN letter_participant r ON r.letter_id = l.id AND r.role IN (\(recipientRoles))\n"
            + """
            JOIN actor sa ON sa.id = s.actor_id
            JOIN actor ra ON ra.id = r.actor_id
            LEFT JOIN actor sr ON sr.id = s.represents_id
            LEFT JOIN actor rr ON rr.id = r.represents_id
            """ + "\n\(filter.whereClause)\nGROUP BY 1, 2\nORDER BY 1, 2"
        return try await connection.query(query).rows.map { row in
            NetworkEdge(source: try row.decode("source"), target: try row.decode("target"), weight: try row.decode("weight"))
        }
    }

    /// Actors with the country they are (states) or most often act for (persons, organizations).
    private static func actorNodes(_ ids: [String], on connection: PostgresConnection) async throws -> [NetworkNode] {
        let actorIDs = ids.compactMap { Int64($0.dropFirst("actor-".count)) }
        return try await connection.query(
            """
            SELECT a.id, a.name, a.kind::text AS kind, a.unidentified,
                   coalesce(a.iso_code, (SELECT mode() WITHIN GROUP (ORDER BY r.iso_code)
                                         FROM letter_participant p JOIN actor r ON r.id = p.represents_id
                                         WHERE p.actor_id = a.id)) AS country
            FROM actor a WHERE a.id = ANY(\(actorIDs))
            ORDER BY a.name, a.id
            """
        ).rows.map { row in
            NetworkNode(id: "actor-" + String(try row.decode("id", as: Int64.self)), label: try row.decode("name"),
                        kind: try row.decode("kind"), country: try row.decode("country"), unidentified: try row.decode("unidentified"))
        }
    }

    private static func countryNodes(_ codes: [String], on connection: PostgresConnection) async throws -> [NetworkNode] {
        try await connection.query("SELECT code, name FROM country WHERE code = ANY(\(codes)) ORDER BY name, code").rows.map { row in
            let code: String = try row.decode("code")
            return NetworkNode(id: code, label: try row.decode("name"), kind: "country", country: code)
        }
    }
}
