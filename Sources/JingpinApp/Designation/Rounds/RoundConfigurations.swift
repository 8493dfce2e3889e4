import FluentKit
import Foundation
import JingpinCore

/// The one way every stage reaches a round's configuration: which version of a round is in force,
/// and that version's configuration decoded and checked against the rule book.
enum RoundConfigurations {
    /// The open version of round series `seriesID`, if one is open.
    static func openVersion(of seriesID: UUID, on db: any Database) async throws -> RoundModel? {
        try await RoundModel.query(on: db).filter(\.$seriesID == seriesID).filter(\.$status == .open).first()
    }

    /// The open version of a round series, or its newest when none is open.
    static func currentVersion(of seriesID: UUID, on db: any Database) async throws -> RoundModel? {
        let versions = try await RoundModel.query(on: db).filter(\.$seriesID == seriesID).sort(\.$version, .descending).all()
        return versions.first { $0.status == .open } ?? versions.first
    }

    /// `round`'s configuration: its stored `RoundInput`, read by the rule book it names. A stored
    /// configuration that no longer validates (a rule set removed since) is a conflict, not a crash.
    static func configuration(_ round: RoundModel, _ rules: RuleBook) throws -> RoundConfiguration {
        let input = try JSONDecoder().decode(RoundInput.self, from: Data(round.configuration.utf8))
        switch input.configuration(rules: rules) {
        case .success(let c): return c
        case .failure: throw AppError.conflict(Message("rounds.conflict.configuration_invalid"))
        }
    }
}
