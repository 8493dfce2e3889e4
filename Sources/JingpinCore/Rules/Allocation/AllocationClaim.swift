import Foundation

/// One enterprise's claim on a year's budget: the amount it is eligible for under
/// the reward rules, before the budget is applied.
public struct AllocationClaim: Sendable, Hashable, Codable {
    /// The claimant's unified social credit code; the key that breaks every tie,
    /// so the same claims always give the same amounts whatever order they come in.
    public var creditCode: String { code.text }
    /// What the rules would pay with an unlimited budget; never negative.
    public let eligible: Money
    /// Priority under rank-order allocation: higher is funded first. Ignored by
    /// the other strategies.
    public let rankScore: Int64
    /// The credit code as integers, which is what allocation compares and copies.
    let code: ClaimCode

    /// A claim of `eligible` for `creditCode`, ranked by `rankScore` (0 when rank does not matter).
    public init(creditCode: String, eligible: Money, rankScore: Int64 = 0) {
        code = ClaimCode(creditCode)
        self.eligible = eligible
        self.rankScore = rankScore
    }

    private init(code: ClaimCode, eligible: Money, rankScore: Int64) {
        self.code = code
        self.eligible = eligible
        self.rankScore = rankScore
    }

    /// The claims of the positive amounts among `eligibleFen`, each for the credit code at the
    /// same position of `creditCodes` and ranked by its amount (the largest funded first under
    /// rank order). Zero amounts make no claim.
    public static func claims(creditCodes: [String], eligibleFen: [Int64]) -> [AllocationClaim] {
        claims(codes: creditCodes.map { ClaimCode($0) }, eligibleFen: eligibleFen)
    }

    /// The same from packed codes (`RewardFigureTable.claimCodes`).
    public static func claims(codes: [ClaimCode], eligibleFen: [Int64]) -> [AllocationClaim] {
        precondition(codes.count == eligibleFen.count, "one credit code per amount")
        var claims: [AllocationClaim] = []
        claims.reserveCapacity(eligibleFen.count)
        for i in eligibleFen.indices where eligibleFen[i] > 0 {
            let fen = eligibleFen[i]
            claims.append(AllocationClaim(code: codes[i], eligible: Money(fen: fen), rankScore: fen))
        }
        return claims
    }

    private enum CodingKeys: String, CodingKey {
        case creditCode, eligible, rankScore
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(creditCode: try c.decode(String.self, forKey: .creditCode), eligible: try c.decode(Money.self, forKey: .eligible),
                  rankScore: try c.decode(Int64.self, forKey: .rankScore))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(creditCode, forKey: .creditCode)
        try c.encode(eligible, forKey: .eligible)
        try c.encode(rankScore, forKey: .rankScore)
    }
}
