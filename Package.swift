// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Chancery",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "chancery", targets: ["chancery"]),
        .library(name: "ChanceryCore", targets: ["ChanceryCore"]),
        .library(name: "LibPQClient", targets: ["LibPQClient"]),
        .library(name: "EDTF", targets: ["EDTF"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The C library, and nothing else: a module map and a one-line shim header.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // A small PostgreSQL client over libpq: bound parameters, typed rows, transactions, COPY, a pool.
        .target(name: "LibPQClient", dependencies: ["CLibPQ"]),
        // Extended Date/Time Format (ISO 8601-2) parsing into bounds and precision.
        .target(name: "EDTF"),
        // The private PostgreSQL cluster Chancery creates and starts when no server is configured.
        .target(name: "EmbeddedPostgres"),
        // The domain and the services implementing the use cases.
        .target(
            name: "ChanceryCore",
            dependencies: ["LibPQClient", "EDTF", "EmbeddedPostgres"],
            plugins: ["EmbedResources"]
        ),
        // The JSON API over HTTP: routes that call ChanceryCore's services, and nothing that speaks SQL.
        .target(
            name: "ChanceryHTTP",
            dependencies: [
                "ChanceryCore",
                "LibPQClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            plugins: ["EmbedResources"]
        ),
        .executableTarget(
            name: "chancery",
            dependencies: [
                "ChanceryCore",
                "ChanceryHTTP",
                "LibPQClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Times the most used queries through the services and as the same SQL through psql; run by
        // bench/query-benchmark.sh, never by the tests.
        .executableTarget(name: "chancery-query-bench", dependencies: ["ChanceryCore", "LibPQClient"], path: "bench/QueryBench"),
        // Build-time tool that turns schema.sql and the founding example into Swift string constants,
        // so the binary carries the one true schema wherever it is installed.
        .executableTarget(name: "EmbedResourcesTool"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedResourcesTool"]),
        // Shared by the test targets: a scratch database on the test server, dropped afterwards.
        .target(name: "TestSupport", dependencies: ["LibPQClient"], path: "Tests/TestSupport"),
        .testTarget(name: "LibPQClientTests", dependencies: ["LibPQClient", "TestSupport"]),
        .testTarget(name: "EDTFTests", dependencies: ["EDTF"]),
        .testTarget(name: "EmbeddedPostgresTests", dependencies: ["EmbeddedPostgres"]),
        // Fixtures (CMIF files, the version 1 schema) are read from the source tree by path.
        .testTarget(name: "ChanceryCoreTests", dependencies: ["ChanceryCore", "TestSupport"], exclude: ["Fixtures", "Timeline/Golden"]),
        .testTarget(
            name: "ChanceryHTTPTests",
            dependencies: [
                "ChanceryHTTP", "ChanceryCore", "TestSupport", "LibPQClient", "EmbeddedPostgres",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ChanceryCLITests", dependencies: ["TestSupport", "LibPQClient"]),
        .testTarget(name: "DeploymentTests"),
    ]
)
