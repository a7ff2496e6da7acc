/// The parts of docker-compose.yml the deployment tests check; everything else is ignored.
struct ComposeFile: Decodable {
    var services: [String: Service]
    /// Named volumes; a volume with default settings has no value (`chancery-data:`).
    var volumes: [String: Volume?]?

    struct Service: Decodable {
        var image: String?
        var volumes: [String]?
        var healthcheck: HealthCheck?
        var build: Build?
        var dependsOn: [String: Dependency]?
        var environment: [String: String]?
        var profiles: [String]?
        var entrypoint: [String]?

        enum CodingKeys: String, CodingKey {
            case image, volumes, healthcheck, build, environment, profiles, entrypoint
            case dependsOn = "depends_on"
        }
    }

    struct HealthCheck: Decodable { var test: [String] }
    struct Build: Decodable { var context: String?; var dockerfile: String? }
    struct Dependency: Decodable { var condition: String }
    struct Volume: Decodable {}
}
