/// Byte-level text helpers for the import's hot paths: Foundation's `contains` and
/// `replacingOccurrences` go through NSString and were a fifth of an import's instructions.
extension String {
    /// Whether `needle` occurs in the text (UTF-8 bytes, exact).
    func hasBytes(_ needle: String) -> Bool {
        var hay = self, pin = needle
        return hay.withUTF8 { h in
            pin.withUTF8 { n in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Every occurrence of `from` replaced by `to` (UTF-8 bytes, exact); the text itself when
    /// `from` does not occur.
    func replacingBytes(_ from: String, with to: String) -> String {
        guard !from.isEmpty, hasBytes(from) else { return self }
        let h = Array(utf8), n = Array(from.utf8), r = Array(to.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(h.count)
        var i = 0
        while i < h.count {
            if i + n.count <= h.count, h[i] == n[0], h[i..<(i + n.count)].elementsEqual(n) {
                out.append(contentsOf: r)
                i += n.count
            } else {
                out.append(h[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (ASCII only; cheaper than Foundation's
    /// `trimmingCharacters`, which the import called for every value).
    func trimmedSpaces() -> String {
        var first: UInt8 = 0, last: UInt8 = 0, n = 0
        for b in utf8 {
            if n == 0 { first = b }
            last = b
            n += 1
        }
        if n == 0 || (first != 32 && first != 9 && last != 32 && last != 9) { return String(self) }
        let b = Array(utf8)
        var start = 0, end = b.count
        while start < end, b[start] == 32 || b[start] == 9 { start += 1 }
        while end > start, b[end - 1] == 32 || b[end - 1] == 9 { end -= 1 }
        return String(decoding: b[start..<end], as: UTF8.self)
    }
}
