// The values of `CleanCaseReader`: white space, literals, plain strings, closed vocabularies,
// lists, numbers and ages, each read straight from the bytes; anything outside the plainly clean
// subset is a `Miss`. The objects and their fields are in CleanCaseReader.swift.

extension CleanCaseReader {
    mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            i += 1
        }
    }

    mutating func expect(_ c: UInt8) throws(Miss) {
        guard i < b.count, b[i] == c else { throw Miss() }
        i += 1
    }

    mutating func literal(_ word: StaticString) throws(Miss) {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw Miss() }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { throw Miss() }
        i += n
    }

    /// A string of printable ASCII without escapes: its content's range.
    mutating func plain() throws(Miss) -> Range<Int> {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw Miss() }
        let end = TapeParser.plainRun(b, from: i + 1)
        guard end < b.count, b[end] == UInt8(ascii: "\"") else { throw Miss() }
        defer { i = end + 1 }
        return (i + 1)..<end
    }

    mutating func string() throws(Miss) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[try plain()]), as: UTF8.self)
    }

    mutating func value<E: ByteMatched>(_ table: RawValueTable<E>) throws(Miss) -> E {
        guard let e = table.match(b, try plain()) else { throw Miss() }
        return e
    }

    mutating func bool() throws(Miss) -> Bool {
        guard i < b.count else { throw Miss() }
        if b[i] == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// An array of plain strings: their contents' ranges, in `spans` (kept from list to list, so
    /// that reading a list allocates only the list made of it).
    mutating func list() throws(Miss) {
        spans.removeAll(keepingCapacity: true)
        try expect(UInt8(ascii: "["))
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1
            return
        }
        while true {
            skipSpace()
            spans.append(try plain())
            skipSpace()
            guard i < b.count else { throw Miss() }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                return
            }
            guard b[i] == UInt8(ascii: ",") else { throw Miss() }
            i += 1
        }
    }

    mutating func strings() throws(Miss) -> [String] {
        try list()
        let b = b
        return spans.map { String(decoding: UnsafeBufferPointer(rebasing: b[$0]), as: UTF8.self) }
    }

    mutating func values<E: ByteMatched>(_ table: RawValueTable<E>) throws(Miss) -> [E] {
        try list()
        var out: [E] = []
        out.reserveCapacity(spans.count)
        for r in spans {
            guard let e = table.match(b, r) else { throw Miss() }
            out.append(e)
        }
        return out
    }

    /// A number in JSON's grammar (as `TapeParser.number` reads it): its range, and whether it has
    /// neither a fraction nor an exponent.
    mutating func number() throws(Miss) -> (range: Range<Int>, whole: Bool) {
        let start = i
        func isDigit(_ at: Int) -> Bool { at < b.count && b[at] >= 0x30 && b[at] <= 0x39 }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { throw Miss() }
        if b[i] == 0x30 {
            i += 1
            if isDigit(i) { throw Miss() }
        } else {
            while isDigit(i) { i += 1 }
        }
        var whole = true
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { throw Miss() }
            while isDigit(i) { i += 1 }
            whole = false
        }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { throw Miss() }
            while isDigit(i) { i += 1 }
            whole = false
        }
        return (start..<i, whole)
    }

    /// A whole number written as plain digits (at most 18, as `TokenReader.intValue` reads them
    /// directly); `1.0` or `1e0` are left to the decoder.
    mutating func integer() throws(Miss) -> Int {
        let (r, whole) = try number()
        let negative = b[r.lowerBound] == UInt8(ascii: "-")
        let digits = r.count - (negative ? 1 : 0)
        guard whole, digits <= 18 else { throw Miss() }
        var value = 0
        for k in (r.upperBound - digits)..<r.upperBound { value = value * 10 + Int(b[k] - 0x30) }
        return negative ? -value : value
    }

    mutating func double() throws(Miss) -> Double {
        let r = try number().range
        if let x = Self.shortDecimal(UnsafeBufferPointer(rebasing: b[r])) { return x }
        guard let x = Double(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)), x.isFinite else {
            throw Miss()
        }
        return x
    }

    static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { x, _ in x * 10 } }

    /// A number of at most 15 digits without an exponent (`442.5`, `-3`), as `Double(text)` reads
    /// it: its digits as a whole number divided by a power of ten, both exact in a `Double`, so the
    /// one rounding of the division is the correctly rounded value of the text; nil for any other.
    static func shortDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var m: Int64 = 0, digits = 0, fraction = 0, point = false
        for (k, c) in text.enumerated() {
            if c >= 0x30 && c <= 0x39 {
                m = m * 10 + Int64(c - 0x30)
                digits += 1
                if point { fraction += 1 }
            } else if c == UInt8(ascii: ".") && !point {
                point = true
            } else if !(c == UInt8(ascii: "-") && k == 0) {
                return nil
            }
            if digits > 15 { return nil }
        }
        let x = Double(m) / powersOfTen[fraction]
        return text.first == UInt8(ascii: "-") ? -x : x
    }

    /// An age in years, or a band of one to three digits each side (`15-17`), within 0...130.
    mutating func age() throws(Miss) -> AgeValue {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else {
            let years = try integer()
            guard (0...130).contains(years) else { throw Miss() }
            return AgeValue(years: years)
        }
        var low = 0, high = 0, dash = false, digits = 0
        for k in try plain() {
            let c = b[k]
            if c >= 0x30 && c <= 0x39 && digits < 3 {
                high = high * 10 + Int(c - 0x30)
                digits += 1
            } else if c == UInt8(ascii: "-") && !dash && digits > 0 {
                (low, high, dash, digits) = (high, 0, true, 0)
            } else {
                throw Miss()
            }
        }
        guard dash, digits > 0, low <= high, high <= 130 else { throw Miss() }
        return AgeValue(min: low, max: high)
    }
}
