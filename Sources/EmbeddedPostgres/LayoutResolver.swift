import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides, and remembers, where the cluster of one home lives.
///
/// Normally everything is under the home. When the server runs as `postgres` (we are root) and the
/// home is not reachable by that account — the typical case is a checkout under `/root` — the data
/// goes to a private folder under /var/lib/chancery instead, and the choice is written to `cluster-location`
/// in the home so that later commands look there without re-deciding.
struct LayoutResolver: Sendable {
    /// The home folder, as an absolute, standardised path.
    var home: String

    /// The file recording an external base folder.
    var locationFile: String { home + "/cluster-location" }
    /// The lock serialising `initdb`, start and stop across processes.
    var lockFile: String { home + "/lock" }
    /// Whether the process is root, which decides where the fallback folder goes.
    var processIsRoot: Bool = ServerAccount.processIsRoot

    /// The folder used when the home cannot hold the data or the socket, named by a hash of the
    /// home so each home gets its own.
    ///
    /// Data only ever falls back when we are root, so it goes to /var/lib, where persistent state
    /// belongs — not /var/tmp, whose 30-day cleaner would eat the files of an idle database. A
    /// non-root process only ever moves its socket, which is recreated at each start, so /tmp
    /// (with the user id in the name, to keep users apart) is enough.
    var fallbackBase: String {
        processIsRoot
            ? "/var/lib/chancery/" + PathHash.hex(home)
            : "/tmp/chancery-\(getuid())-" + PathHash.hex(home)
    }

    /// The layout of an existing cluster, or nil when nothing has been created for this home.
    func existing() throws -> ClusterLayout? {
        if let recorded = try recordedBase() {
            return ClusterLayout(base: recorded, fallback: fallbackBase)
        }
        let inHome = ClusterLayout(base: home, fallback: fallbackBase)
        return inHome.isInitialized ? inHome : nil
    }

    /// The layout an existing cluster has, or the one a new cluster would get.
    func planned(account: ServerAccount, environment: [String: String]) throws -> ClusterLayout {
        if let layout = try existing() { return layout }
        if account.isSwitched, !account.canTraverse(nearestExistingAncestor(of: parent(of: home)), environment: environment) {
            return ClusterLayout(base: fallbackBase, fallback: fallbackBase)
        }
        return ClusterLayout(base: home, fallback: fallbackBase)
    }

    /// Writes `cluster-location` when the layout is outside the home; an in-home layout needs no
    /// record, which keeps a moved project folder working.
    func record(_ layout: ClusterLayout) throws {
        guard layout.base != home, try recordedBase() != layout.base else { return }
        do {
            try Data((layout.base + "\n").utf8).write(to: URL(fileURLWithPath: locationFile), options: .atomic)
        } catch {
            throw EmbeddedPostgresError("Could not write \(locationFile): \(error.localizedDescription)")
        }
    }

    /// Forgets the recorded location (after the cluster has been removed).
    func forget() throws {
        try OwnedPaths.remove(locationFile)
    }

    /// The base folder named in `cluster-location`, if the file exists.
    func recordedBase() throws -> String? {
        guard OwnedPaths.exists(locationFile) else { return nil }
        let text: String
        do {
            text = try String(contentsOfFile: locationFile, encoding: .utf8)
        } catch {
            throw EmbeddedPostgresError("Could not read \(locationFile): \(error.localizedDescription)")
        }
        let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard path.hasPrefix("/") else {
            throw EmbeddedPostgresError(
                "\(locationFile) should hold the absolute path of the database folder but holds \"\(path)\". "
                    + "Fix or delete it (deleting it makes Chancery create a new, empty database)."
            )
        }
        return path
    }

    /// The folder containing `path`.
    private func parent(of path: String) -> String {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return parent.isEmpty ? "/" : parent
    }

    /// `path` or its closest existing ancestor: folders still to be created will be made by us,
    /// searchable by everyone, so only what already exists can block the server account.
    private func nearestExistingAncestor(of path: String) -> String {
        var current = path
        while current != "/", !OwnedPaths.exists(current) {
            current = parent(of: current)
        }
        return current
    }
}
