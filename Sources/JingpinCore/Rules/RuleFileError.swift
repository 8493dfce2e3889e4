/// One problem in a rule file: where (file, path inside the file, line) and why.
public struct RuleFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's name.
    public let file: String
    /// The path to the offending node, e.g. `parameters["rewards.rd.province.rate"].values[1].from`.
    public let path: String
    /// The line in the file (1-based), 0 when unknown.
    public let line: Int
    /// What is wrong.
    public let reason: Reason

    /// What can be wrong in a rule file.
    public enum Reason: Sendable, Hashable {
        /// A required key is missing.
        case missing(String)
        /// A key that the format does not know (a typo would otherwise be silently ignored).
        case unknownKey(String)
        /// The node has the wrong shape.
        case expected(String)
        /// Not a whole number in the unit (no decimals: values are stored as integers).
        case notAnInteger(String)
        /// Not a date in the form YYYY-MM-DD.
        case notADate(String)
        /// The unit is not one of the known units.
        case unknownUnit(String)
        /// The rule-set kind is not known.
        case unknownKind(String)
        /// The formula is not one the engine has.
        case unknownFormula(String)
        /// The rounding rule is not known.
        case unknownRounding(String)
        /// A scale without `type` (single_amount or marginal_rate): there is no default.
        case missingScaleType
        /// The scale type is not known.
        case unknownScaleType(String)
        /// Two values start on the same day or are not in date order.
        case datesOutOfOrder(String, String)
        /// The parameter ends before (or on) one of its values starts.
        case endsBeforeValue(String)
        /// Bracket thresholds do not strictly increase.
        case bracketsOutOfOrder(Int64, Int64)
        /// A value without a policy reference.
        case missingReference
        /// The formula needs a parameter the file does not define, or in another unit.
        case formulaNeeds(String, ParameterUnit)
        /// The id does not start with the rule set's id.
        case idOutsideRuleSet(String)
        /// The same id twice.
        case duplicateID(String)
        /// The scope is neither `province` nor a city's 6-digit code.
        case badScope(String)
    }

    /// Creates an error.
    public init(file: String, path: String, line: Int, reason: Reason) {
        self.file = file
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// The reason in words.
    public func message(_ l: Language) -> String {
        let en = l == .en
        switch reason {
        case .missing(let k): return en ? "required key \"\(k)\" is missing" : "缺少必填项“\(k)”"
        case .unknownKey(let k): return en ? "unknown key \"\(k)\"" : "无法识别的键“\(k)”"
        case .expected(let what): return en ? "expected \(what)" : "格式应为：\(what)"
        case .notAnInteger(let s): return en ? "\"\(s)\" is not a whole number in the parameter's unit" : "“\(s)”不是以该单位表示的整数"
        case .notADate(let s): return en ? "\"\(s)\" is not a date (YYYY-MM-DD)" : "“\(s)”不是日期（YYYY-MM-DD）"
        case .unknownUnit(let s):
            let known = ParameterUnit.allCases.map(\.rawValue).joined(separator: ", ")
            return en ? "unknown unit \"\(s)\" (known: \(known))" : "无法识别的单位“\(s)”（可用：\(known)）"
        case .unknownKind(let s): return en ? "unknown rule-set kind \"\(s)\"" : "无法识别的规则集类型“\(s)”"
        case .unknownFormula(let s): return en ? "unknown formula \"\(s)\"" : "无法识别的计算公式“\(s)”"
        case .unknownRounding(let s): return en ? "unknown rounding rule \"\(s)\" (half_up, half_even, down)" : "无法识别的舍入规则“\(s)”（half_up、half_even、down）"
        case .missingScaleType:
            return en ? "a bracket table must declare its type: single_amount or marginal_rate" : "分档表必须声明类型：single_amount 或 marginal_rate"
        case .unknownScaleType(let s): return en ? "unknown bracket table type \"\(s)\" (single_amount, marginal_rate)" : "无法识别的分档表类型“\(s)”"
        case .datesOutOfOrder(let a, let b):
            return en ? "dates must strictly increase: \(b) does not come after \(a)" : "日期必须严格递增：\(b) 不晚于 \(a)"
        case .endsBeforeValue(let d): return en ? "the parameter ends on or before a value that starts \(d)" : "参数的终止日期不晚于 \(d) 起的取值"
        case .bracketsOutOfOrder(let a, let b):
            return en ? "bracket thresholds must strictly increase: \(b) does not come after \(a)" : "分档门槛必须严格递增：\(b) 不大于 \(a)"
        case .missingReference: return en ? "every value needs a reference (document, article, url)" : "每个取值都必须注明依据（文件、条款、链接）"
        case .formulaNeeds(let id, let unit):
            return en ? "the formula needs parameter \"\(id)\" in \(unit.rawValue)" : "计算公式需要参数“\(id)”（单位 \(unit.rawValue)）"
        case .idOutsideRuleSet(let id): return en ? "id \"\(id)\" must start with the rule set's id" : "编号“\(id)”必须以规则集编号开头"
        case .duplicateID(let id): return en ? "id \"\(id)\" is defined twice" : "编号“\(id)”重复定义"
        case .badScope(let s): return en ? "scope \"\(s)\" is neither province nor a city's 6-digit code (33xx00)" : "适用范围“\(s)”既不是 province 也不是6位设区市代码（33xx00）"
        }
    }

    /// `file:line: path: reason`, in English, for logs and the command line.
    public var description: String { "\(file):\(line): \(path.isEmpty ? "(top)" : path): \(message(.en))" }
}

/// Every problem found in one rule file (reading does not stop at the first).
public struct RuleFileErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in file order.
    public let errors: [RuleFileError]

    /// Creates the list.
    public init(_ errors: [RuleFileError]) { self.errors = errors }

    /// One line per problem.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
