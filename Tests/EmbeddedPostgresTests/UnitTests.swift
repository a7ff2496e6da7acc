import Foundation
import Testing
@testable import EmbeddedPostgres
#if canImport(Glibc)
import Glibc
#endif

@Suite("Embedded cluster pieces that need no server")
struct UnitTests {
    @Test func conninfoAndURL() {
        #expect(ConnectionString.conninfo(socketDirectory: "/p/run") == "host=/p/run port=5432 user=chancery dbname=chancery")
        #expect(ConnectionString.conninfo(socketDirectory: "/a b/it's") == #"host='/a b/it\'s' port=5432 user=chancery dbname=chancery"#)
        #expect(ConnectionString.url(socketDirectory: "/path/run") == "postgresql://chancery@/chancery?host=%2Fpath%2Frun&port=5432")
        #expect(ConnectionString.percentEncoded("/a b/é") == "%2Fa%20b%2F%C3%A9")
    }

    @Test func defaultHome() {
        let cwd = URL(fileURLWithPath: "/work/project")
        #expect(EmbeddedCluster.defaultHome(environment: [:], currentDirectory: cwd).path == "/work/project/.chancery")
        #expect(EmbeddedCluster.defaultHome(environment: ["CHANCERY_HOME": "/srv/ch"], currentDirectory: cwd).path == "/srv/ch")
        #expect(EmbeddedCluster.defaultHome(environment: ["CHANCERY_HOME": "state"], currentDirectory: cwd).path == "/work/project/state")
        #expect(EmbeddedCluster.defaultHome(environment: ["CHANCERY_HOME": ""], currentDirectory: cwd).path == "/work/project/.chancery")
    }

    @Test func versionOrdering() {
        let sorted = ["9.6", "16", "15", "10"].sorted(by: PostgresBinaries.versionIsLower)
        #expect(sorted == ["9.6", "10", "15", "16"])
    }

    @Test func binariesFromPGBin() throws {
        let found = try PostgresBinaries.locate(environment: [:])
        #expect(PostgresBinaries.missingPrograms(in: found.directory).isEmpty)
        #expect(try PostgresBinaries.locate(environment: ["PG_BIN": found.directory]) == found)

        let error = #expect(throws: EmbeddedPostgresError.self) {
            try PostgresBinaries.locate(environment: ["PG_BIN": "/nonexistent"])
        }
        #expect(error?.message.contains("PG_BIN") == true)
    }

    @Test func missingPostgreSQLSaysHowToInstall() {
        let error = #expect(throws: EmbeddedPostgresError.self) {
            try PostgresBinaries.locate(environment: ["PATH": "/nonexistent"], debianRoot: "/nonexistent")
        }
        #expect(error?.message.contains("apt-get install -y postgresql") == true)
        #expect(error?.message.contains("DATABASE_URL") == true)
    }

    @Test func socketPathLimit() {
        let short = ClusterLayout(base: "/tmp/x", fallback: "/var/tmp/chancery-0123456789ab")
        #expect(short.socketDirectory == "/tmp/x/run")
        let long = ClusterLayout(base: "/tmp/" + String(repeating: "y", count: 90), fallback: "/var/tmp/chancery-0123456789ab")
        #expect(long.socketDirectory == "/var/tmp/chancery-0123456789ab/run")
        #expect(long.dataDirectory.hasPrefix("/tmp/yyy"))
    }

    @Test func postmasterPIDFile() throws {
        let text = "4242\n/d/data\n1700000000\n5432\n/d/run\n\n  1234567   7\nready   \n"
        let file = try #require(PostmasterPIDFile(text: text))
        #expect(file.pid == 4242)
        #expect(file.socketDirectory == "/d/run")
        #expect(file.state == "ready")
        #expect(PostmasterPIDFile(text: "") == nil)
    }

    @Test func settingsQuoteTheSocketPath() {
        let settings = ServerControl.settings(socketDirectory: #"/a b,c/it's\x"#)
        #expect(settings.contains(#"unix_socket_directories = '"/a b,c/it''s\\x"'"#))
        #expect(settings.contains("listen_addresses = ''"))
    }

    @Test func fallbackFolderIsStablePerHome() {
        let a = LayoutResolver(home: "/root/project/.chancery")
        #expect(a.fallbackBase == LayoutResolver(home: "/root/project/.chancery").fallbackBase)
        #expect(a.fallbackBase != LayoutResolver(home: "/root/other/.chancery").fallbackBase)
        #expect(a.fallbackBase.hasSuffix("/" + PathHash.hex("/root/project/.chancery")))
        var root = a
        root.processIsRoot = true
        #expect(root.fallbackBase == "/var/lib/chancery/" + PathHash.hex("/root/project/.chancery"))
        var user = a
        user.processIsRoot = false
        #expect(user.fallbackBase == "/tmp/chancery-\(getuid())-" + PathHash.hex("/root/project/.chancery"))
    }

    @Test func statusOfANewHomeIsAbsent() throws {
        let cluster = EmbeddedCluster(home: URL(fileURLWithPath: "/tmp/chancery-emb-test-\(UUID().uuidString)/.chancery"))
        #expect(try cluster.status() == .absent)
        #expect(try cluster.stop() == false)
    }
}
