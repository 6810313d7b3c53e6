/// A parsed JSON value as a flat array of tokens, in document order, over the source bytes.
///
/// Nothing is boxed or copied while parsing: a string is a byte range of the source until a
/// decoder asks for its text, a number keeps its source text, and a container knows the index
/// of the token after its last descendant (`next`), so a decoder skips a whole value in one step.
/// An object's tokens are its members in order, each a key token (a string) followed by the
/// value's tokens.
struct JSONToken: Sendable {
    enum Kind: UInt8, Sendable {
        case null, `false`, `true`, number, string, array, object
    }
    var kind: Kind
    /// Strings: the text holds escapes, so its content is not the raw bytes.
    var escaped: Bool
    /// Strings: some byte of the raw text is not ASCII.
    var nonASCII: Bool
    /// Byte offset of the first character (the quote of a string, the bracket of a container).
    var start: Int32
    /// Byte offset after the last character.
    var end: Int32
    /// Index of the token after this value and everything inside it.
    var next: Int32
    /// Containers: the number of members or items. Keys: a hash of the raw text.
    var aux: UInt32

    /// Strings whose text is exactly their raw bytes, all ASCII: compared byte for byte.
    var isPlain: Bool { !escaped && !nonASCII }

    var kindName: String {
        switch kind {
        case .null: "null"
        case .false, .true: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A whole parsed document: the source and its tokens, shared (read-only) by the decoders and
/// the `Locator`s made from it.
final class JSONDocument: Sendable {
    let file: SourceFile
    let tokens: [JSONToken]
    /// For each array token, where its items' token indices start in `items`: so that item `n`
    /// of an array is found in one step (`loc["areas"][i]` for each of 10,000 areas stays linear).
    private let itemsBase: [Int32]
    private let items: [Int32]

    init(file: SourceFile, tokens: [JSONToken]) {
        self.file = file
        self.tokens = tokens
        var base = [Int32](repeating: 0, count: tokens.count)
        var items: [Int32] = []
        for a in tokens.indices where tokens[a].kind == .array {
            base[a] = Int32(truncatingIfNeeded: items.count)
            var k = a + 1
            let end = Int(tokens[a].next)
            while k < end {
                items.append(Int32(truncatingIfNeeded: k))
                k = Int(tokens[k].next)
            }
        }
        self.itemsBase = base
        self.items = items
    }

    /// The token of item `n` of the array at `index` (`n` must be within its count).
    func item(_ n: Int, of index: Int) -> Int { Int(items[Int(itemsBase[index]) + n]) }

    /// Byte offset where the value of token `index` starts.
    func start(_ index: Int) -> Int { Int(tokens[index].start) }

    /// Parses `file` whole; the root value is token 0.
    static func parse(_ file: SourceFile, echo: Bool = true) throws(JSONParser.SyntaxError) -> JSONDocument {
        JSONDocument(file: file, tokens: try TapeParser.parseDocument(file.bytes, echo: echo))
    }

    /// Parses the one value that starts at `offset` of `file` (an element of a list read earlier,
    /// so known to be well-formed).
    static func parseValue(_ file: SourceFile, at offset: Int) -> JSONDocument? {
        guard let tokens = try? TapeParser.parseValue(file.bytes, at: offset) else { return nil }
        return JSONDocument(file: file, tokens: tokens)
    }
}

/// Reading tokens: text of strings, members of objects, items of arrays.
extension Array where Element == JSONToken {
    /// The members of the object at `index`: (key token, value token) pairs, in order.
    func members(of index: Int) -> [(key: Int, value: Int)] {
        var out: [(Int, Int)] = []
        out.reserveCapacity(Int(self[index].aux))
        var k = index + 1
        let end = Int(self[index].next)
        while k < end {
            out.append((k, k + 1))
            k = Int(self[k + 1].next)
        }
        return out
    }

    /// The items of the array at `index`, in order.
    func items(of index: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(Int(self[index].aux))
        var k = index + 1
        let end = Int(self[index].next)
        while k < end {
            out.append(k)
            k = Int(self[k].next)
        }
        return out
    }

    /// The value of the member named `name` of the object at `index`, or nil.
    func member(_ name: String, of index: Int, in bytes: [UInt8]) -> Int? {
        var k = index + 1
        let end = Int(self[index].next)
        while k < end {
            if keyEquals(k, name, in: bytes) { return k + 1 }
            k = Int(self[k + 1].next)
        }
        return nil
    }

    /// Whether the string token at `k` has the text `name` (compared as `String ==` does:
    /// canonically equivalent texts are equal).
    func keyEquals(_ k: Int, _ name: String, in bytes: [UInt8]) -> Bool {
        let t = self[k]
        if t.isPlain {
            // A plain key equals an ASCII name only byte for byte (ASCII is its own normal form);
            // a name that is not ASCII is compared as text.
            var u = name.utf8.makeIterator()
            var i = Int(t.start) + 1
            let e = Int(t.end) - 1
            while i < e {
                guard let c = u.next() else { return false }
                if c != bytes[i] { return c >= 0x80 ? string(k, in: bytes) == name : false }
                i += 1
            }
            guard let extra = u.next() else { return true }
            return extra >= 0x80 ? string(k, in: bytes) == name : false
        }
        return string(k, in: bytes) == name
    }

    /// The text of the string token at `index`.
    func string(_ index: Int, in bytes: [UInt8]) -> String {
        let t = self[index]
        let from = Int(t.start) + 1, to = Int(t.end) - 1
        if !t.escaped { return String(decoding: bytes[from..<to], as: UTF8.self) }
        return String(decoding: unescape(bytes, from..<to), as: UTF8.self)
    }

    /// The source text of the number token at `index`.
    func numberText(_ index: Int, in bytes: [UInt8]) -> String {
        String(decoding: bytes[Int(self[index].start)..<Int(self[index].end)], as: UTF8.self)
    }
}

/// The bytes of a string's content with its escapes resolved (the content is known to be valid).
func unescape(_ b: [UInt8], _ range: Range<Int>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var i = range.lowerBound
    func hex4(_ at: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt8 = c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10
            v = v * 16 + UInt32(d)
        }
        return v
    }
    while i < range.upperBound {
        let c = b[i]
        guard c == UInt8(ascii: "\\") else {
            out.append(c)
            i += 1
            continue
        }
        let e = b[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = hex4(i)
            i += 4
            if (0xD800...0xDBFF).contains(scalar) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex4(i + 2) - 0xDC00)
                i += 6
            }
            appendUTF8(scalar, to: &out)
        default: out.append(e)  // \" \\ \/
        }
    }
    return out
}

func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
    switch v {
    case ..<0x80: out.append(UInt8(v))
    case ..<0x800: out += [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)]
    case ..<0x10000: out += [UInt8(0xE0 | v >> 12), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
    default: out += [UInt8(0xF0 | v >> 18), UInt8(0x80 | v >> 12 & 0x3F), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
    }
}

extension JSONNode {
    /// The tree of the value at token `index` (for callers that want a tree: small documents).
    init(tokens t: [JSONToken], _ index: Int, bytes: [UInt8]) {
        let tok = t[index]
        let offset = Int(tok.start)
        switch tok.kind {
        case .null: self.init(value: .null, offset: offset)
        case .false: self.init(value: .bool(false), offset: offset)
        case .true: self.init(value: .bool(true), offset: offset)
        case .number: self.init(value: .number(t.numberText(index, in: bytes)), offset: offset)
        case .string: self.init(value: .string(t.string(index, in: bytes)), offset: offset)
        case .array: self.init(value: .array(t.items(of: index).map { JSONNode(tokens: t, $0, bytes: bytes) }), offset: offset)
        case .object:
            self.init(value: .object(t.members(of: index).map {
                JSONMember(key: t.string($0.key, in: bytes), keyOffset: Int(t[$0.key].start),
                           value: JSONNode(tokens: t, $0.value, bytes: bytes))
            }), offset: offset)
        }
    }
}
