// `TapeParser`: the parser's state, whole documents and values, and the steps of objects and
// arrays. Strings and numbers are in TapeParser+Scalars.swift, duplicate field names in
// TapeParser+Keys.swift.

/// The strict JSON parser (RFC 8259) behind `JSONParser`, `JSONDocument` and the streaming list
/// reader: bytes in, flat tokens out (`JSONToken`), every syntax error with its byte offset and
/// the same message whichever way the text is read.
///
/// Objects and arrays are parsed through small steps (`openObject`, `memberKey`, `endMember`,
/// `openArray`, `beforeItem`, `endItem`) that the recursive parser and the streaming reader of
/// `services.json` share, so a syntax error gets the same message and place in both. Duplicate
/// field names are found per object by a scan (small objects) or a hash table (large ones):
/// linear in the size of the input, and equal exactly when the names are equal as `String`s.
struct TapeParser {
    let b: UnsafeBufferPointer<UInt8>
    var i: Int
    var depth: Int
    let echo: Bool
    var tokens: [JSONToken] = []
    /// The keys of the objects being parsed, innermost last (for duplicate detection).
    var keys: [KeyRef] = []

    typealias SyntaxError = JSONParser.SyntaxError

    init(_ b: UnsafeBufferPointer<UInt8>, at i: Int = 0, depth: Int = 0, echo: Bool = true) {
        self.b = b
        self.i = i
        self.depth = depth
        self.echo = echo
    }

    /// Parses a whole document: one value, optionally surrounded by white space, after an
    /// optional UTF-8 byte order mark.
    static func parseDocument(_ bytes: [UInt8], echo: Bool) throws(SyntaxError) -> [JSONToken] {
        try bytes.withUnsafeBufferPointer { (buf) throws(SyntaxError) -> [JSONToken] in
            var p = TapeParser(buf, echo: echo)
            // About one token per eight bytes of compact JSON: a case's tokens in one allocation.
            p.tokens.reserveCapacity(min(buf.count / 8 + 16, 1 << 16))
            try p.documentStart()
            try p.value()
            try p.documentEnd()
            return p.tokens
        }
    }

    /// Parses the single value starting at `offset` (nesting counted from there).
    static func parseValue(_ bytes: [UInt8], at offset: Int) throws(SyntaxError) -> [JSONToken] {
        try bytes.withUnsafeBufferPointer { (buf) throws(SyntaxError) -> [JSONToken] in
            var p = TapeParser(buf, at: offset)
            try p.value()
            return p.tokens
        }
    }

    // MARK: document

    mutating func documentStart() throws(SyntaxError) {
        // A UTF-8 byte order mark at the very start is accepted and skipped (Pathways/README.md §3).
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        if b.count >= 2, b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF {
            throw fail("the file is UTF-16, not UTF-8 (save it as UTF-8)", at: 0)
        }
        skipSpace()
    }

    mutating func documentEnd() throws(SyntaxError) {
        skipSpace()
        if i < b.count { throw fail("unexpected content after the end of the JSON value") }
    }

    func fail(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(offset: offset ?? i, message: message)
    }

    @inline(__always) mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            i += 1
        }
    }

    func describeHere() -> String {
        guard i < b.count else { return "the end of the file" }
        let c = b[i]
        if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBB, b[i + 2] == 0xBF {
            return "a byte order mark (U+FEFF), which may only stand at the very start of the file"
        }
        if !echo && !"{}[],:\"".utf8.contains(c) { return "an unexpected character" }
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16, uppercase: true))"
    }

    @inline(__always) mutating func append(_ kind: JSONToken.Kind, _ start: Int, escaped: Bool = false,
                                           nonASCII: Bool = false, aux: UInt32 = 0) -> Int
    {
        let index = tokens.count
        tokens.append(JSONToken(kind: kind, escaped: escaped, nonASCII: nonASCII, start: Int32(truncatingIfNeeded: start),
                                end: Int32(truncatingIfNeeded: i), next: Int32(truncatingIfNeeded: index + 1), aux: aux))
        return index
    }

    // MARK: values

    /// Parses one value into `tokens`.
    mutating func value() throws(SyntaxError) {
        guard i < b.count else { throw fail("expected a value but found the end of the file") }
        let start = i
        switch b[i] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""):
            let (escaped, nonASCII) = try string()
            _ = append(.string, start, escaped: escaped, nonASCII: nonASCII)
        case UInt8(ascii: "t"):
            try literal("true")
            _ = append(.true, start)
        case UInt8(ascii: "f"):
            try literal("false")
            _ = append(.false, start)
        case UInt8(ascii: "n"):
            try literal("null")
            _ = append(.null, start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            _ = append(.number, start)
        default:
            throw fail("expected a value but found \(describeHere())")
        }
    }

    mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let start = i
        for k in 0..<word.utf8CodeUnitCount {
            guard i < b.count, b[i] == word.utf8Start[k] else {
                throw fail("invalid literal: expected '\(word)' (strings need double quotes)", at: start)
            }
            i += 1
        }
    }

    mutating func object() throws(SyntaxError) {
        let index = append(.object, i)
        var frame = KeyFrame(base: keys.count)
        var count: UInt32 = 0
        if try !openObject() {
            repeat {
                let key = try memberKey(&frame)
                tokens.append(JSONToken(kind: .string, escaped: key.escaped, nonASCII: key.nonASCII,
                                        start: Int32(truncatingIfNeeded: key.start), end: Int32(truncatingIfNeeded: key.end),
                                        next: Int32(truncatingIfNeeded: tokens.count + 1), aux: key.hash))
                try value()
                count += 1
            } while try !endMember()
        }
        keys.removeSubrange(frame.base...)
        tokens[index].end = Int32(truncatingIfNeeded: i)
        tokens[index].next = Int32(truncatingIfNeeded: tokens.count)
        tokens[index].aux = count
    }

    mutating func array() throws(SyntaxError) {
        let index = append(.array, i)
        var count: UInt32 = 0
        if try !openArray() {
            repeat {
                try beforeItem()
                try value()
                count += 1
            } while try !endItem()
        }
        tokens[index].end = Int32(truncatingIfNeeded: i)
        tokens[index].next = Int32(truncatingIfNeeded: tokens.count)
        tokens[index].aux = count
    }

    mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw fail("nesting deeper than \(JSONParser.maxDepth) levels") }
    }

    // MARK: objects and arrays, step by step

    /// At `{`: enters it. Returns true if the object is empty (and then closed).
    mutating func openObject() throws(SyntaxError) -> Bool { try open(closedBy: UInt8(ascii: "}")) }

    /// At `{` or `[`: enters it. Returns true if `close` follows at once (it is then closed).
    @inline(__always) mutating func open(closedBy close: UInt8) throws(SyntaxError) -> Bool {
        try enter()
        i += 1
        skipSpace()
        if i < b.count, b[i] == close {
            i += 1
            depth -= 1
            return true
        }
        return false
    }

    struct Key {
        var start: Int
        var end: Int
        var escaped: Bool
        var nonASCII: Bool
        var hash: UInt32
    }

    /// Reads `"name":` and the white space after it, refusing a name already in the object.
    mutating func memberKey(_ frame: inout KeyFrame) throws(SyntaxError) -> Key {
        skipSpace()
        guard i < b.count else { throw fail("unterminated object: expected '}'") }
        guard b[i] == UInt8(ascii: "\"") else {
            if b[i] == UInt8(ascii: "}") { throw fail("trailing comma before '}'") }
            throw fail("expected a field name in double quotes but found \(describeHere())")
        }
        let start = i
        let (escaped, nonASCII) = try string()
        let h = TapeParser.keyHash(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[(start + 1)..<(i - 1)]))
        let ref = KeyRef(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), hash: h,
                         plain: !escaped && !nonASCII)
        if let first = duplicate(of: ref, in: &frame) {
            var e = fail(echo ? "duplicate field '\(text(ref))' in the same object" : "duplicate field name in the same object",
                         at: start)
            e.related = first
            throw e
        }
        keys.append(ref)
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: ":") else {
            throw fail(echo ? "expected ':' after field name '\(text(ref))' but found \(describeHere())"
                            : "expected ':' after a field name but found \(describeHere())")
        }
        i += 1
        skipSpace()
        return Key(start: start, end: Int(ref.end), escaped: escaped, nonASCII: nonASCII, hash: h)
    }

    /// After a member's value: `,` (returns false: another member follows) or `}` (returns true).
    mutating func endMember() throws(SyntaxError) -> Bool {
        try end(closedBy: UInt8(ascii: "}"), "unterminated object: expected ',' or '}'",
                "expected ',' or '}' after a field value")
    }

    /// At `[`: enters it. Returns true if the array is empty (and then closed).
    mutating func openArray() throws(SyntaxError) -> Bool { try open(closedBy: UInt8(ascii: "]")) }

    /// Before an item: refuses `]` right after a comma.
    mutating func beforeItem() throws(SyntaxError) {
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { throw fail("trailing comma before ']'") }
    }

    /// After an item: `,` (returns false) or `]` (returns true).
    mutating func endItem() throws(SyntaxError) -> Bool {
        try end(closedBy: UInt8(ascii: "]"), "unterminated array: expected ',' or ']'",
                "expected ',' or ']' after an array item")
    }

    /// After a member or an item: `,` (returns false: another follows) or `close` (returns true,
    /// and it is closed); else the error `unterminated` at the end of the file, or `expected`
    /// followed by what was found.
    @inline(__always) mutating func end(closedBy close: UInt8, _ unterminated: StaticString, _ expected: StaticString)
        throws(SyntaxError) -> Bool
    {
        skipSpace()
        guard i < b.count else { throw fail("\(unterminated)") }
        if b[i] == UInt8(ascii: ",") {
            i += 1
            return false
        }
        if b[i] == close {
            i += 1
            depth -= 1
            return true
        }
        throw fail("\(expected) but found \(describeHere())")
    }
}
