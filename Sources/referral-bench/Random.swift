/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast generator whose whole state is one
/// 64-bit word, so the same seed gives the same directory on every machine and toolchain.
///
/// The standard library's `SystemRandomNumberGenerator` is not seedable, and its default
/// `random(in:)` algorithms are not promised to stay the same across releases, so every draw
/// here is written out by hand on top of `next()`.
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

    /// A value in `0..<n` (Lemire's multiply-shift; the tiny bias is irrelevant here).
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int((UInt128(next()) * UInt128(UInt64(n))) >> 64)
    }

    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }

    /// Picks by weight; weights need not sum to 1.
    mutating func weighted<T>(_ items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var x = unit() * total
        for (v, w) in items {
            if x < w { return v }
            x -= w
        }
        return items[items.count - 1].0
    }

    /// A stream derived from this seed and a label, so that adding draws to one part of the
    /// generator does not shift every other part.
    static func stream(_ seed: UInt64, _ label: String) -> SplitMix64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for b in label.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return SplitMix64(seed: seed ^ h)
    }
}
