/// The plain-language account of a reward, built only from its trace (so it explains what was
/// actually computed, years later), e.g. "R&D spending ¥12,000,000.00 exceeded 3.00 % of
/// main-business revenue (¥9,600,000.00) by ¥2,400,000.00; the reward rate gives ¥240,000.00;
/// capped at ¥200,000.00."
public enum AwardExplanation {
    /// The explanation in `l`.
    public static func text(_ trace: EvaluationTrace, _ l: Language) -> String {
        let en = l == .en
        let notes = Set(trace.result.notes)
        func money(_ step: String) -> String {
            guard let s = trace.step(step) else { return "—" }
            return Money(fen: exactFenRounded(s.value)).formatted(l)
        }
        func input(_ name: String, _ year: Int) -> String {
            trace.input(name, year: year)?.value.map { Money(fen: $0).formatted(l) } ?? (en ? "not filed" : "未填报")
        }
        func param(_ name: String) -> String {
            guard let p = trace.parameter(name) else { return "—" }
            return p.unit.format(p.value, l)
        }
        var parts: [String] = []
        if notes.contains("missing_figure") {
            parts.append(en ? "A figure the scheme needs was not filed (R&D spending \(input("rd_spending", trace.year)), main-business revenue \(input("main_business_revenue", trace.year)))"
                            : "缺少方案所需数据（研发投入 \(input("rd_spending", trace.year))，主营业务收入 \(input("main_business_revenue", trace.year))）")
        } else if trace.step("threshold_amount") != nil {
            // rd_intensity_excess
            if notes.contains("below_threshold") {
                parts.append(en ? "R&D spending \(input("rd_spending", trace.year)) did not exceed \(param("threshold")) of main-business revenue (\(money("threshold_amount")))"
                                : "研发投入 \(input("rd_spending", trace.year)) 未超过主营业务收入的 \(param("threshold"))（\(money("threshold_amount"))）")
            } else {
                parts.append(en ? "R&D spending \(input("rd_spending", trace.year)) exceeded \(param("threshold")) of main-business revenue (\(money("threshold_amount"))) by \(money("excess"))"
                                : "研发投入 \(input("rd_spending", trace.year)) 超过主营业务收入的 \(param("threshold"))（\(money("threshold_amount"))）\(money("excess"))")
                parts.append(en ? "the reward rates give \(money("base_amount"))" : "按奖励比例计 \(money("base_amount"))")
            }
        } else if trace.step("intensity") != nil || notes.contains("below_threshold") {
            // rd_growth
            let intensity = trace.step("intensity").map { ParameterUnit.basisPoints.format(exactFenRounded($0.value), l) } ?? "—"
            if notes.contains("below_threshold") {
                parts.append(en ? "R&D intensity \(intensity) is below the minimum \(param("min_intensity"))"
                                : "研发投入强度 \(intensity) 低于最低要求 \(param("min_intensity"))")
            } else {
                parts.append(en ? "R&D spending grew by \(money("growth")) over \(trace.year - 1); \(param("growth_rate")) of the growth is \(money("growth_amount"))"
                                : "研发投入较 \(trace.year - 1) 年增长 \(money("growth"))，按 \(param("growth_rate")) 计 \(money("growth_amount"))")
                parts.append(en ? "the intensity band (\(intensity)) adds \(money("bonus"))" : "研发投入强度 \(intensity) 对应分档奖励 \(money("bonus"))")
            }
        }
        if notes.contains("mountain_uplift") {
            parts.append(en ? "the mountain-county uplift of \(param("mountain_uplift")) makes \(money("uplifted_amount"))"
                            : "山区县上浮 \(param("mountain_uplift")) 后为 \(money("uplifted_amount"))")
        }
        if notes.contains("capped"), let cap = trace.parameter("cap") {
            parts.append(en ? "capped at \(ParameterUnit.fen.format(cap.value, l))" : "按上限 \(ParameterUnit.fen.format(cap.value, l)) 封顶")
        }
        let amount = Money(fen: trace.result.eligibleFen).formatted(l)
        parts.append(en ? "eligible amount \(amount)" : "应奖金额 \(amount)")
        return en ? parts.joined(separator: "; ") + "." : parts.joined(separator: "；") + "。"
    }

    /// An exact decimal text (as traces store it) rounded half up to a whole unit, for display only.
    static func exactFenRounded(_ text: String) -> Int64 {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var whole = Int64(parts.first ?? "0") ?? 0
        if parts.count == 2, let first = parts[1].first, first >= "5" { whole += 1 }
        return negative ? -whole : whole
    }
}
