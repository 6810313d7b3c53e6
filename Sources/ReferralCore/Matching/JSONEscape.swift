/// JSON strings and numbers as bytes: the one escaper and number formatter of the package's JSON
/// writers (the plan's `SortedJSONWriter`, ReferralExchange's `JSONOut`).
///
/// A string is copied in runs: `firstSpecial` finds the next byte that must be escaped (a quote,
/// a backslash or a control character) eight bytes at a time, everything before it is copied at
/// once, and only that byte is escaped. Text is written as it is otherwise (`/` and non-ASCII
/// characters included), as Foundation's `JSONEncoder` does with `.withoutEscapingSlashes`.
public enum JSONEscape {
    /// How control characters other than `\n`, `\r` and `\t` are escaped.
    public enum Style: Sendable {
        /// As `JSONEncoder`: `\b` and `\f` too, every other control character as `\u00XX`.
        case foundation
        /// The shortest set RFC 8259 needs: `\"`, `\\`, `\n`, `\r`, `\t`, the rest as `\u00XX`.
        case minimal
    }

    /// Appends `s` as a JSON string, quotes included.
    public static func quote(_ s: String, style: Style = .foundation, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { u in
            var start = 0
            while start < u.count {
                let i = firstSpecial(in: u, from: start)
                if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i])) }
                guard i < u.count else { break }
                escape(u[i], style: style) { out.append($0) }
                start = i + 1
            }
        }
        out.append(0x22)
    }

    /// The index of the first byte at or after `from` that must be escaped, or `bytes.count`.
    @inlinable
    public static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var i = from
        let n = bytes.count
        let raw = UnsafeRawPointer(base)
        // Eight bytes at a time: a byte below 0x20, equal to 0x22 or to 0x5C sets its high bit in
        // `hit` (a borrow may set a later one too: the bytes are then looked at one by one).
        while i + 8 <= n {
            if mayHoldSpecial(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                for j in i..<(i + 8) where isSpecial(base[j]) { return j }
            }
            i += 8
        }
        while i < n {
            if isSpecial(base[i]) { return i }
            i += 1
        }
        return n
    }

    /// Whether eight bytes (a little-endian word) may hold a byte to escape: never false when one
    /// does (a byte below 0x20, equal to 0x22 or to 0x5C sets its high bit in the test); a borrow
    /// may make it true for bytes after one that does, so the caller confirms byte by byte.
    @inlinable @inline(__always)
    public static func mayHoldSpecial(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = x ^ (ones &* 0x22)
        let backslash = x ^ (ones &* 0x5C)
        return (((x &- ones &* 0x20) & ~x) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs != 0
    }

    /// Whether a byte must be escaped in a JSON string.
    @inlinable @inline(__always)
    public static func isSpecial(_ c: UInt8) -> Bool { c < 0x20 || c == 0x22 || c == 0x5C }

    /// Writes the escape of one byte that `firstSpecial` found, byte by byte.
    public static func escape(_ c: UInt8, style: Style, _ write: (UInt8) -> Void) {
        write(0x5C)
        switch c {
        case 0x22, 0x5C: write(c)
        case 0x0A: write(0x6E)
        case 0x0D: write(0x72)
        case 0x09: write(0x74)
        case 0x08 where style == .foundation: write(0x62)
        case 0x0C where style == .foundation: write(0x66)
        default:
            let hex: StaticString = "0123456789abcdef"
            write(0x75); write(0x30); write(0x30)
            write(hex.utf8Start[Int(c >> 4)])
            write(hex.utf8Start[Int(c & 0xF)])
        }
    }

    /// Appends an integer in decimal, without building a `String`.
    public static func number(_ n: Int, into out: inout [UInt8]) {
        withDigits(n) { out.append(contentsOf: $0) }
    }

    /// Appends a number as `JSONEncoder` writes a `Double`: Swift's shortest description, without
    /// a trailing `.0` (so `3.0` is `3`, `-2.5` is `-2.5`).
    public static func number(_ d: Double, into out: inout [UInt8]) {
        withDigits(d) { out.append(contentsOf: $0) }
    }

    /// The decimal digits of `n`, in a buffer on the stack.
    @inlinable
    public static func withDigits<R>(_ n: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
            var v = n.magnitude
            var i = 20
            repeat {
                i -= 1
                buf[i] = 0x30 + UInt8(v % 10)
                v /= 10
            } while v != 0
            if n < 0 {
                i -= 1
                buf[i] = 0x2D
            }
            return body(UnsafeBufferPointer(rebasing: buf[i..<20]))
        }
    }

    /// A `Double` as `JSONEncoder` writes it (see `number(_:into:)`).
    public static func withDigits<R>(_ d: Double, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // A whole number well inside Int's range prints as its digits (the description would add
        // ".0", which is dropped); -0.0 keeps its sign through the description.
        if d == d.rounded(.towardZero), d.magnitude < 1e15, d != 0 || d.sign == .plus {
            return withDigits(Int(d), body)
        }
        var s = d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s.withUTF8 { body($0) }
    }
}
