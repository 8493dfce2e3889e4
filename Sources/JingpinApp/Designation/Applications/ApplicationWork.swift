import FluentKit
import Foundation
import JingpinCore

/// The designation work waiting for a user, for the home page: per status whose next step is
/// their role's, how many applications in their scope (in rounds still open) wait there, each
/// linking to the list filtered to it.
struct ApplicationWork {
    let database: DatabaseService
    let views: Views

    /// The waiting counts for `identity`, in `l`; empty when nothing waits or the role has no queue.
    func items(_ identity: Identity, _ l: Language) async throws -> [Item] {
        let statuses = ApplicationStatus.allCases.filter { $0.next?.role == identity.role }
        guard !statuses.isEmpty else { return [] }
        let open = try await RoundModel.query(on: database.db).filter(\.$status == .open).all().map(\.seriesID)
        guard !open.isEmpty,
              let scoped = ApplicationService.scoped(ApplicationModel.query(on: database.db).filter(\.$roundSeriesID ~~ open), identity) else { return [] }
        let rows = try await scoped.filter(\.$status ~~ statuses.map(\.rawValue)).all()
        return statuses.compactMap { status in
            let n = rows.count { $0.status == status.rawValue }
            guard n > 0, let next = status.next else { return nil }
            return Item(label: status.name(l), next: views.t("application.next.\(next.stage.rawValue)", l), count: n,
                        href: "/applications?status=\(status.rawValue)")
        }
    }

    /// One status's waiting count on the home page, linking to the list filtered to it.
    struct Item: Encodable, Sendable {
        let label: String
        let next: String
        let count: Int
        let href: String
    }
}
