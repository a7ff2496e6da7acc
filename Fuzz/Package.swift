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
    ]
)

var readers: [Target.Dependency] {
    ["FuzzSupport", .product(name: "ChanceryInterchange", package: "Chancery")]
}
