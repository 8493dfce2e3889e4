import Foundation

/// Who is asking, reduced to what permission decisions need: the user, their role and scope.
public struct Principal: Sendable, Hashable, Codable {
    /// The user's id.
    public let userID: UUID
    /// The user's role.
    public let role: Role
    /// The user's scope.
    public let scope: Scope

    /// A principal from its parts.
    public init(userID: UUID, role: Role, scope: Scope) {
        self.userID = userID
        self.role = role
        self.scope = scope
    }
}
