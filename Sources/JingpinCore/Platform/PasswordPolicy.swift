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
                                     zh: "密码至少需要\(minimumLength)个字符",
                                     en: "The password must be at least \(minimumLength) characters"))
        }
        if password.utf8.count > maximumBytes {
            errors.append(FieldError(field: "password", code: "password_too_long",
                                     zh: "密码不能超过\(maximumBytes)个字节",
                                     en: "The password must be at most \(maximumBytes) bytes"))
        }
        let hasLetter = password.contains { $0.isLetter }
        let hasDigit = password.contains { $0.isNumber }
        if !(hasLetter && hasDigit) {
            errors.append(FieldError(field: "password", code: "password_too_simple",
                                     zh: "密码需同时包含字母和数字",
                                     en: "The password must contain both letters and digits"))
        }
        if !username.isEmpty, password.lowercased().contains(username.lowercased()) {
            errors.append(FieldError(field: "password", code: "password_contains_username",
                                     zh: "密码不能包含用户名",
                                     en: "The password must not contain the username"))
        }
        return errors
    }
}
