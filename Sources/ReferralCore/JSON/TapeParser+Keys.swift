// Duplicate field names for `TapeParser`: the record of each key of the objects being parsed
// (`KeyRef`, `KeyFrame`) and the per-object check that refuses a name already in the object (a
// scan of hashes for small objects, a hash table for large ones).

extension TapeParser {
    struct KeyRef {
        var start: Int32
        var end: Int32
        var hash: UInt32
        var plain: Bool
    }

    /// The keys of one open object: where they start in `keys`, and, past `scanLimit` keys, a
    /// hash table of them (by 64-bit hash of plain keys, or by text once a key is not plain).
    struct KeyFrame {
        var base: Int
        var byHash: [UInt64: Int]? = nil
        var byText: [String: Int]? = nil
        /// A 128-bit filter of the plain keys' hashes, while every key is plain.
        var bloomLow: UInt64 = 0
        var bloomHigh: UInt64 = 0
        var allPlain = true

        init(base: Int) { self.base = base }
    }

    /// Objects with fewer keys than this are checked for duplicates by a scan (of hashes first:
    /// cheaper than a hash table for a service's two dozen fields).
    static let scanLimit = 64

    /// The text of a key (for messages and for keys that are not plain).
    func text(_ k: KeyRef) -> String {
        let r = (Int(k.start) + 1)..<(Int(k.end) - 1)
        if k.plain { return String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
        return String(decoding: unescape(Array(b[r]), 0..<r.count), as: UTF8.self)
    }

    func sameText(_ a: KeyRef, _ c: KeyRef) -> Bool {
        if a.plain && c.plain {
            guard a.hash == c.hash, a.end - a.start == c.end - c.start else { return false }
            var x = Int(a.start), y = Int(c.start)
            while x < Int(a.end) {
                if b[x] != b[y] { return false }
                x += 1
                y += 1
            }
            return true
        }
        return text(a) == text(c)
    }

    static func hash64(_ b: UnsafeBufferPointer<UInt8>, _ k: KeyRef) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for x in Int(k.start)..<Int(k.end) { h = (h ^ UInt64(b[x])) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// A hash of a key's raw bytes for telling keys apart quickly (not for tables: see hash64):
    /// the length and the first and last eight bytes.
    @inline(__always) static func keyHash(_ r: UnsafeRawBufferPointer) -> UInt32 {
        let n = r.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        if n >= 8 {
            h ^= UInt64(littleEndian: r.loadUnaligned(as: UInt64.self)) &* 0xC2B2_AE3D_27D4_EB4F
            h = (h << 31 | h >> 33) ^ UInt64(littleEndian: r.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* 0x1656_67B1_9E37_79F9
        } else {
            var v: UInt64 = 0
            for c in r { v = v << 8 | UInt64(c) }
            h ^= v &* 0xC2B2_AE3D_27D4_EB4F
        }
        return UInt32(truncatingIfNeeded: (h ^ h >> 29) &* 0xBF58_476D_1CE4_E5B9 >> 32)
    }

    /// The offset of an earlier key of the object with the same text as `k`, if any.
    mutating func duplicate(of k: KeyRef, in frame: inout KeyFrame) -> Int? {
        let count = keys.count - frame.base
        // Plain keys of an object of plain keys: a bit per hash says most often at once that the
        // key is new.
        if k.plain && frame.allPlain && count < TapeParser.scanLimit {
            let bit = UInt64(1) << UInt64(k.hash & 63)
            if k.hash & 64 == 0 {
                defer { frame.bloomLow |= bit }
                if frame.bloomLow & bit == 0 { return nil }
            } else {
                defer { frame.bloomHigh |= bit }
                if frame.bloomHigh & bit == 0 { return nil }
            }
        }
        if !k.plain { frame.allPlain = false }
        if count < TapeParser.scanLimit {
            let length = k.end - k.start
            for x in frame.base..<keys.count {
                let other = keys[x]
                if other.plain && k.plain && (other.hash != k.hash || other.end - other.start != length) { continue }
                if sameText(other, k) { return Int(other.start) }
            }
            return nil
        }
        if frame.byHash == nil && frame.byText == nil {
            if keys[frame.base...].allSatisfy(\.plain) {
                var table: [UInt64: Int] = [:]
                for x in frame.base..<keys.count { table[TapeParser.hash64(b, keys[x])] = x }
                frame.byHash = table
            } else {
                frame.byText = textTable(frame)
            }
        }
        if frame.byHash != nil {
            if k.plain {
                let h = TapeParser.hash64(b, k)
                guard let x = frame.byHash![h] else {
                    frame.byHash![h] = keys.count
                    return nil
                }
                if sameText(keys[x], k) { return Int(keys[x].start) }
            }
            // A key that is not plain, or a 64-bit hash collision: compare by text from now on.
            frame.byHash = nil
            frame.byText = textTable(frame)
        }
        let t = text(k)
        if let x = frame.byText![t] { return Int(keys[x].start) }
        frame.byText![t] = keys.count
        return nil
    }

    func textTable(_ frame: KeyFrame) -> [String: Int] {
        var table: [String: Int] = [:]
        for x in frame.base..<keys.count { table[text(keys[x])] = x }
        return table
    }
}
