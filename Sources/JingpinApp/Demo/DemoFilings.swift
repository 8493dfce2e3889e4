import Foundation
import JingpinCore

/// Plausible annual figures for a demo enterprise: sizes drawn from log-normal distributions
/// per sector, the other figures as shares of revenue, and growth of −5 % to +15 % a year.
/// Figures are synthetic; they only need to look like a province's spread of firms.
enum DemoFilings {
    /// The years the demo files for: the three completed years before today.
    static var years: [Int] { let y = LocalDate.today().year; return [y - 3, y - 2, y - 1] }

    /// Median revenue in fen per sector: ¥80 m manufacturing, ¥15 m agriculture, ¥30 m services, ¥120 m construction.
    static let medianRevenue: [Sector: Double] = [.manufacturing: 8e9, .agriculture: 1.5e9, .services: 3e9, .construction: 1.2e10]

    struct Draw {
        var rng: SplitMix64
        mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * Double(rng.next() >> 11) / Double(1 << 53) }
        mutating func normal() -> Double {
            // Box–Muller from two uniforms in (0, 1].
            let u1 = max(uniform(0, 1), 1e-12), u2 = uniform(0, 1)
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        mutating func chance(_ p: Double) -> Bool { uniform(0, 1) < p }
        mutating func pick(_ weights: [Double]) -> Int64 {
            var x = uniform(0, weights.reduce(0, +))
            for (i, w) in weights.enumerated() { if x < w { return Int64(i) }; x -= w }
            return Int64(weights.count - 1)
        }
    }

    /// Values by year for one enterprise, in stored units, only for indicators the catalogue defines that year.
    static func generate(sector: Sector, seed: UInt64, catalogue: IndicatorCatalogue) -> [(year: Int, values: [String: Int64])] {
        var d = Draw(rng: SplitMix64(state: seed))
        var revenue = medianRevenue[sector]! * exp(1.1 * d.normal())
        let intensity = max(0.002, (sector == .manufacturing ? 0.025 : 0.012) * exp(0.5 * d.normal()))
        let exporter = sector == .manufacturing && d.chance(0.4)
        let rating = d.pick([15, 35, 35, 10, 4, 1])
        var digital = d.pick([10, 40, 35, 12, 3])
        var out: [(Int, [String: Int64])] = []
        for year in years {
            revenue *= d.uniform(0.95, 1.15)
            let main = revenue * d.uniform(0.85, 0.98)
            let employees = max(8, revenue / 1e8 * d.uniform(0.6, 1.6))  // about ¥1 m of revenue per person
            let equipment = revenue * d.uniform(0.01, 0.08)
            var v: [String: Double] = [
                "revenue": revenue, "main_business_revenue": main, "total_profit": revenue * (0.06 + 0.05 * d.normal()),
                "taxes_paid": revenue * d.uniform(0.02, 0.05), "total_assets": revenue * d.uniform(0.8, 2.0),
                "employees": employees, "rd_spending": main * intensity, "credit_rating": Double(rating),
                "quality_incidents": d.chance(0.02) ? 1 : 0, "safety_incidents": d.chance(0.02) ? 1 : 0,
                "environment_incidents": d.chance(0.01) ? 1 : 0, "dishonesty_records": d.chance(0.01) ? 1 : 0,
                "cloud_status": Double(d.pick([30, 50, 20])),
            ]
            switch sector {
            case .manufacturing:
                v["product_sales"] = main * d.uniform(0.3, 0.8)
                v["equipment_investment"] = equipment
                v["software_investment"] = equipment * d.uniform(0.05, 0.3)
                v["rd_staff"] = employees * d.uniform(0.05, 0.2)
                v["invention_patents"] = employees * d.uniform(0.01, 0.08)
                v["output_value"] = revenue * d.uniform(0.9, 1.1)
                v["defect_rate"] = d.uniform(10, 300)                       // 0.1 %–3 %, in basis points
                v["electricity"] = revenue / 100 * d.uniform(0.02, 0.15) * 1000  // kWh per yuan, in thousandths
                v["water"] = revenue / 100 * d.uniform(0.0005, 0.005) * 1000
                if d.chance(0.5) { v["natural_gas"] = revenue / 100 * d.uniform(0.001, 0.01) * 1000 }
                if d.chance(0.1) { v["coal"] = revenue / 100 * d.uniform(0.000001, 0.00001) * 1000 }
                if exporter { v["export_value"] = revenue * d.uniform(0.05, 0.6) }
                if d.chance(0.1) { digital = min(4, digital + 1) }
                v["digital_level"] = Double(digital)
            case .agriculture:
                v["product_sales"] = main * d.uniform(0.4, 0.9)
                v["cultivated_area"] = revenue / 100 / d.uniform(5_000, 30_000) * 1000  // mu, in thousandths
            case .services:
                v["service_customers"] = employees * d.uniform(5, 200)
            case .construction:
                v["contract_value"] = revenue * d.uniform(0.8, 1.5)
            }
            var values: [String: Int64] = [:]
            for (code, x) in v {
                guard let indicator = catalogue.indicator(code, year: year) else { continue }
                var stored = Int64(x.rounded())
                if let lo = indicator.minimum { stored = max(lo, stored) }
                if let hi = indicator.maximum { stored = min(hi, stored) }
                values[code] = stored
            }
            out.append((year, values))
        }
        return out
    }

    /// The demo's status for a filing: earlier years accepted, the latest year in every state.
    static func status(year: Int, roll: UInt64) -> FilingStatus {
        guard year == years.last else { return .accepted }
        switch roll % 10 {
        case 0..<6: return .accepted
        case 6, 7: return .submitted
        case 8: return .returned
        default: return .draft
        }
    }
}
