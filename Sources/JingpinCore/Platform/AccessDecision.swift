import Foundation

/// The answer of `Permission.decide`.
public enum AccessDecision: Sendable, Hashable {
    /// Go ahead.
    case allow
    /// Refused, and why, so the caller can answer 403 or 404.
    case deny(DenialReason)
}

/// Why an action was refused; the two reasons are answered differently on purpose.
public enum DenialReason: Sendable, Hashable {
    /// The role may never do this: callers answer 403, which reveals nothing about records.
    case role
    /// The role may, but not on this target: callers answer 404, so a record outside
    /// the user's scope cannot even be confirmed to exist.
    case scope
}
