/// Test support for the broken-input battery: finds every value of a well-formed JSON text with its
/// JSON path and byte ranges, so mutations can be spliced in at exact places.
///
/// Deliberately independent of the engine's parser (the code under test): a small recursive
/// scanner for valid input only.
struct JSONSite {
    enum Kind: String { case object, array, string, number, bool, null }
    var path: String
    /// Byte range of the member's key, quotes included (nil for array items and the root).
    var key: Range<Int>?
    var keyName: String?
    /// Byte range of the value.
    var value: Range<Int>
    var kind: Kind
}

struct JSONSiteScanner {
    let b: [UInt8]
    var i = 0
    var sites: [JSONSite] = []

    static func sites(_ bytes: [UInt8]) -> [JSONSite] {
        var s = JSONSiteScanner(b: bytes)
        s.space()
        s.value(path: "$", key: nil, keyName: nil)
        return s.sites
    }

    mutating func space() {
        while i < b.count, [0x20, 0x0A, 0x0D, 0x09].contains(b[i]) { i += 1 }
    }

    mutating func string() -> String {
        let start = i
        i += 1
        while b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
        i += 1
        return String(decoding: b[(start + 1)..<(i - 1)], as: UTF8.self)
    }

    mutating func value(path: String, key: Range<Int>?, keyName: String?) {
        let start = i
        let index = sites.count
        sites.append(JSONSite(path: path, key: key, keyName: keyName, value: start..<start, kind: .null))
        var kind = JSONSite.Kind.null
        switch b[i] {
        case UInt8(ascii: "{"):
            kind = .object
            i += 1
            space()
            while b[i] != UInt8(ascii: "}") {
                let ks = i
                let name = string()
                let kr = ks..<i
                space()
                i += 1  // ':'
                space()
                value(path: path + "." + name, key: kr, keyName: name)
                space()
                if b[i] == UInt8(ascii: ",") { i += 1; space() }
            }
            i += 1
        case UInt8(ascii: "["):
            kind = .array
            i += 1
            space()
            var n = 0
            while b[i] != UInt8(ascii: "]") {
                value(path: path + "[\(n)]", key: nil, keyName: nil)
                n += 1
                space()
                if b[i] == UInt8(ascii: ",") { i += 1; space() }
            }
            i += 1
        case UInt8(ascii: "\""):
            kind = .string
            _ = string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            kind = .bool
            while i < b.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b[i]) { i += 1 }
        case UInt8(ascii: "n"):
            i += 4
        default:
            kind = .number
            while i < b.count, "0123456789+-.eE".utf8.contains(b[i]) { i += 1 }
        }
        sites[index].value = start..<i
        sites[index].kind = kind
    }
}

extension Array where Element == UInt8 {
    /// The text with `range` replaced by `text`.
    func replacing(_ range: Range<Int>, with text: String) -> [UInt8] {
        var out = self
        out.replaceSubrange(range, with: Array(text.utf8))
        return out
    }

    func inserting(_ text: String, at offset: Int) -> [UInt8] { replacing(offset..<offset, with: text) }

    /// The JSON text without any white space outside strings (one long line).
    var minified: [UInt8] {
        var out: [UInt8] = []
        var inString = false
        var i = 0
        while i < count {
            let c = self[i]
            if inString {
                out.append(c)
                if c == UInt8(ascii: "\\") { out.append(self[i + 1]); i += 1 } else if c == UInt8(ascii: "\"") { inString = false }
            } else if c == UInt8(ascii: "\"") {
                inString = true
                out.append(c)
            } else if ![0x20, 0x0A, 0x0D, 0x09].contains(c) {
                out.append(c)
            }
            i += 1
        }
        return out
    }
}
