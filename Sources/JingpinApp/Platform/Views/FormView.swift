import JingpinCore

/// Builds the view data for a form: each field with its label, hint, the value the user
/// typed and its error, and the error summary that links to each field (GOV.UK pattern).
struct FormView {
    let strings: Strings
    let language: Language
    let errors: [FieldError]
    private(set) var fields: [[String: Any]] = []

    init(strings: Strings, language: Language, errors: [FieldError]) {
        self.strings = strings
        self.language = language
        self.errors = errors
    }

    func error(for name: String) -> String? {
        let messages = errors.filter { $0.field == name }.map { strings.text($0.message, language) }
        return messages.isEmpty ? nil : messages.joined(separator: "；")
    }

    mutating func text(_ name: String, label: String, hint: String? = nil, value: String?, type: String = "text",
                       width: String = "20", required: Bool = false) {
        fields.append(base(name, label, hint, required).merging(
            ["isText": true, "value": value ?? "", "type": type, "width": width]) { $1 })
    }

    mutating func textarea(_ name: String, label: String, hint: String? = nil, value: String?) {
        fields.append(base(name, label, hint, false).merging(["isTextarea": true, "value": value ?? ""]) { $1 })
    }

    /// A select; `groups` gives optgroups (label, options), options are (value, label).
    mutating func select(_ name: String, label: String, hint: String? = nil, value: String?, prompt: String,
                         options: [(String, String)] = [], groups: [(String, [(String, String)])] = [], required: Bool = false) {
        func opts(_ list: [(String, String)]) -> [[String: Any]] {
            list.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == (value ?? "")] }
        }
        fields.append(base(name, label, hint, required).merging(
            ["isSelect": true, "prompt": prompt, "options": opts(options),
             "groups": groups.map { ["label": $0.0, "options": opts($0.1)] as [String: Any] }]) { $1 })
    }

    /// A value shown but not offered for change (a field the user's role may not edit).
    mutating func readOnly(_ name: String, label: String, hint: String? = nil, value: String) {
        fields.append(base(name, label, hint, false).merging(["isReadOnly": true, "value": value]) { $1 })
    }

    mutating func checkbox(_ name: String, label: String, checked: Bool) {
        fields.append(base(name, label, nil, false).merging(["isCheckbox": true, "checked": checked]) { $1 })
    }

    private func base(_ name: String, _ label: String, _ hint: String?, _ required: Bool) -> [String: Any] {
        var d: [String: Any] = ["name": name, "id": "field-\(name)", "label": label, "required": required]
        if let hint { d["hint"] = hint }
        if let e = error(for: name) { d["error"] = e }
        return d
    }

    /// The data the `form` partials expect.
    var data: [String: Any] {
        var d: [String: Any] = ["fields": fields]
        if !errors.isEmpty {
            d["errorSummary"] = errors.map { ["href": "#field-\($0.field)", "message": strings.text($0.message, language)] }
        }
        return d
    }
}
