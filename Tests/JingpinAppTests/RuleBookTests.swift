import Foundation
@testable import JingpinApp
import JingpinCore
import Testing

/// A minimal valid reward file; each bad case below changes one thing in it.
private let good = """
id: rewards.t
kind: reward
version: "1"
title: {zh: 测试, en: Test}
formula: rd_intensity_excess
scope: province
rounding: half_up
parameters:
  rewards.t.threshold:
    unit: basis_points
    label: {zh: 门槛, en: Threshold}
    values:
      - {from: 2024-01-01, value: 300, reference: {document: A}}
      - {from: 2025-01-01, value: 315, reference: {document: B}}
  rewards.t.mountain_uplift:
    unit: basis_points
    label: {zh: 上浮, en: Uplift}
    values:
      - {from: 2024-01-01, value: 0, reference: {document: A}}
  rewards.t.cap:
    unit: fen
    label: {zh: 上限, en: Cap}
    values:
      - {from: 2024-01-01, value: 100_000, reference: {document: A}}
scales:
  rewards.t.rate:
    type: marginal_rate
    base_unit: fen
    label: {zh: 比例, en: Rate}
    values:
      - from: 2024-01-01
        reference: {document: A}
        brackets:
          - {threshold: 0, value: 1000}
          - {threshold: 500, value: 500}

"""

/// "file:line: path: reason" of each problem in `text`, read as `t.yaml`.
private func problems(_ text: String) -> [String] {
    do {
        _ = try RuleBook.read(Data(text.utf8), file: "t.yaml")
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

@Suite("Rule files")
struct RuleBookTests {
    @Test("the shipped rule files load: two reward schemes, 2025 designation eligibility and the digital gradient")
    func shipped() throws {
        let book = try RuleBook.shipped()
        #expect(book.ruleSets.map(\.id) == ["designation.2025", "digital_gradient.2025", "rewards.rd.hangzhou", "rewards.rd.province"])
        #expect(book.rewardSchemes.map(\.scope) == [.city("330100"), .province])
        // Every value of every shipped parameter names its source.
        for set in book.ruleSets {
            #expect(set.contentHash.count == 64)
            for p in set.parameters { #expect(p.values.allSatisfy { !$0.reference.document.isEmpty }) }
        }
        // The designation thresholds of DOMAIN-NOTES §1.4: ¥8m advanced manufacturing, ¥5m in mountain counties.
        let d = try #require(book.ruleSet("designation.2025"))
        #expect(d.parameter("sales.advanced_manufacturing")?.values.first?.value == 800_000_000)
        #expect(d.parameter("sales.advanced_manufacturing.mountain")?.values.first?.value == 500_000_000)
        #expect(d.parameter("rd_intensity_average")?.values.first?.value == 300)
    }

    @Test("the minimal file is valid, and its hash is the file's SHA-256")
    func minimal() throws {
        let set = try RuleBook.read(Data(good.utf8), file: "t.yaml")
        #expect(set.parameter("threshold")?.values.map(\.value) == [300, 315])
        #expect(set.scale("rate")?.kind == .marginalRate)
        // Independent digest: the system's sha256sum of the same bytes.
        #expect(set.contentHash == (try sha256sum(Array(good.utf8))))
    }

    @Test("each bad file names the file, line, path and reason")
    func badFiles() {
        // Line numbers counted in `good` above: the cap's unit is on line 21, the threshold's
        // second value on 14, the uplift's value on 19, the cap's value on 24, the scale on 26
        // (its brackets on 34 and 35), the formula on 5.
        #expect(problems(good.replacingOccurrences(of: "    unit: fen", with: "    unit: yuan")) ==
                ["t.yaml:21: parameters[\"rewards.t.cap\"].unit: unknown unit \"yuan\" (known: fen, basis_points, thousandths, count, years, boolean)"])
        #expect(problems(good.replacingOccurrences(of: "{from: 2025-01-01, value: 315", with: "{from: 2024-01-01, value: 315")) ==
                ["t.yaml:14: parameters[\"rewards.t.threshold\"].values[1].from: dates must strictly increase: 2024-01-01 does not come after 2024-01-01"])
        #expect(problems(good.replacingOccurrences(of: "{threshold: 500, value: 500}", with: "{threshold: 0, value: 500}")) ==
                ["t.yaml:35: scales[\"rewards.t.rate\"].values[0].brackets[1].threshold: bracket thresholds must strictly increase: 0 does not come after 0"])
        #expect(problems(good.replacingOccurrences(of: "{from: 2024-01-01, value: 0, reference: {document: A}}", with: "{from: 2024-01-01, value: 0}")) ==
                ["t.yaml:19: parameters[\"rewards.t.mountain_uplift\"].values[0]: every value needs a reference (document, article, url)"])
        #expect(problems(good.replacingOccurrences(of: "    type: marginal_rate\n", with: "")) ==
                ["t.yaml:27: scales[\"rewards.t.rate\"]: a bracket table must declare its type: single_amount or marginal_rate"])
        #expect(problems(good.replacingOccurrences(of: "type: marginal_rate", with: "type: single_amount")) ==
                ["t.yaml:26: scales: the formula needs parameter \"rewards.t.rate\" in basis_points"])
        #expect(problems(good.replacingOccurrences(of: "value: 100_000,", with: "value: 1000.50,")) ==
                ["t.yaml:24: parameters[\"rewards.t.cap\"].values[0].value: \"1000.50\" is not a whole number in the parameter's unit"])
        #expect(problems(good.replacingOccurrences(of: "  rewards.t.cap:", with: "  rewards.t.cop:")) ==
                ["t.yaml:9: parameters: the formula needs parameter \"rewards.t.cap\" in fen"])
        #expect(problems(good.replacingOccurrences(of: "formula: rd_intensity_excess", with: "formula: rd_magic")) ==
                ["t.yaml:5: formula: unknown formula \"rd_magic\""])
        #expect(problems(good.replacingOccurrences(of: "rounding: half_up", with: "rounding: half_up\ncolour: red")) ==
                ["t.yaml:8: colour: unknown key \"colour\""])
        let broken = problems("id: [unclosed\n")
        #expect(broken.count == 1)
        #expect(broken.first?.contains(": (top): expected valid YAML") == true)
    }
}
