import JingpinCore
import SQLKit

extension EnterpriseVisibility {
    /// The visibility as a SQL condition on the enterprises table aliased `e`, or nil when
    /// everything is visible: the one place raw-SQL reports translate a scope.
    var sqlCondition: SQLQueryString? {
        switch self {
        case .all: nil
        case .city(let c): "e.city_code = \(bind: c.value)"
        case .county(let c): "e.region_code = \(bind: c.value)"
        case .enterprise(let id): "e.id = \(bind: id)"
        case .nothing: "1 = 0"
        }
    }
}
