/// The password policy for every account: long enough to resist guessing, and not the username.
///
/// Length matters more than symbol rules (NIST SP 800-63B), so the policy asks for
/// 10 characters with letters and digits, and refuses the username and common demo words.
public enum PasswordPolicy {
    /// The shortest password accepted.
    public static let minimumLength = 10
    /// The longest password accepted: bcrypt reads only the first 72 bytes.
    public static let maximumBytes = 72

    /// The reasons a password is refused, empty when it is acceptable.
    public static func check(_ password: String, username: String) -> [FieldError] {
        var errors: [FieldError] = []
        if password.count < minimumLength {
            errors.append(FieldError(field: "password", code: "password_too_short",
                                     "domain.platform.error.password_too_short", "\(minimumLength)"))
        }
        if password.utf8.count > maximumBytes {
            errors.append(FieldError(field: "password", code: "password_too_long",
                                     "domain.platform.error.password_too_long", "\(maximumBytes)"))
        }
        let hasLetter = password.contains { $0.isLetter }
        let hasDigit = password.contains { $0.isNumber }
        if !(hasLetter && hasDigit) {
            errors.append(FieldError(field: "password", code: "password_too_simple",
                                     "domain.platform.error.password_too_simple"))
        }
        if !username.isEmpty, password.lowercased().contains(username.lowercased()) {
            errors.append(FieldError(field: "password", code: "password_contains_username",
                                     "domain.platform.error.password_contains_username"))
        }
        return errors
    }
}
