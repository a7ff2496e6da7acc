// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets for the parsers that read untrusted input (issue 14). A package of its own so
// that its sanitizer build (.build-fuzz, see scripts/fuzz/run.sh) never touches the main build
// and each target compiles only the modules it reads. They reach `package` and internal entry
// points through `@testable import`, so the build passes `-enable-testing`.
let package = Package(
    name: "ChanceryFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Chancery", path: ".."),
        // HTTPRequest.Method, which fuzz-http-json names its endpoints by (the root package's version).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // What the reader targets check besides not crashing.
        .target(name: "FuzzSupport", dependencies: [
            .product(name: "ChanceryInterchange", package: "Chancery"),
            .product(name: "ChanceryModel", package: "Chancery"),
        ]),
        .executableTarget(name: "fuzz-edtf", dependencies: [.product(name: "EDTF", package: "Chancery")]),
        .executableTarget(name: "fuzz-cmif", dependencies: readers),
        .executableTarget(name: "fuzz-csv", dependencies: readers),
        .executableTarget(name: "fuzz-jsonl", dependencies: readers),
        // Article intake: page cleaning, sentences, names, the rules, the drafts as a dataset.
        .executableTarget(name: "fuzz-intake", dependencies: [
            "FuzzSupport",
            .product(name: "ChanceryIntake", package: "Chancery"),
            .product(name: "ChanceryModel", package: "Chancery"),
        ]),
        // What the HTTP targets check: a request the API cannot use is a 4xx, never a 500.
        .target(name: "HTTPFuzzSupport", dependencies: [.product(name: "ChanceryRequests", package: "Chancery")]),
        .executableTarget(name: "fuzz-http-query", dependencies: requests),
        .executableTarget(name: "fuzz-http-json", dependencies: requests),
    ]
)

var readers: [Target.Dependency] {
    ["FuzzSupport", .product(name: "ChanceryInterchange", package: "Chancery")]
}

/// The request reading (ChanceryRequests), without the server: no Hummingbird, no database and
/// no build plugin, whose host tool `--sanitize fuzzer` would link with libFuzzer's `main`.
var requests: [Target.Dependency] {
    [
        "HTTPFuzzSupport",
        .product(name: "ChanceryRequests", package: "Chancery"),
        .product(name: "ChanceryModel", package: "Chancery"),
        .product(name: "ChanceryInterchange", package: "Chancery"),
        .product(name: "ChanceryRendering", package: "Chancery"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
    ]
}
