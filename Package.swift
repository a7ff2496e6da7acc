// swift-tools-version: 6.1
import PackageDescription

// The compiler keeps the boundaries: imports are internal unless a file says `public import`,
// a file uses only members of modules it imports itself, and existentials are spelled `any`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Chancery",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "chancery", targets: ["chancery"]),
        .library(name: "ChanceryCore", targets: ["ChanceryCore"]),
        .library(name: "ChanceryModel", targets: ["ChanceryModel"]),
        .library(name: "ChanceryInterchange", targets: ["ChanceryInterchange"]),
        .library(name: "ChanceryRendering", targets: ["ChanceryRendering"]),
        .library(name: "ChanceryIntake", targets: ["ChanceryIntake"]),
        .library(name: "LibPQClient", targets: ["LibPQClient"]),
        .library(name: "EDTF", targets: ["EDTF"]),
        // For the fuzz targets (Fuzz/), which read requests without a server.
        .library(name: "ChanceryRequests", targets: ["ChanceryRequests"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The OpenAPI document read as typed values (request schemas for body checks); without
        // the external-loading trait, which the service does not need and which slows the build.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        // The web pages' templates (escaping by default).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // bcrypt for web sign-in passwords (its C implementation, without the rest of the auth framework).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Reads the import page's file upload (multipart/form-data).
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // Test-only: the deployment tests read docker-compose.yml as YAML rather than by indentation.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The C library, and nothing else: a module map and a one-line shim header.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // A small PostgreSQL client over libpq: bound parameters, typed rows, transactions, COPY, a pool.
        .target(name: "LibPQClient", dependencies: ["CLibPQ", "CivilDays"]),
        // Proleptic Gregorian day numbers, shared by the client's date encoding and the domain.
        .target(name: "CivilDays"),
        // Extended Date/Time Format (ISO 8601-2) parsing into bounds and precision.
        .target(name: "EDTF"),
        // The private PostgreSQL cluster Chancery creates and starts when no server is configured.
        .target(name: "EmbeddedPostgres"),
        // The domain's values, vocabulary, validation and errors. No database, no I/O.
        .target(name: "ChanceryModel", dependencies: ["EDTF", "CivilDays"], swiftSettings: strictSettings),
        // Readers and writers of CMIF/TEI, CSV and JSON Lines. No database.
        .target(name: "ChanceryInterchange", dependencies: ["ChanceryModel", "EDTF"], swiftSettings: strictSettings),
        // Article intake: reads a news article (text or saved HTML) with gazetteers built from the
        // register and proposes draft records as a Chancery dataset. No database.
        .target(name: "ChanceryIntake", dependencies: ["ChanceryModel", "ChanceryInterchange", "CivilDays"], swiftSettings: strictSettings),
        // Timeline and report renderers (text, Markdown, JSON, CSV, HTML, iCalendar, DOT, GEXF). No database.
        .target(name: "ChanceryRendering", dependencies: ["ChanceryModel", "ChanceryInterchange", "EDTF"], swiftSettings: strictSettings),
        // The reference data a register starts with (ISO 3166 states and former states with their
        // names in other languages, organizations and their members, demonyms), read from the files
        // in Data/reference embedded at build time. No database.
        .target(name: "ChanceryReference", swiftSettings: strictSettings, plugins: ["EmbedResources"]),
        // The services implementing the use cases, and everything that speaks SQL.
        .target(
            name: "ChanceryCore",
            dependencies: [
                "ChanceryModel", "ChanceryInterchange", "ChanceryRendering", "ChanceryReference", "ChanceryIntake", "LibPQClient", "EDTF", "EmbeddedPostgres",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: strictSettings,
            plugins: ["EmbedResources"]
        ),
        // Reading a request: query parameters, JSON bodies checked against the OpenAPI document's
        // fields and decoded, and the problem a client gets for one it cannot use. Needs no server
        // and no database (no Hummingbird, no SQL, no build plugin), so the fuzz targets build it.
        .target(
            name: "ChanceryRequests",
            dependencies: [
                "ChanceryModel", "ChanceryInterchange", "ChanceryRendering", "EDTF",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            swiftSettings: strictSettings
        ),
        // The web interface's pages: Mustache templates beside the code (embedded at build time),
        // calling ChanceryCore's services like the CLI and the API. No SQL.
        .target(
            name: "ChanceryWeb",
            dependencies: [
                "ChanceryCore", "ChanceryModel", "ChanceryRendering", "ChanceryRequests", "EDTF",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            exclude: ["Templates"],
            swiftSettings: strictSettings,
            plugins: ["EmbedResources"]
        ),
        // The JSON API over HTTP: routes that call ChanceryCore's services, and nothing that speaks SQL.
        .target(
            name: "ChanceryHTTP",
            dependencies: [
                "ChanceryCore", "ChanceryModel", "ChanceryInterchange", "ChanceryRendering", "ChanceryRequests", "EDTF",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                "ChanceryWeb",
            ],
            swiftSettings: strictSettings,
            plugins: ["EmbedResources"]
        ),
        .executableTarget(
            name: "chancery",
            dependencies: [
                "ChanceryCore", "ChanceryModel", "ChanceryInterchange", "ChanceryRendering", "ChanceryHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Times the most used queries through the services and as the same SQL through psql; run by
        // bench/query-benchmark.sh, never by the tests.
        .executableTarget(
            name: "chancery-query-bench", dependencies: ["ChanceryCore", "ChanceryModel", "LibPQClient"], path: "bench/QueryBench"),
        // Times the letter listing's JSON written by CompactJSONWriter against JSONEncoder; see bench/README.md.
        .executableTarget(name: "chancery-json-bench", dependencies: ["ChanceryRendering", "ChanceryModel"], path: "bench/JSONBench"),
        // Build-time tool that turns schema.sql and the founding example into Swift string constants,
        // so the binary carries the one true schema wherever it is installed.
        .executableTarget(name: "EmbedResourcesTool"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedResourcesTool"]),
        // Shared by the test targets: a scratch database on the test server, dropped afterwards.
        .target(name: "TestSupport", dependencies: ["LibPQClient"], path: "Tests/TestSupport"),
        // Temporary files and folders for tests that read or write files; no database.
        .target(name: "TestFiles", path: "Tests/TestFiles"),
        .testTarget(name: "LibPQClientTests", dependencies: ["LibPQClient", "TestSupport"]),
        .testTarget(name: "EDTFTests", dependencies: ["EDTF"]),
        .testTarget(name: "EmbeddedPostgresTests", dependencies: ["EmbeddedPostgres"]),
        // Fixtures (CMIF files, the version 1 schema) are read from the source tree by path.
        .testTarget(
            name: "ChanceryCoreTests",
            dependencies: ["ChanceryCore", "ChanceryModel", "ChanceryInterchange", "ChanceryRendering", "ChanceryReference", "EDTF", "TestSupport",
                           "TestFiles", "LibPQClient"],
            exclude: ["Fixtures"]
        ),
        // The database-free targets' tests need no server.
        .testTarget(name: "ChanceryModelTests", dependencies: ["ChanceryModel", "EDTF"], swiftSettings: strictSettings),
        .testTarget(
            name: "ChanceryInterchangeTests",
            dependencies: ["ChanceryInterchange", "ChanceryModel", "EDTF", "TestFiles"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ChanceryRenderingTests",
            dependencies: ["ChanceryRendering", "ChanceryModel", "ChanceryInterchange", "EDTF"],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ChanceryHTTPTests",
            dependencies: [
                "ChanceryHTTP", "ChanceryWeb", "ChanceryCore", "ChanceryModel", "ChanceryInterchange", "ChanceryRendering",
                "ChanceryRequests", "EDTF", "TestSupport", "LibPQClient", "EmbeddedPostgres",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ]
        ),
        // Intake's reading of articles, names and sentences, on a small register (no database).
        .testTarget(
            name: "ChanceryIntakeTests",
            dependencies: ["ChanceryIntake", "ChanceryModel", "ChanceryInterchange", "ChanceryReference"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "ChanceryCLITests", dependencies: ["TestSupport", "LibPQClient"]),
        .testTarget(name: "DeploymentTests", dependencies: [.product(name: "Yams", package: "Yams")]),
    ]
)
