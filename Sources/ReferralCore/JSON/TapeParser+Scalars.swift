/// Strings and numbers of `TapeParser`: scanned in place, validated, never copied.
extension TapeParser {
    /// The offset of the first byte from `i` on that is `"`, `\`, a control character or not
    /// ASCII (or the end): eight bytes at a time, then one by one.
    @inline(__always) func plainRun(from i: Int) -> Int { TapeParser.plainRun(b, from: i) }

    /// `plainRun(from:)` in any buffer (the case loader's fast path reads strings with it too).
    @inline(__always) static func plainRun(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var i = i
        let high: UInt64 = 0x8080_8080_8080_8080, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while i + 8 <= b.count {
            let x = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
            let q = x ^ 0x2222_2222_2222_2222, s = x ^ 0x5C5C_5C5C_5C5C_5C5C
            // High bit set in a byte: that byte is a quote, a backslash, below 0x20 or above 0x7F
            // (exact for every byte: no carries between bytes).
            let isQuote = ~(((q & low) &+ low) | q), isSlash = ~(((s & low) &+ low) | s)
            let below20 = ~((x & low) &+ 0x6060_6060_6060_6060)
            let stops = (isQuote | isSlash | below20 | x) & high
            if stops != 0 { return i + stops.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < b.count {
            let c = b[i]
            if c < 0x20 || c == 0x22 || c == 0x5C || c >= 0x80 { return i }
            i += 1
        }
        return i
    }

    /// Scans a string from its opening quote to after its closing quote. Returns whether it has
    /// escapes and whether any raw byte is not ASCII. UTF-8 is checked chunk by chunk (between
    /// escapes), and an invalid chunk is reported at the string's start once the string is
    /// complete, as the reference parser does.
    mutating func string() throws(SyntaxError) -> (escaped: Bool, nonASCII: Bool) {
        let start = i
        i += 1
        var escaped = false, nonASCII = false, invalid = false
        var chunkStart = i, chunkNonASCII = false
        while true {
            i = plainRun(from: i)
            guard i < b.count else { throw fail("unterminated string", at: start) }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                if chunkNonASCII && !TapeParser.isValidUTF8(b, chunkStart, i) { invalid = true }
                i += 1
                if invalid { throw fail("a string is not valid UTF-8 (save the file as UTF-8)", at: start) }
                return (escaped, nonASCII)
            }
            if c >= 0x80 {
                nonASCII = true
                chunkNonASCII = true
                i += 1
                continue
            }
            if c < 0x20 { throw fail("control character in a string (write it as an escape such as \\n)") }
            // A backslash: the chunk before it is complete.
            if chunkNonASCII && !TapeParser.isValidUTF8(b, chunkStart, i) { invalid = true }
            escaped = true
            i += 1
            guard i < b.count else { throw fail("unterminated string", at: start) }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                break
            case UInt8(ascii: "u"):
                let scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate in \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate in \\u escape") }
                    nonASCII = true
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("unpaired surrogate in \\u escape")
                } else if scalar >= 0x80 {
                    nonASCII = true
                }
            default:
                throw fail(echo ? "invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string" : "invalid escape in a string",
                           at: i - 2)
            }
            chunkStart = i
            chunkNonASCII = false
        }
    }

    mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard i + 4 <= b.count else { throw fail("incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw fail("invalid hex digit in \\u escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    /// Whether `b[from..<to]` is well-formed UTF-8 (Unicode table 3-7: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), as `String(validating:)` decides.
    static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var k = from
        func cont(_ x: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { x < to && b[x] >= lo && b[x] <= hi }
        while k < to {
            let c = b[k]
            if c < 0x80 {
                k += 1
                continue
            }
            switch c {
            case 0xC2...0xDF:
                guard cont(k + 1) else { return false }
                k += 2
            case 0xE0:
                guard cont(k + 1, 0xA0), cont(k + 2) else { return false }
                k += 3
            case 0xE1...0xEC, 0xEE...0xEF:
                guard cont(k + 1), cont(k + 2) else { return false }
                k += 3
            case 0xED:
                guard cont(k + 1, 0x80, 0x9F), cont(k + 2) else { return false }
                k += 3
            case 0xF0:
                guard cont(k + 1, 0x90), cont(k + 2), cont(k + 3) else { return false }
                k += 4
            case 0xF1...0xF3:
                guard cont(k + 1), cont(k + 2), cont(k + 3) else { return false }
                k += 4
            case 0xF4:
                guard cont(k + 1, 0x80, 0x8F), cont(k + 2), cont(k + 3) else { return false }
                k += 4
            default:
                return false
            }
        }
        return true
    }

    mutating func number() throws(SyntaxError) {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { throw fail("invalid number: expected a digit", at: start) }
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if i < b.count, isDigit(b[i]) { throw fail("invalid number: leading zeros are not allowed", at: start) }
        } else {
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < b.count, isDigit(b[i]) else { throw fail("invalid number: expected a digit after '.'", at: start) }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count, isDigit(b[i]) else { throw fail("invalid number: expected an exponent", at: start) }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
    }

    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
