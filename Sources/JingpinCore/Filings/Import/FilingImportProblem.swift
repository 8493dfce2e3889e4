import Foundation

/// One problem found in an import file: where it is (line, column), what was there, and why
/// it was refused, so a person can find and fix it in a spreadsheet.
public struct FilingImportProblem: Sendable, Hashable {
    /// Why the cell, row or file was refused.
    public enum Kind: Sendable, Hashable {
        /// The file has no header row.
        case emptyFile
        /// The header is neither `creditCode,year,<indicator codes…>` nor `creditCode,year,indicator,value`.
        case headerNotRecognised
        /// An indicator code appears twice in the header.
        case duplicateColumn
        /// The text is not a valid unified social credit code.
        case invalidCreditCode(CreditCodeError)
        /// A valid credit code of no registered enterprise.
        case unknownEnterprise
        /// No indicator with this code in the year's catalogue.
        case unknownIndicator
        /// The year column differs from the year being imported.
        case wrongYear(expected: Int)
        /// The value does not fit the indicator.
        case value(IndicatorValueError, Indicator)
        /// The same enterprise, year and indicator appear on an earlier line.
        case duplicate
        /// The row has a different number of fields than the header.
        case wrongColumnCount(expected: Int, found: Int)
        /// A quoted field is never closed.
        case unterminatedQuote
        /// Text follows a closing quote.
        case textAfterClosingQuote
        /// The bytes are neither UTF-8 nor GB18030.
        case encoding
    }

    /// The 1-based physical line where the record starts.
    public let line: Int
    /// The column: the header's name, or a 1-based index where there is no name.
    public let column: String
    /// The value as found (cut to 200 characters).
    public let value: String
    /// Why it was refused.
    public let kind: Kind

    /// Creates a problem; long values are cut so a report stays readable.
    public init(line: Int, column: String, value: String, kind: Kind) {
        self.line = line
        self.column = column
        self.value = value.count > 200 ? String(value.prefix(200)) + "…" : value
        self.kind = kind
    }

    /// Whether the problem concerns the whole file (header, encoding), so no row can be imported.
    public var isFileLevel: Bool {
        switch kind {
        case .emptyFile, .headerNotRecognised, .duplicateColumn, .encoding: true
        case .unknownIndicator: line == 1
        default: false
        }
    }

    /// A stable code for scripts and tests.
    public var code: String {
        switch kind {
        case .emptyFile: "empty_file"
        case .headerNotRecognised: "header_not_recognised"
        case .duplicateColumn: "duplicate_column"
        case .invalidCreditCode: "invalid_credit_code"
        case .unknownEnterprise: "unknown_enterprise"
        case .unknownIndicator: "unknown_indicator"
        case .wrongYear: "wrong_year"
        case .value(let e, _): e.code
        case .duplicate: "duplicate_row"
        case .wrongColumnCount: "wrong_column_count"
        case .unterminatedQuote: "unterminated_quote"
        case .textAfterClosingQuote: "text_after_closing_quote"
        case .encoding: "invalid_encoding"
        }
    }

    /// The reason in plain words.
    public func reason(_ l: Language) -> String {
        let en = l == .en
        switch kind {
        case .emptyFile:
            return en ? "The file is empty: it needs a header row and at least one data row" : "文件为空：应包含表头行和至少一行数据"
        case .headerNotRecognised:
            return en ? "The header must be creditCode,year,<indicator codes…> (wide) or creditCode,year,indicator,value (long)"
                : "表头应为 creditCode,year,<指标代码…>（宽表）或 creditCode,year,indicator,value（长表）"
        case .duplicateColumn:
            return en ? "This indicator appears twice in the header" : "该指标在表头中重复出现"
        case .invalidCreditCode:
            // The report names the value and the column; which check failed is the page's to say.
            return en ? "Not a valid unified social credit code: check each character against the business licence"
                : "统一社会信用代码无效：请对照营业执照逐位核对"
        case .unknownEnterprise:
            return en ? "No registered enterprise has this credit code" : "没有使用该统一社会信用代码的已登记企业"
        case .unknownIndicator:
            return en ? "No indicator with this code in the catalogue for the year" : "该年度指标目录中没有此指标代码"
        case .wrongYear(let year):
            return en ? "The year must be \(year), the year being imported" : "年份应为本次导入的年份\(year)"
        case .value(let e, let indicator):
            return e.message(l, indicator: indicator)
        case .duplicate:
            return en ? "The same enterprise, year and indicator already appear on an earlier line" : "同一企业、年份和指标已在前面的行中出现"
        case .wrongColumnCount(let expected, let found):
            return en ? "Expected \(expected) fields as in the header, found \(found)" : "应有\(expected)个字段（与表头一致），实际为\(found)个"
        case .unterminatedQuote:
            return en ? "A quote opened in this row is never closed: check that the double quotes come in pairs"
                : "该行打开的引号没有闭合：请检查双引号是否成对"
        case .textAfterClosingQuote:
            return en ? "Text follows a closing quote: a quoted field must be followed by a comma or the end of the line"
                : "引号后还有其他字符：带引号的字段在引号后应紧跟逗号或换行"
        case .encoding:
            return en ? "The file is neither UTF-8 nor GB18030/GBK text near this line" : "文件在此行附近既不是 UTF-8 也不是 GB18030/GBK 编码"
        }
    }
}
