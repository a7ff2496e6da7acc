import Foundation
import PackagePlugin

/// Embeds the package's `schema.sql`, its upgrade scripts and the founding-example data into the target as Swift constants,
/// so the one schema in the repository is the one every `chancery` binary applies.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let root = context.package.directoryURL
        // The web pages carry their templates and stylesheet; the HTTP service its OpenAPI
        // document; the core the schema and data.
        // Every file in Templates/: a new template needs no change here.
        let templateFolder = root.appending(path: "Sources/ChanceryWeb/Templates")
        let templates = try FileManager.default.contentsOfDirectory(atPath: templateFolder.path)
            .filter { $0.hasSuffix(".mustache") || $0.hasSuffix(".css") || $0.hasSuffix(".js") }.sorted()
        // Every file in Data/reference likewise.
        let referenceFolder = root.appending(path: "Data/reference")
        let referenceFiles = try FileManager.default.contentsOfDirectory(atPath: referenceFolder.path)
            .filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".json") || $0.hasSuffix(".tsv") }.sorted()
        let inputs = target.name == "ChanceryWeb"
            ? templates.map { templateFolder.appending(path: $0) }
            : target.name == "ChanceryReference"
            ? referenceFiles.map { referenceFolder.appending(path: $0) }
            : target.name == "ChanceryHTTP"
            ? [root.appending(path: "docs/openapi.json")]
            : [
                root.appending(path: "schema.sql"),
                root.appending(path: "Data/founding-example.jsonl"),
                root.appending(path: "migrations/upgrade-2.sql"),
                root.appending(path: "migrations/upgrade-3.sql"),
                root.appending(path: "migrations/upgrade-4.sql"),
                root.appending(path: "migrations/upgrade-5.sql"),
                root.appending(path: "migrations/upgrade-6.sql"),
                root.appending(path: "migrations/upgrade-7.sql"),
                root.appending(path: "migrations/upgrade-8.sql"),
                root.appending(path: "migrations/upgrade-9.sql"),
                root.appending(path: "migrations/upgrade-10.sql"),
                root.appending(path: "migrations/upgrade-11.sql"),
                root.appending(path: "migrations/upgrade-12.sql"),
                root.appending(path: "migrations/upgrade-13.sql"),
                root.appending(path: "migrations/upgrade-14.sql"),
                root.appending(path: "migrations/upgrade-15.sql"),
                root.appending(path: "migrations/upgrade-16.sql"),
                root.appending(path: "migrations/upgrade-17.sql"),
                root.appending(path: "migrations/upgrade-18.sql"),
                root.appending(path: "migrations/upgrade-19.sql"),
                root.appending(path: "migrations/upgrade-20.sql"),
                root.appending(path: "migrations/upgrade-21.sql"),
                root.appending(path: "migrations/upgrade-22.sql"),
                root.appending(path: "migrations/upgrade-23.sql"),
                root.appending(path: "migrations/upgrade-24.sql"),
                root.appending(path: "migrations/upgrade-25.sql"),
            ]
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(target.name)'s resources",
                executable: try context.tool(named: "EmbedResourcesTool").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
