import HummingbirdBcrypt
import NIOPosix

/// Bcrypt off the event loops: a hash at cost 12 takes a quarter of a second of CPU.
struct PasswordHasher: Sendable {
    let cost: Int
    /// A hash at the same cost, checked against when a username is unknown so that
    /// response time does not reveal which usernames exist.
    let dummyHash: String

    init(cost: Int) {
        self.cost = cost
        dummyHash = Bcrypt.hash("not a password", cost: UInt8(cost))
    }

    func hash(_ password: String) async throws -> String {
        let cost = UInt8(cost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
