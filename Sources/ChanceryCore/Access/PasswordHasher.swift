import Dispatch
import ChanceryModel
import HummingbirdBcrypt

/// bcrypt, run on its own threads: a hash takes a quarter of a second by design, which would stall
/// Swift's cooperative pool (and every request on it) if it ran there.
package struct PasswordHasher: Sendable {
    /// log2 of bcrypt's rounds; 12 is OWASP's floor for bcrypt today.
    package let cost: UInt8

    private static let queue = DispatchQueue(label: "chancery.password-hashing", attributes: .concurrent)

    /// A hash of a password nobody has: checked against when the account does not exist, so an
    /// unknown name takes as long to refuse as a wrong password.
    private static let decoy = Bcrypt.hash(RandomSecret.generate(), cost: 12)

    package init(cost: UInt8 = 12) {
        precondition((4...31).contains(cost), "bcrypt cost must be 4 to 31")
        self.cost = cost
    }

    package func hash(_ password: String) async -> String {
        let cost = cost
        return await Self.offPool { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; with no hash, spends the same time and answers false.
    package func verify(_ password: String, against hash: String?) async -> Bool {
        guard let hash else {
            _ = await Self.offPool { Bcrypt.verify(password, hash: Self.decoy) }
            return false
        }
        return await Self.offPool { Bcrypt.verify(password, hash: hash) }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
