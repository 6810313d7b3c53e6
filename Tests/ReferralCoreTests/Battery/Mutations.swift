/// The mutations of the broken-input battery: every kind of malformed, unknown, duplicate and
/// wrong-type input, spliced into well-formed files at exact places.
struct Mutation {
    var name: String
    var bytes: [UInt8]
}

enum Mutations {
    /// Value-level mutations of every site `keep` selects: null, wrong types, unknown and misspelt
    /// values and fields, duplicates, deletions, escapes, numbers out of range.
    static func values(_ text: [UInt8], keep: (JSONSite) -> Bool) -> [Mutation] {
        var out: [Mutation] = []
        let all = JSONSiteScanner.sites(text)
        // The first member of each object: the key sites whose predecessor is the object itself.
        let firstMembers = Set(zip(all, all.dropFirst()).compactMap { a, b in a.kind == .object ? b.key?.lowerBound : nil })
        for s in all where s.path != "$" && keep(s) {
            func add(_ what: String, _ bytes: [UInt8]) { out.append(Mutation(name: "\(s.path) \(what)", bytes: bytes)) }
            let v = s.value
            add("null", text.replacing(v, with: "null"))
            switch s.kind {
            case .string:
                add("type", text.replacing(v, with: "42"))
                add("near", text.replacing((v.upperBound - 1)..<(v.upperBound - 1), with: "x"))
                add("far", text.replacing(v, with: "\"qqqq\""))
                if ["id", "pcode", "code", "caseCode", "name", "area"].contains(s.keyName ?? "") {
                    add("empty", text.replacing(v, with: "\"\""))
                }
                let content = String(decoding: text[(v.lowerBound + 1)..<(v.upperBound - 1)], as: UTF8.self)
                if !content.isEmpty, content.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\\") }) {
                    add("escaped", text.replacing(v, with: "\"" + unicodeEscaped(content) + "\""))
                }
            case .number:
                add("type", text.replacing(v, with: "\"7\""))
                add("fraction", text.replacing(v, with: "1.5"))
                add("zero-fraction", text.replacing(v, with: "1.0"))
                add("huge", text.replacing(v, with: "1e400"))
                add("negative", text.replacing(v, with: "-3"))
                add("bigint", text.replacing(v, with: "123456789012345678901234567890"))
            case .bool:
                add("type", text.replacing(v, with: "\"yes\""))
            case .array:
                add("type", text.replacing(v, with: "{}"))
                add("empty", text.replacing(v, with: "[]"))
                let items = JSONSiteScanner.sites(Array(text[v])).filter { $0.path.hasPrefix("$[0]") && $0.path == "$[0]" }
                if let first = items.first {
                    let r = (v.lowerBound + first.value.lowerBound)..<(v.lowerBound + first.value.upperBound)
                    add("item-null", text.replacing(r, with: "null"))
                    add("item-type", text.replacing(r, with: first.kind == .string ? "5" : "\"x\""))
                }
            case .object:
                add("type", text.replacing(v, with: "[]"))
                add("empty", text.replacing(v, with: "{}"))
                add("unknown-inside", text.inserting("\"zzUnknown\": 1, ", at: v.lowerBound + 1))
            case .null:
                add("type", text.replacing(v, with: "0"))
            }
            guard let k = s.key, let name = s.keyName else { continue }
            let member = String(decoding: text[k.lowerBound..<v.upperBound], as: UTF8.self)
            add("key-misspelt", text.replacing(k, with: "\"" + String(name.dropLast()) + "\""))
            if firstMembers.contains(k.lowerBound) {
                // The same for every member of an object: once per object.
                add("key-escaped", text.replacing(k, with: "\"" + unicodeEscaped(String(name.prefix(1))) + name.dropFirst() + "\""))
                add("key-extra", text.inserting("\"zzUnknown\": true, ", at: k.lowerBound))
            }
            add("key-duplicate", text.inserting(member + ", ", at: k.lowerBound))
            add("key-delete", deleteMember(text, k.lowerBound..<v.upperBound))
        }
        return out
    }

    static func unicodeEscaped(_ s: String) -> String {
        s.unicodeScalars.map { u in
            let h = String(u.value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - h.count)) + h
        }.joined()
    }

    /// Removes a member and the comma that separates it from its neighbour.
    static func deleteMember(_ text: [UInt8], _ r: Range<Int>) -> [UInt8] {
        var end = r.upperBound
        while end < text.count, [0x20, 0x0A, 0x0D, 0x09].contains(text[end]) { end += 1 }
        if end < text.count, text[end] == UInt8(ascii: ",") { return text.replacing(r.lowerBound..<(end + 1), with: "") }
        var start = r.lowerBound
        while start > 0, [0x20, 0x0A, 0x0D, 0x09].contains(text[start - 1]) { start -= 1 }
        if start > 0, text[start - 1] == UInt8(ascii: ",") { return text.replacing((start - 1)..<r.upperBound, with: "") }
        return text.replacing(r, with: "")
    }

    /// Syntax-level mutations of a whole file: every kind of malformed JSON, at the start, in the
    /// middle and at the end, and the same file minified (one long line) and with CRLF line ends.
    static func syntax(_ text: [UInt8], thorough: Bool) -> [Mutation] {
        var out: [Mutation] = []
        func add(_ name: String, _ bytes: [UInt8]) { out.append(Mutation(name: name, bytes: bytes)) }
        func offsets(of c: Character) -> [Int] {
            let u = Array(String(c).utf8)[0]
            return text.indices.filter { text[$0] == u && !inString(text, $0) }
        }
        func picks<T>(_ list: [T]) -> [(String, T)] {
            guard let first = list.first, let last = list.last else { return [] }
            return thorough ? [("first", first), ("middle", list[list.count / 2]), ("last", last)] : [("first", first), ("last", last)]
        }
        let sites = JSONSiteScanner.sites(text)
        let strings = sites.filter { $0.kind == .string }
        let numbers = sites.filter { $0.kind == .number }
        for (w, o) in picks(offsets(of: "]")) { add("trailing comma before ] (\(w))", text.inserting(",", at: o)) }
        for (w, o) in picks(offsets(of: "}")) { add("trailing comma before } (\(w))", text.inserting(",", at: o)) }
        for (w, o) in picks(offsets(of: ",")) {
            add("missing comma (\(w))", text.replacing(o..<(o + 1), with: " "))
            add("double comma (\(w))", text.inserting(",", at: o))
        }
        for (w, o) in picks(offsets(of: ":")) {
            add("missing colon (\(w))", text.replacing(o..<(o + 1), with: " "))
            add("equals for colon (\(w))", text.replacing(o..<(o + 1), with: "="))
        }
        for (w, o) in picks(offsets(of: "{")) {
            add("comment (\(w))", text.inserting("// note\n", at: o + 1))
            add("single-quoted key (\(w))", text.inserting("'q': 1, ", at: o + 1))
            add("unquoted key (\(w))", text.inserting("q: 1, ", at: o + 1))
        }
        for (w, s) in picks(strings.map(\.value.lowerBound)) {
            add("unterminated string (\(w))", Array(text[..<(s + 2)]))
            let insertions: [(String, String)] = [
                ("control character in string", "\u{01}"), ("tab in string", "\t"), ("newline in string", "\n"),
                ("bad escape", "\\x"), ("incomplete unicode escape", "\\u12"), ("bad hex in escape", "\\u12G4"),
                ("lone high surrogate", "\\ud800"), ("high surrogate then letter", "\\ud800a"),
                ("high surrogate then bad low", "\\ud800\\u0041"), ("lone low surrogate", "\\udc00"), ("escaped NUL", "\\u0000"),
                ("all escapes", "\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"), ("non-ASCII text", "é😀ü"),
            ]
            for (name, inserted) in insertions { add("\(name) (\(w))", text.inserting(inserted, at: s + 1)) }
            let badBytes: [(String, [UInt8])] = [
                ("invalid UTF-8 byte", [0xFF]), ("bad continuation byte", [0xC3, 0x28]), ("overlong encoding", [0xC0, 0xAF]),
                ("encoded surrogate", [0xED, 0xA0, 0x80]), ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
                ("truncated sequence", [0xE2, 0x82]),
            ]
            for (name, inserted) in badBytes {
                var bad = text
                bad.insert(contentsOf: inserted, at: s + 1)
                add("\(name) (\(w))", bad)
            }
        }
        for (w, n) in picks(numbers.map(\.value)) {
            for bad in ["01", "1.", "-", "1e", "+1", ".5", "1e+", "-01", "0x10", "NaN", "Infinity", "-Infinity", "1_000"] {
                add("number \(bad) (\(w))", text.replacing(n, with: bad))
            }
        }
        for (w, o) in picks(sites.filter { $0.kind == .bool || $0.kind == .null }.map(\.value)) {
            for bad in ["tru", "True", "nul", "NULL", "falsey", "undefined"] { add("literal \(bad) (\(w))", text.replacing(o, with: bad)) }
        }
        for p in [1, 10, 50, 90, 99] { add("truncated at \(p)%", Array(text[..<(text.count * p / 100)])) }
        add("empty file", [])
        add("white space only", Array(" \n\t\r\n".utf8))
        add("null document", Array("null".utf8))
        add("array document", Array("[]".utf8))
        add("string document", Array("\"text\"".utf8))
        add("number document", Array("1".utf8))
        add("content after the end", text + Array(" {}".utf8))
        add("letter after the end", text + Array("\nx".utf8))
        add("byte order mark", [0xEF, 0xBB, 0xBF] + text)
        add("two byte order marks", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + text)
        add("byte order mark inside", text.inserting("\u{FEFF}", at: offsets(of: ",").first ?? 0))
        add("UTF-16 byte order mark", [0xFF, 0xFE] + text)
        add("NUL byte", text.inserting("\u{0}", at: offsets(of: ",").first ?? 0))
        add("deep nesting", text.replacing(strings.last!.value, with: String(repeating: "[", count: 200) + String(repeating: "]", count: 200)))
        add("nesting at the limit", text.replacing(strings.last!.value, with: String(repeating: "[", count: 120) + String(repeating: "]", count: 120)))
        add("unclosed nesting", text.replacing(strings.last!.value, with: String(repeating: "[", count: 50)))
        let manyKeys = (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        add("duplicate in a large object", text.inserting(manyKeys + ", \"k3\": 1, ", at: (offsets(of: "{").dropFirst().first ?? 0) + 1))
        add("unknown fields in a large object", text.inserting(manyKeys + ", ", at: (offsets(of: "{").dropFirst().first ?? 0) + 1))
        add("canonically equivalent keys", text.inserting("\"e\\u0301\": 1, \"\\u00e9\": 2, ", at: (offsets(of: "{").first ?? 0) + 1))
        add("kelvin sign key", text.inserting("\"\\u212a\": 1, \"K\": 2, ", at: (offsets(of: "{").first ?? 0) + 1))
        add("long key", text.inserting("\"" + String(repeating: "k", count: 300) + "\": 1, ", at: (offsets(of: "{").first ?? 0) + 1))
        add("key needing quotes in a path", text.inserting("\"odd key \\\"q\\\"\": 1, ", at: (offsets(of: "{").first ?? 0) + 1))
        add("minified", text.minified)
        let min = text.minified
        if let c = (min.indices.filter { min[$0] == UInt8(ascii: "]") && !inString(min, $0) }).last {
            add("minified with a trailing comma", min.inserting(",", at: c))
        }
        if let c = (min.indices.filter { min[$0] == UInt8(ascii: ":") && !inString(min, $0) }).last {
            add("minified with a missing colon at the end", min.replacing(c..<(c + 1), with: " "))
        }
        var crlf: [UInt8] = []
        for c in text { if c == 0x0A { crlf.append(0x0D) }; crlf.append(c) }
        add("CRLF line ends", crlf)
        add("CR only line ends", text.map { $0 == 0x0A ? 0x0D : $0 })
        return out
    }

    /// Whether offset `o` lies inside a string (valid JSON assumed).
    static func inString(_ t: [UInt8], _ o: Int) -> Bool {
        var inside = false
        var i = 0
        while i < o {
            if inside && t[i] == UInt8(ascii: "\\") { i += 2; continue }
            if t[i] == UInt8(ascii: "\"") { inside.toggle() }
            i += 1
        }
        return inside
    }
}
