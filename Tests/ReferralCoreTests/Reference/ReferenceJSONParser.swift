@testable import ReferralCore

/// The JSON parser as it was before the flat-token parser (commit ccaeddf), kept unchanged as the
/// reference of the differential tests: same input, same tree or same syntax error (offset,
/// message, related offset). Do not "fix" it: it defines the behaviour the new parser keeps.
/// A strict JSON parser producing `JSONNode`s with offsets.
struct ReferenceJSONParser {
    /// Deeper nesting than this is refused; no pathway or case needs more than a dozen levels.
    /// Objects with fewer fields than this are checked for duplicate names by a scan.
    static let scanLimit = 16

    typealias SyntaxError = JSONParser.SyntaxError

    private let b: [UInt8]
    private var i = 0
    private var depth = 0
    /// False for input that may hold personal data (a case): no message quotes any of it.
    private let echo: Bool

    private init(_ bytes: [UInt8], echo: Bool) {
        self.b = bytes
        self.echo = echo
    }

    /// Parses a whole document: exactly one value, optionally surrounded by white space. With
    /// `echo` false, no message contains any text from the input (not a field name, not a
    /// character of it other than JSON punctuation).
    static func parse(_ bytes: [UInt8], echo: Bool = true) throws(SyntaxError) -> JSONNode {
        var p = ReferenceJSONParser(bytes, echo: echo)
        // A UTF-8 byte order mark at the very start is accepted and skipped (spreadsheet tools and
        // Windows editors write one; Pathways/README.md §3). A UTF-16 file is refused by name.
        if startsWithByteOrderMark(bytes) { p.i = 3 }
        if bytes.count >= 2, bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF {
            throw p.fail("the file is UTF-16, not UTF-8 (save it as UTF-8)", at: 0)
        }
        p.skipSpace()
        let v = try p.parseValue()
        p.skipSpace()
        if p.i < p.b.count { throw p.fail("unexpected content after the end of the JSON value") }
        return v
    }

    private func fail(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(offset: offset ?? i, message: message)
    }

    private mutating func skipSpace() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private func describeHere() -> String {
        guard i < b.count else { return "the end of the file" }
        let c = b[i]
        if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBB, b[i + 2] == 0xBF {
            return "a byte order mark (U+FEFF), which may only stand at the very start of the file"
        }
        if !echo && !"{}[],:\"".utf8.contains(c) { return "an unexpected character" }
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16, uppercase: true))"
    }

    private mutating func parseValue() throws(SyntaxError) -> JSONNode {
        guard i < b.count else { throw fail("expected a value but found the end of the file") }
        let start = i
        switch b[i] {
        case UInt8(ascii: "{"): return JSONNode(value: try parseObject(), offset: start)
        case UInt8(ascii: "["): return JSONNode(value: try parseArray(), offset: start)
        case UInt8(ascii: "\""): return JSONNode(value: .string(try parseString()), offset: start)
        case UInt8(ascii: "t"): try literal("true"); return JSONNode(value: .bool(true), offset: start)
        case UInt8(ascii: "f"): try literal("false"); return JSONNode(value: .bool(false), offset: start)
        case UInt8(ascii: "n"): try literal("null"); return JSONNode(value: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(value: .number(try parseNumber()), offset: start)
        default:
            throw fail("expected a value but found \(describeHere())")
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let start = i
        let w = word.withUTF8Buffer { Array($0) }
        for c in w {
            guard i < b.count, b[i] == c else {
                throw fail("invalid literal: expected '\(word)' (strings need double quotes)", at: start)
            }
            i += 1
        }
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw fail("nesting deeper than \(JSONParser.maxDepth) levels") }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONNode.Value {
        try enter()
        defer { depth -= 1 }
        i += 1
        var members: [JSONMember] = []
        var seen: [String: Int] = [:]
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipSpace()
            guard i < b.count else { throw fail("unterminated object: expected '}'") }
            guard b[i] == UInt8(ascii: "\"") else {
                if b[i] == UInt8(ascii: "}") { throw fail("trailing comma before '}'") }
                throw fail("expected a field name in double quotes but found \(describeHere())")
            }
            let keyOffset = i
            let key = try parseString()
            // Most objects have a handful of fields: a scan beats hashing every key.
            if members.count == ReferenceJSONParser.scanLimit { for m in members { seen[m.key] = m.keyOffset } }
            let first = members.count < ReferenceJSONParser.scanLimit ? members.first { $0.key == key }?.keyOffset : seen[key]
            if let first {
                var e = fail(echo ? "duplicate field '\(key)' in the same object" : "duplicate field name in the same object",
                             at: keyOffset)
                e.related = first
                throw e
            }
            if members.count >= ReferenceJSONParser.scanLimit { seen[key] = keyOffset }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else {
                throw fail(echo ? "expected ':' after field name '\(key)' but found \(describeHere())"
                                : "expected ':' after a field name but found \(describeHere())")
            }
            i += 1
            skipSpace()
            let v = try parseValue()
            members.append(JSONMember(key: key, keyOffset: keyOffset, value: v))
            skipSpace()
            guard i < b.count else { throw fail("unterminated object: expected ',' or '}'") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            throw fail("expected ',' or '}' after a field value but found \(describeHere())")
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONNode.Value {
        try enter()
        defer { depth -= 1 }
        i += 1
        var items: [JSONNode] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            if i < b.count, b[i] == UInt8(ascii: "]") { throw fail("trailing comma before ']'") }
            items.append(try parseValue())
            skipSpace()
            guard i < b.count else { throw fail("unterminated array: expected ',' or ']'") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw fail("expected ',' or ']' after an array item but found \(describeHere())")
        }
    }

    private mutating func parseNumber() throws(SyntaxError) -> String {
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
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private mutating func parseString() throws(SyntaxError) -> String {
        let start = i
        i += 1
        // Fast path: no escapes, plain bytes; validated as UTF-8 below.
        var out: [UInt8] = []
        var chunkStart = i
        while true {
            guard i < b.count else { throw fail("unterminated string", at: start) }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                if out.isEmpty && chunkStart == start + 1 {
                    // No escapes (almost every string): validate the bytes in place, no copy.
                    let text = String(validating: b[chunkStart..<i], as: UTF8.self)
                    i += 1
                    guard let text else { throw fail("a string is not valid UTF-8 (save the file as UTF-8)", at: start) }
                    return text
                }
                out.append(contentsOf: b[chunkStart..<i])
                i += 1
                break
            }
            if c < 0x20 {
                throw fail("control character in a string (write it as an escape such as \\n)")
            }
            if c == UInt8(ascii: "\\") {
                out.append(contentsOf: b[chunkStart..<i])
                i += 1
                guard i < b.count else { throw fail("unterminated string", at: start) }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                            throw fail("unpaired surrogate in \\u escape")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate in \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("unpaired surrogate in \\u escape")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw fail(echo ? "invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string" : "invalid escape in a string",
                               at: i - 2)
                }
                chunkStart = i
                continue
            }
            i += 1
        }
        guard let s = String(validating: out, as: UTF8.self) else {
            throw fail("a string is not valid UTF-8 (save the file as UTF-8)", at: start)
        }
        return s
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
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
}
