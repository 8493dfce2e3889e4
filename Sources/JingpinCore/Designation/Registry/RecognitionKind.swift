/// The national recognitions on the ladder from "Zhejiang Quality" to "Chinese Quality" that the
/// registry shows beside a product.
public enum RecognitionKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// 中国质量奖 (the award itself).
    case chinaQualityAward = "china_quality_award"
    /// 中国质量奖提名奖.
    case chinaQualityAwardNomination = "china_quality_award_nomination"
    /// 制造业单项冠军示范企业.
    case singleChampionEnterprise = "single_champion_enterprise"
    /// 制造业单项冠军产品.
    case singleChampionProduct = "single_champion_product"
    /// 专精特新"小巨人"企业.
    case littleGiant = "little_giant"
    /// Another national recognition, named in its title.
    case other

    /// Whether it belongs to a product rather than to the enterprise.
    public var isOfProduct: Bool { self == .singleChampionProduct }

    /// The recognition's name.
    public func name(_ l: Language) -> String {
        let en = l == .en
        switch self {
        case .chinaQualityAward: return en ? "China Quality Award" : "中国质量奖"
        case .chinaQualityAwardNomination: return en ? "China Quality Award nomination" : "中国质量奖提名奖"
        case .singleChampionEnterprise: return en ? "National manufacturing single champion (enterprise)" : "制造业单项冠军企业"
        case .singleChampionProduct: return en ? "National manufacturing single champion product" : "制造业单项冠军产品"
        case .littleGiant: return en ? "Specialised and innovative “little giant”" : "专精特新“小巨人”企业"
        case .other: return en ? "Other national recognition" : "其他国家级荣誉"
        }
    }
}
