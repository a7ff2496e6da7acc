// swift-tools-version: 6.0
// A deterministic synthetic archive generator for benchmarking `chancery import`.
// Dependency-free on purpose: it builds on its own, without the main package or its dependencies.
import PackageDescription

let package = Package(
    name: "chancery-archive-generator",
    products: [
        .executable(name: "chancery-archive-generator", targets: ["ArchiveGenerator"]),
    ],
    targets: [
        .executableTarget(name: "ArchiveGenerator"),
    ]
)
