/// SplitMix64: a small seeded generator, so every run sees the same cases.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (bound > 0); the slight modulo bias does not matter for tests.
    mutating func below(_ bound: UInt64) -> UInt64 { next() % bound }

    /// A Fisher–Yates shuffle driven by this generator.
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, Int(below(UInt64(index + 1))))
        }
        return items
    }
}
