import JingpinCore

/// Builds the view data for a form: each field with its label, hint, the value the user
/// typed and its error, and the error summary that links to each field (GOV.UK pattern).
struct FormView {
    let strings: Strings
    let language: Language
    let errors: [FieldError]
    /// The fields, in the order they were added.
    private(set) var fields: [FormField] = []

    init(strings: Strings, language: Language, errors: [FieldError]) {
        self.strings = strings
        self.language = language
        self.errors = errors
    }

    /// Every error on `name`, in the page's language, joined; nil when it has none.
    func error(for name: String) -> String? {
        let messages = errors.filter { $0.field == name }.map { strings.text($0.message, language) }
        return messages.isEmpty ? nil : messages.joined(separator: "；")
    }

    /// The summary at the top of the page, each error linked to its field.
    var summary: ErrorSummary { ErrorSummary(errors, strings: strings, language: language) }

    mutating func text(_ name: String, label: String, hint: String? = nil, value: String?, type: String = "text",
                       width: String = "20", required: Bool = false) {
        var field = base(name, label, hint, required)
        field.isText = true
        field.value = value ?? ""
        field.type = type
        field.width = width
        fields.append(field)
    }

    mutating func textarea(_ name: String, label: String, hint: String? = nil, value: String?) {
        var field = base(name, label, hint, false)
        field.isTextarea = true
        field.value = value ?? ""
        fields.append(field)
    }

    /// A select; `groups` gives optgroups (label, options), options are (value, label).
    mutating func select(_ name: String, label: String, hint: String? = nil, value: String?, prompt: String,
                         options: [(String, String)] = [], groups: [(String, [(String, String)])] = [], required: Bool = false) {
        func choices(_ list: [(String, String)]) -> [FormField.Option] {
            list.map { FormField.Option(value: $0.0, label: $0.1, selected: $0.0 == (value ?? "")) }
        }
        var field = base(name, label, hint, required)
        field.isSelect = true
        field.prompt = prompt
        field.options = choices(options)
        field.groups = groups.map { FormField.OptionGroup(label: $0.0, options: choices($0.1)) }
        fields.append(field)
    }

    /// A value shown but not offered for change (a field the user's role may not edit).
    mutating func readOnly(_ name: String, label: String, hint: String? = nil, value: String) {
        var field = base(name, label, hint, false)
        field.isReadOnly = true
        field.value = value
        fields.append(field)
    }

    mutating func checkbox(_ name: String, label: String, checked: Bool) {
        var field = base(name, label, nil, false)
        field.isCheckbox = true
        field.checked = checked
        fields.append(field)
    }

    private func base(_ name: String, _ label: String, _ hint: String?, _ required: Bool) -> FormField {
        FormField(name: name, id: "field-\(name)", label: label, hint: hint, error: error(for: name), required: required)
    }
}

/// One field of a form as the `field` partial draws it: exactly one of the `is…` flags is set
/// (Mustache chooses the markup by them), and only that kind's values are filled in.
struct FormField: Encodable, Sendable {
    /// The input's name (what the handler reads); its id is fixed by the first name given.
    var name: String
    let id: String
    let label: String
    let hint: String?
    let error: String?
    let required: Bool
    var isText = false
    var isTextarea = false
    var isSelect = false
    var isReadOnly = false
    var isCheckbox = false
    /// What the user typed, or the stored value (text, textarea, read-only).
    var value: String?
    /// The input's type (`text`, `tel`, `date`, …) and width class.
    var type: String?
    var width: String?
    /// A select's empty first choice, its options and its option groups.
    var prompt: String?
    var options: [Option] = []
    var groups: [OptionGroup] = []
    /// A checkbox's state.
    var checked = false

    /// One choice of a select.
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// A labelled group of choices.
    struct OptionGroup: Encodable, Sendable {
        let label: String
        let options: [Option]
    }
}

/// One choice of a year filter: the year is its own label.
struct YearOption: Encodable, Sendable {
    let value: Int
    let selected: Bool
}

/// The error summary at the top of a page (the `error_summary` partial reads it as `errors`):
/// every problem, in the page's language, linked to where it is.
struct ErrorSummary: Encodable, Sendable {
    /// Whether there is anything to show (Mustache cannot test an array for emptiness).
    let hasErrors: Bool
    let items: [Item]

    /// One problem and the anchor it links to.
    struct Item: Encodable, Sendable {
        let href: String
        let message: String
    }

    /// The summary of `errors`; each links to `href(error)`, by default the field's own id.
    init(_ errors: [FieldError], strings: Strings, language: Language,
         href: (FieldError) -> String = { "#field-\($0.field)" }) {
        self.init(items: errors.map { Item(href: href($0), message: strings.text($0.message, language)) })
    }

    /// A summary of items already worded.
    init(items: [Item]) {
        self.hasErrors = !items.isEmpty
        self.items = items
    }
}

/// The values of the plain `form` template: a heading, the fields, one button.
struct FormPage: PageModel {
    let heading: String
    let intro: String?
    /// Where the form posts.
    let action: String
    /// The button's words, and whether it is the red one (an irreversible step).
    let submit: String
    let destructive: Bool
    let cancelHref: String
    let fields: [FormField]
    let errors: ErrorSummary

    init(heading: String, intro: String? = nil, action: String, submit: String, destructive: Bool = false,
         cancelHref: String, form: FormView) {
        self.heading = heading
        self.intro = intro
        self.action = action
        self.submit = submit
        self.destructive = destructive
        self.cancelHref = cancelHref
        self.fields = form.fields
        self.errors = form.summary
    }
}
