import Foundation
import Testing
@testable import JingpinCore

@Suite("Money arithmetic and rounding")
struct MoneyArithmeticTests {
    static let divisionCases: [(Int64, Int64, Int64, Int64, Int64)] = [
        // numerator, denominator, halfUp, halfEven, down
        (Int64(7), Int64(2), Int64(4), Int64(4), Int64(3)),   // 3.5: 3 is odd, so even → 4
        (5, 2, 3, 2, 2),                                        // 2.5: even → 2
        (-5, 2, -3, -2, -2),                                    // −2.5: away → −3, toward zero → −2
        (5, -2, -3, -2, -2),                                    // the sign may sit on either side
        (-5, -2, 3, 2, 2),                                      // two negatives: +2.5
        (-7, 2, -4, -4, -3),                                    // −3.5
        (10, 4, 3, 2, 2),                                       // 2.5
        (1, 3, 0, 0, 0),                                        // 0.333…
        (2, 3, 1, 1, 0),                                        // 0.666…
        (-2, 3, -1, -1, 0),
        (6, 3, 2, 2, 2),                                        // exact
        (0, 7, 0, 0, 0),
        (Int64.max, 2, 4_611_686_018_427_387_904, 4_611_686_018_427_387_904, 4_611_686_018_427_387_903),
        // 9 223 372 036 854 775 807 / 2 = 4 611 686 018 427 387 903.5; 903 is odd → 904
        (Int64.min, 2, -4_611_686_018_427_387_904, -4_611_686_018_427_387_904, -4_611_686_018_427_387_904),
        (Int64.max, Int64.min, -1, -1, 0),                      // −0.999…: nearer −1
        (Int64.min, Int64.min, 1, 1, 1),
    ]

    static let basisPointCases: [(Int64, Int64, Int64, Int64, Int64)] = [
        // fen, basis points, halfUp, halfEven, down
        (Int64(10_000), Int64(350), Int64(350), Int64(350), Int64(350)), // 100 yuan × 3.5% = 3.50 yuan
        (123, 50, 1, 1, 0),                  // 123 × 50 / 10 000 = 0.615 fen
        (1, 5_000, 1, 0, 0),                 // 0.5 fen
        (3, 5_000, 2, 2, 1),                 // 1.5 fen
        (-3, 5_000, -2, -2, -1),             // −1.5 fen
        (12_345_678, 1_234, 1_523_457, 1_523_457, 1_523_456),
        // 12 345 678 × 1 234 = 15 234 566 652; / 10 000 = 1 523 456.6652
        (Int64.max, 10_000, Int64.max, Int64.max, Int64.max), // × 100%: no overflow on the way
        (Int64.max, 5_000, 4_611_686_018_427_387_904, 4_611_686_018_427_387_904, 4_611_686_018_427_387_903),
    ]

    @Test("integer division rounds by the named rule, negatives included", arguments: Self.divisionCases)
    func divides(numerator: Int64, denominator: Int64, halfUp: Int64, halfEven: Int64, down: Int64) {
        #expect(Money.divide(numerator, by: denominator, rounding: .halfUp) == halfUp)
        #expect(Money.divide(numerator, by: denominator, rounding: .halfEven) == halfEven)
        #expect(Money.divide(numerator, by: denominator, rounding: .down) == down)
        #expect(RoundingRule.halfEven.divide(numerator, by: denominator) == halfEven)
    }

    @Test("a rate in basis points is applied once, with the rule", arguments: Self.basisPointCases)
    func basisPoints(fen: Int64, bp: Int64, halfUp: Int64, halfEven: Int64, down: Int64) {
        let amount = Money(fen: fen)
        #expect(amount.multiplied(byBasisPoints: bp, rounding: .halfUp) == Money(fen: halfUp))
        #expect(amount.multiplied(byBasisPoints: bp, rounding: .halfEven) == Money(fen: halfEven))
        #expect(amount.multiplied(byBasisPoints: bp, rounding: .down) == Money(fen: down))
    }

    @Test("checked addition reports overflow instead of crashing")
    func checkedArithmetic() throws {
        #expect(try Money(fen: 150).adding(Money(fen: -200)) == Money(fen: -50))
        #expect(try Money(fen: 150).subtracting(Money(fen: 200)) == Money(fen: -50))
        #expect(throws: MoneyArithmeticError.overflow) { try Money(fen: .max).adding(Money(fen: 1)) }
        #expect(throws: MoneyArithmeticError.overflow) { try Money(fen: .min).subtracting(Money(fen: 1)) }
        #expect(try Money.sum([Money(fen: 1), Money(fen: 2), Money(fen: 3)]) == Money(fen: 6))
        #expect(Money(fen: 100) + Money(fen: 5) - Money(fen: 10) == Money(fen: 95))
        #expect(-Money(fen: 5) == Money(fen: -5))
    }

    @Test("amounts order by value")
    func ordering() {
        #expect(Money(fen: -1) < Money.zero)
        #expect([Money(fen: 3), Money(fen: -2), Money(fen: 1)].sorted() == [Money(fen: -2), Money(fen: 1), Money(fen: 3)])
    }

    @Test("money is encoded as a bare integer of fen")
    func codable() throws {
        let data = try JSONEncoder().encode(Money(fen: 123_456))
        #expect(String(decoding: data, as: UTF8.self) == "123456")
        #expect(try JSONDecoder().decode(Money.self, from: Data("-5".utf8)) == Money(fen: -5))
    }
}
