/// SplitMix64: seeds the main generator and derives independent streams from (seed, index).
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A hash of several words, for streams that must not depend on the order of other draws.
func mixHash(_ words: UInt64...) -> UInt64 {
    var mixer = SplitMix64(state: 0x5EED_C4A7_CE27_0001)
    var value: UInt64 = 0
    for word in words {
        mixer.state ^= word &* 0xD6E8_FEB8_6659_FD93
        value = mixer.next()
    }
    return value
}

/// xoshiro256**: the generator behind every choice, so the same seed gives the same archive on
/// every platform (never SystemRandomNumberGenerator).
struct Xoshiro256: RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// 0 ..< n (n > 0), by multiply-high: no modulo bias worth mentioning, and fast.
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// lo ... hi inclusive.
    mutating func range(_ lo: Int, _ hi: Int) -> Int { lo + below(hi - lo + 1) }

    /// A double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index drawn by cumulative weights (last element is the total).
    mutating func weighted(_ cumulative: [Double]) -> Int {
        let x = unit() * cumulative[cumulative.count - 1]
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
