import Foundation

/// What an action is aimed at, carrying just enough to decide on scope: where it is.
public enum AccessTarget: Sendable, Hashable {
    /// Nothing in particular: pages and lists that are not about one record or region.
    case global
    /// A region: a list of its records, or the county an enterprise is being created in.
    case region(RegionCode)
    /// One enterprise (or one of its products), with the county it is registered in.
    case enterprise(id: UUID, county: RegionCode)
}
