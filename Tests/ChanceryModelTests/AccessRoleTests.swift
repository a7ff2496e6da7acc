@testable import ChanceryModel
import EDTF
import Testing

@Suite("Access roles and token secrets")
struct AccessRoleTests {
    @Test("each role allows itself and the roles below it, never those above")
    func inclusion() {
        #expect(AccessRole.admin.allows(.admin) && AccessRole.admin.allows(.editor) && AccessRole.admin.allows(.reader))
        #expect(AccessRole.editor.allows(.editor) && AccessRole.editor.allows(.reader) && !AccessRole.editor.allows(.admin))
        #expect(AccessRole.reader.allows(.reader) && !AccessRole.reader.allows(.editor) && !AccessRole.reader.allows(.admin))
        #expect(AccessRole.allCases.sorted() == [.reader, .editor, .admin])
    }

    @Test("secrets are chancery_ and 43 base64url characters, and differ every time")
    func secretShape() {
        let secrets = (0..<200).map { _ in TokenSecret.generate() }
        for secret in secrets {
            #expect(secret.hasPrefix("chancery_"))
            #expect(secret.utf8.count == 52)
            #expect(TokenSecret.isWellFormed(secret), "\(secret)")
            #expect(!secret.contains("=") && !secret.contains("+") && !secret.contains("/"))
        }
        #expect(Set(secrets).count == secrets.count)
    }

    @Test("malformed secrets are recognised as such",
          arguments: ["", "chancery_", "chancery_abc", "Bearer chancery_" + String(repeating: "A", count: 43),
                      "chancerx_" + String(repeating: "A", count: 43), "chancery_" + String(repeating: "A", count: 42) + "=",
                      "chancery_" + String(repeating: "A", count: 44), "chancery_" + String(repeating: "é", count: 43)])
    func malformed(secret: String) {
        #expect(!TokenSecret.isWellFormed(secret))
    }

    @Test("token names follow the schema's rule",
          arguments: [("ci-bot", true), ("alice@example.org", true), ("A", true), ("x_1.2-3", true),
                      (String(repeating: "a", count: 63), true), (String(repeating: "a", count: 64), false),
                      ("", false), ("  ", false), ("-bot", false), (".bot", false), ("a b", false), ("ünï", false),
                      ("bot/1", false), ("bot:1", false)])
    func names(name: String, valid: Bool) {
        do {
            _ = try TokenName.validated(name)
            #expect(valid, "'\(name)' was accepted")
        } catch let error as ChanceryError {
            #expect(!valid, "'\(name)' was refused: \(error)")
            #expect(error.kind == .invalidInput && error.field == "name" && error.hint != nil)
        } catch {
            Issue.record(error)
        }
    }
}
