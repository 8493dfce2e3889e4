/// The category a product competes in. Eligibility thresholds differ by category
/// (e.g. advanced manufacturing needs more product sales than distinctive consumer goods),
/// and each category belongs to one sector.
public enum ProductCategory: String, Sendable, Codable, CaseIterable {
    /// 先进制造 — advanced manufacturing.
    case advancedManufacturing = "advanced_manufacturing"
    /// 数实融合 — digital-technology fusion.
    case digitalFusion = "digital_fusion"
    /// 特色消费品 — distinctive consumer goods.
    case distinctiveConsumerGoods = "distinctive_consumer_goods"
    /// 特色农产品 — distinctive agricultural produce.
    case agriculturalProduce = "agricultural_produce"
    /// 服务精品 — quality service.
    case qualityService = "quality_service"
    /// 建筑精品 — quality construction project.
    case qualityConstruction = "quality_construction"

    /// The sector the category belongs to.
    public var sector: Sector {
        switch self {
        case .advancedManufacturing, .digitalFusion, .distinctiveConsumerGoods: .manufacturing
        case .agriculturalProduce: .agriculture
        case .qualityService: .services
        case .qualityConstruction: .construction
        }
    }

    /// The category's name in the given language.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.advancedManufacturing, .en): "Advanced manufacturing"
        case (.advancedManufacturing, _): "先进制造"
        case (.digitalFusion, .en): "Digital-technology fusion"
        case (.digitalFusion, _): "数实融合"
        case (.distinctiveConsumerGoods, .en): "Distinctive consumer goods"
        case (.distinctiveConsumerGoods, _): "特色消费品"
        case (.agriculturalProduce, .en): "Distinctive agricultural produce"
        case (.agriculturalProduce, _): "特色农产品"
        case (.qualityService, .en): "Quality service"
        case (.qualityService, _): "服务精品"
        case (.qualityConstruction, .en): "Quality construction project"
        case (.qualityConstruction, _): "建筑精品"
        }
    }
}
