import Foundation
import JingpinCore

/// How much demo data to make.
public enum DemoScale: String, Sendable, CaseIterable {
    /// About 600 enterprises: quick to load, enough to click through.
    case small
    /// About 60,000 enterprises: the province's real order of magnitude, for benchmarks.
    case province

    /// Enterprises generated.
    public var enterpriseCount: Int { self == .small ? 600 : 60_000 }
}

/// A deterministic pseudo-random generator (SplitMix64): the same seed gives the same demo
/// on every machine and Swift version, which `SystemRandomNumberGenerator` cannot promise.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One generated enterprise with its products.
struct DemoEnterprise {
    let fields: EnterpriseFields
    let products: [ProductFields]
}

/// Synthetic but plausible enterprises: spread over the 11 cities roughly as Zhejiang's
/// industrial enterprises are, each with a valid credit code for its county.
enum DemoGenerator {
    /// Share of enterprises per city (percent), Ningbo and Hangzhou largest, Zhoushan smallest.
    static let cityWeights: [(String, Int)] = [
        ("330100", 16), ("330200", 17), ("330300", 12), ("330400", 10), ("330500", 6), ("330600", 10),
        ("330700", 10), ("330800", 3), ("330900", 2), ("331000", 10), ("331100", 4),
    ]
    static let brandWords = ["恒达", "中天", "华联", "金鼎", "瑞丰", "永盛", "新越", "东方", "万向", "正泰", "海诺", "天成",
                             "明远", "宏信", "安泰", "卓越", "佳和", "汇丰", "润禾", "鼎盛", "益民", "博远", "通利", "康宁",
                             "兴业", "欣荣", "长丰", "聚源", "思源", "百川"]
    static let productWords: [String: [String]] = [
        "manufacturing": ["精密轴承", "智能电表", "伺服电机", "工业阀门", "新能源电池组件", "数控机床", "汽车零部件", "光伏组件",
                          "医用敷料", "功能性面料", "不锈钢厨具", "智能家居控制器"],
        "agriculture": ["龙井茶", "有机大米", "香榧", "杨梅", "蜜橘", "竹笋", "黄酒原料米", "食用菌"],
        "services": ["跨境物流服务", "工业设计服务", "检验检测服务", "供应链金融服务", "数字营销服务"],
        "construction": ["装配式钢结构住宅", "绿色建筑工程", "市政桥梁工程", "智慧工地管理"],
    ]

    static func generate(scale: DemoScale, seed: UInt64, regions: RegionDirectory, industries: IndustryDirectory) -> [DemoEnterprise] {
        var rng = SplitMix64(state: seed)
        let manufacturing = industries.divisions.filter { $0.sector == .manufacturing }
        let agriculture = industries.divisions.filter { $0.sector == .agriculture }
        let construction = industries.all.filter { $0.sector == .construction }
        let services = industries.sections.filter { $0.sector == .services }
        var usedCodes = Set<String>(), usedNames = Set<String>()
        var out: [DemoEnterprise] = []
        out.reserveCapacity(scale.enterpriseCount)
        let totalWeight = cityWeights.map(\.1).reduce(0, +)
        for index in 0..<scale.enterpriseCount {
            // Pick the city by weight, then a county uniformly within it.
            var pick = Int(rng.next() % UInt64(totalWeight))
            var cityCode = cityWeights[0].0
            for (code, w) in cityWeights {
                if pick < w { cityCode = code; break }
                pick -= w
            }
            // The first enterprise is in Xihu so the demo enterprise user has a home.
            let city = try! RegionCode(index == 0 ? "330100" : cityCode)
            let counties = regions.counties(in: city)
            let county = index == 0 ? regions.region(try! RegionCode("330106"))! : counties[Int(rng.next() % UInt64(counties.count))]
            let roll = rng.next() % 100
            let industry: Industry
            switch roll {
            case 0..<76: industry = manufacturing[Int(rng.next() % UInt64(manufacturing.count))]
            case 76..<86: industry = agriculture[Int(rng.next() % UInt64(agriculture.count))]
            case 86..<93: industry = construction[Int(rng.next() % UInt64(construction.count))]
            default: industry = services[Int(rng.next() % UInt64(services.count))]
            }
            var code: CreditCode
            repeat {
                let body = String((0..<8).map { _ in Array(CreditCode.alphabet)[Int(rng.next() % 31)] })
                code = CreditCode.make(region: county.code.value, organisationBody: body)!
            } while !usedCodes.insert(code.value).inserted
            let cityName = regions.region(city)!.nameZh.replacingOccurrences(of: "市", with: "")
            let brand = brandWords[Int(rng.next() % UInt64(brandWords.count))] + brandWords[Int(rng.next() % UInt64(brandWords.count))]
            let trade = industry.nameZh.split(separator: "、").first.map(String.init)?
                .replacingOccurrences(of: "制造业", with: "制造").replacingOccurrences(of: "业", with: "") ?? "实业"
            var name = "\(cityName)\(brand)\(trade)\(rng.next() % 5 == 0 ? "股份有限公司" : "有限公司")"
            if !usedNames.insert(name).inserted {
                name = "\(cityName)\(brand)\(trade)（\(county.nameZh)）有限公司\(index)"
                usedNames.insert(name)
            }
            let words = productWords[industry.sector.rawValue]!
            let categories = ProductCategory.allCases.filter { $0.sector == industry.sector }
            let productCount = 1 + Int(rng.next() % 3)
            let products = (0..<productCount).map { n in
                ProductFields(name: "\(brand)牌\(words[(Int(rng.next() % UInt64(words.count)) + n) % words.count])",
                              category: categories[Int(rng.next() % UInt64(categories.count))], sector: industry.sector,
                              industryCode: industry.code, description: nil)
            }
            let phone = String(format: "0571-%08d", Int(rng.next() % 100_000_000))
            out.append(DemoEnterprise(
                fields: EnterpriseFields(creditCode: code, name: name, regionCode: county.code, industryCode: industry.code,
                                         sector: industry.sector, address: "\(regions.region(city)!.nameZh)\(county.nameZh)",
                                         legalRepresentative: nil, contactPhone: phone, isAboveScale: rng.next() % 3 != 0),
                products: products))
        }
        return out
    }
}

extension String {
    /// FNV-1a over the UTF-8 bytes: a hash that, unlike `hashValue`, is the same in every process,
    /// so demo data derived from it is reproducible.
    var hashValueStable: UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
