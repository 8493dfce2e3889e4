/// One problem with one input field, in both languages, addressed by a JSON pointer.
///
/// The API lists these in problem+json `errors`; pages show them in the error
/// summary and beside the field. The `code` is stable so clients can branch on it.
public struct FieldError: Sendable, Hashable, Codable {
    /// The field's name as the API spells it, e.g. `creditCode`.
    public let field: String
    /// A stable machine-readable reason, e.g. `invalid_credit_code`.
    public let code: String
    /// The plain-language message in Chinese.
    public let messageZh: String
    /// The plain-language message in English.
    public let messageEn: String

    /// Creates a field error.
    public init(field: String, code: String, zh: String, en: String) {
        self.field = field
        self.code = code
        self.messageZh = zh
        self.messageEn = en
    }

    /// The RFC 6901 JSON pointer of the field in the request body.
    public var pointer: String { "/" + field }

    /// The message in the given language.
    public func message(_ language: Language) -> String {
        language == .en ? messageEn : messageZh
    }
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
                                     zh: "请输入\(labelZh)", en: "Enter the \(labelEn)"))
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
                   zh: "\(labelZh)不能超过\(maxLength)个字符（当前\(found)个）",
                   en: "The \(labelEn) must be \(maxLength) characters or fewer (you entered \(found))")
    }
}
