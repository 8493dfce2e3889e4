/// One problem with one input field, in both languages, addressed by a JSON pointer.
///
/// The API lists these in problem+json `errors`; pages show them in the error
/// summary and beside the field. The `code` is stable so clients can branch on it.
public struct FieldError: Sendable, Hashable, Codable {
    /// The field's name as the API spells it, e.g. `creditCode`.
    public let field: String
    /// A stable machine-readable reason, e.g. `invalid_credit_code`.
    public let code: String
    /// What to tell the person, as a key of the strings table and its values.
    public let message: Message

    /// Creates a field error.
    public init(field: String, code: String, message: Message) {
        self.field = field
        self.code = code
        self.message = message
    }

    /// Creates a field error whose message is `key` with `args`.
    public init(field: String, code: String, _ key: String, _ args: MessageArgument...) {
        self.init(field: field, code: code, message: Message(key, args: args))
    }

    /// The RFC 6901 JSON pointer of the field in the request body.
    public var pointer: String { "/" + field }

    /// The same error at another field (a form's name for an API field).
    public func at(_ field: String) -> FieldError { FieldError(field: field, code: code, message: message) }
}

/// Common field checks shared by every input type, so the wording is the same everywhere.
public enum FieldCheck {
    /// A required text: trimmed, not empty, at most `maxLength` characters.
    public static func requiredText(
        _ value: String?, field: String, labelZh: String, labelEn: String, maxLength: Int,
        into errors: inout [FieldError]
    ) -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            errors.append(FieldError(field: field, code: "required",
                                     "domain.common.error.required", .named(zh: "\(labelZh)", en: "\(labelEn)")))
        } else if trimmed.count > maxLength {
            errors.append(tooLong(field: field, labelZh: labelZh, labelEn: labelEn, maxLength: maxLength, found: trimmed.count))
        }
        return trimmed
    }

    /// An optional text: trimmed, nil when empty, at most `maxLength` characters.
    public static func optionalText(
        _ value: String?, field: String, labelZh: String, labelEn: String, maxLength: Int,
        into errors: inout [FieldError]
    ) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        if trimmed.count > maxLength {
            errors.append(tooLong(field: field, labelZh: labelZh, labelEn: labelEn, maxLength: maxLength, found: trimmed.count))
        }
        return trimmed
    }

    static func tooLong(field: String, labelZh: String, labelEn: String, maxLength: Int, found: Int) -> FieldError {
        FieldError(field: field, code: "too_long",
                   "domain.common.error.too_long", "\(maxLength)", "\(found)", .named(zh: "\(labelZh)", en: "\(labelEn)"))
    }
}
