/// Decodes the hot documents (services, organisations, cases) by hand from tokens, field by
/// field, with exactly the findings of the generic `StrictDecoder` (a differential test holds
/// them to it): a document type lists its fields once (`FieldTable`), the reader matches each
/// member's name to a field by its bytes, decodes the fields in the order they are declared (the
/// first problem stops the document, as `Codable` does), and reports unknown fields last.
///
/// A JSON path is built only when a finding needs one.
struct TokenReader {
    let tokens: [JSONToken]
    let file: SourceFile
    let echo: Bool
    let rootPath: RootPath
    /// The keys and indices from the root to the value being decoded.
    var steps: [Step] = []
    /// For each object being decoded, the key token of each of its fields (-1: absent), innermost
    /// last. Kept between elements by `ListReading` so that decoding allocates nothing of its own.
    var slots: [Int32] = []
    /// Findings so far; unknown fields over the cap are only counted (`cap`).
    var findings: [Diagnostic] = []
    var cap = DiagnosticCap()

    enum Step {
        case key(String)
        case index(Int)
    }

    /// Where the root value sits: a path, or the generic decoder's (built only for a finding).
    enum RootPath {
        case text(String)
        case decoder(NodeDecoder)

        var text: String {
            switch self {
            case .text(let p): p
            case .decoder(let d): d.jsonPath
            }
        }
    }

    /// Thrown when a document cannot be decoded; its findings are in `findings`.
    struct Stop: Error {}

    /// `capLimit`: unknown fields shown per kind before they are only counted (`cap`); callers
    /// that cap findings themselves pass `Int.max` and get every finding, as the generic decoder gives.
    init(tokens: [JSONToken], file: SourceFile, path: RootPath, echo: Bool, capLimit: Int = DiagnosticCap.defaultLimit) {
        self.tokens = tokens
        self.file = file
        self.bytes = file.bytes
        self.rootPath = path
        self.echo = echo
        self.cap = DiagnosticCap(limit: capLimit)
    }

    let bytes: [UInt8]

    /// The JSON path of the value being decoded, plus `extra` (a key, already a path component).
    func path(_ extra: String = "") -> String {
        var p = rootPath.text
        for s in steps {
            switch s {
            case .key(let k): p += pathComponent(k)
            case .index(let i): p += "[\(i)]"
            }
        }
        return p + extra
    }

    /// Records a finding at the value `token` (at the current path) and returns the error to throw.
    mutating func fail(_ code: Diagnostic.Code, _ message: String, at token: Int, help: String? = nil) -> Stop {
        findings.append(Diagnostic(.error, code: code, place: file.place(path(), offset: Int(tokens[token].start)),
                                   message: message, help: help))
        return Stop()
    }

    mutating func typeIssue(_ expected: String, _ v: Int) -> Stop {
        fail(.jsonWrongType, "expected \(expected), found \(tokens[v].kindName)", at: v)
    }

    // MARK: scalars

    mutating func string(_ v: Int) throws(Stop) -> String {
        guard tokens[v].kind == .string else { throw typeIssue("a string", v) }
        return tokens.string(v, in: bytes)
    }

    mutating func bool(_ v: Int) throws(Stop) -> Bool {
        switch tokens[v].kind {
        case .true: return true
        case .false: return false
        default: throw typeIssue("true or false", v)
        }
    }

    /// The whole number at `v`, as `StrictDecoder` reads it (`16`, `16.0`, `1.6e1`), or nil.
    func intValue(_ v: Int) -> Int? {
        let t = tokens[v]
        guard t.kind == .number else { return nil }
        // Plain digits (almost always): read them here; anything else the way Int and Double do.
        let b = bytes
        var i = Int(t.start), value = 0
        let negative = b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        if Int(t.end) - i <= 18 {
            while i < Int(t.end), b[i] >= 0x30, b[i] <= 0x39 {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
            }
            if i == Int(t.end) { return negative ? -value : value }
        }
        let text = tokens.numberText(v, in: b)
        if let x = Int(text) { return x }
        if let d = Double(text), d.rounded() == d, let x = Int(exactly: d) { return x }
        return nil
    }

    mutating func int(_ v: Int) throws(Stop) -> Int {
        guard tokens[v].kind == .number else { throw typeIssue("a whole number", v) }
        if let x = intValue(v) { return x }
        let text = tokens.numberText(v, in: bytes)
        throw fail(.jsonWrongType, echo ? "expected a whole number in range, found \(text)" : "expected a whole number in range",
                   at: v)
    }

    mutating func double(_ v: Int) throws(Stop) -> Double {
        guard tokens[v].kind == .number, let x = Double(tokens.numberText(v, in: bytes)), x.isFinite else {
            throw typeIssue("a number", v)
        }
        return x
    }

    /// A value of a closed vocabulary matched by its bytes (a plain string: the usual case).
    mutating func value<E: ByteMatched>(_ v: Int, _ type: E.Type = E.self) throws(Stop) -> E {
        let t = tokens[v]
        if t.kind == .string, t.isPlain, let e = E.rawTable.match(bytes, (Int(t.start) + 1)..<(Int(t.end) - 1)) { return e }
        return try textValue(v, E.self)
    }

    mutating func value<E: FieldEnum>(_ v: Int, _ type: E.Type = E.self) throws(Stop) -> E { try textValue(v, type) }

    /// A value of a closed vocabulary, with "did you mean …?" (the value itself only with echo).
    mutating func textValue<E: FieldEnum>(_ v: Int, _ type: E.Type) throws(Stop) -> E {
        let raw = try string(v)
        if let e = E(rawValue: raw) { return e }
        let allowed = E.allCases.map(\.rawValue)
        var help = "use one of: " + allowed.joined(separator: ", ")
        if let near = closestMatch(to: raw, in: allowed) { help = "did you mean '\(near)'? " + help }
        throw fail(.jsonUnknownValue, "unknown \(E.fieldName)\(echo ? " '\(raw)'" : "")", at: v, help: help)
    }

    // MARK: arrays and objects

    /// The items of the array at `v`, each decoded by `item` (null items are refused).
    mutating func array<T>(_ v: Int, _ item: (inout TokenReader, Int) throws(Stop) -> T) throws(Stop) -> [T] {
        guard tokens[v].kind == .array else { throw typeIssue("an array", v) }
        var out: [T] = []
        out.reserveCapacity(Int(tokens[v].aux))
        var k = v + 1, n = 0
        let end = Int(tokens[v].next)
        while k < end {
            steps.append(.index(n))
            if tokens[k].kind == .null { throw fail(.jsonWrongType, "array items must not be null", at: k) }
            out.append(try item(&self, k))
            steps.removeLast()
            k = Int(tokens[k].next)
            n += 1
        }
        return out
    }

    mutating func strings(_ v: Int) throws(Stop) -> [String] { try array(v) { (r, k) throws(Stop) in try r.string(k) } }

    mutating func values<E: FieldEnum>(_ v: Int, _ type: E.Type = E.self) throws(Stop) -> [E] {
        try array(v) { (r, k) throws(Stop) in try r.value(k, E.self) }
    }

    mutating func values<E: ByteMatched>(_ v: Int, _ type: E.Type = E.self) throws(Stop) -> [E] {
        try array(v) { (r, k) throws(Stop) in try r.value(k, E.self) }
    }

    /// Decodes the object at `v` as `D`: see `FieldTable`.
    mutating func object<D: FieldDecodable>(_ v: Int, _ type: D.Type = D.self) throws(Stop) -> D {
        guard tokens[v].kind == .object else { throw typeIssue("an object", v) }
        let table = D.table
        var doc = D.blank
        // Which member holds each field (its key token), and the members no field takes.
        let base = slots.count
        slots.append(contentsOf: repeatElement(-1, count: table.fields.count))
        defer { slots.removeSubrange(base...) }
        var unknown: [Int] = []
        var k = v + 1
        let end = Int(tokens[v].next)
        while k < end {
            if let f = table.field(forKey: k, tokens, bytes) { slots[base + f] = Int32(k) } else { unknown.append(k) }
            k = Int(tokens[k + 1].next)
        }
        for (f, field) in table.fields.enumerated() {
            let key = Int(slots[base + f])
            if key < 0 {
                if field.isRequired { throw missing(f, table, object: v) }
                continue
            }
            steps.append(.key(field.name))
            if tokens[key + 1].kind == .null {
                if field.isRequired { throw fail(.jsonWrongType, "'\(field.name)' must not be null", at: key + 1) }
            } else {
                do { try field.decode(&doc, &self, key + 1) } catch { throw Stop() }
            }
            steps.removeLast()
        }
        if !unknown.isEmpty {
            let base = path(), tokens = tokens, file = file, echo = echo
            for key in unknown {
                cap.add(.error, code: .jsonUnknownField, file: file.name, to: &findings) {
                    let name = tokens.string(key, in: file.bytes)
                    let shown = echo || name.count <= 40 ? name : String(name.prefix(40)) + "…"
                    let help = closestMatch(to: name, in: table.names).map { "did you mean '\($0)'?" }
                        ?? "remove it, or check the spelling against the format documentation"
                    return Diagnostic(.error, code: .jsonUnknownField, place: file.place(base + pathComponent(name),
                                      offset: Int(tokens[key].start)), message: "unknown field '\(shown)'", help: help)
                }
            }
            throw Stop()
        }
        return doc
    }

    /// A required field is missing. A misspelling of it is often there: reported at its place too
    /// (any member not among the fields read so far whose name is close to the missing one).
    private mutating func missing<D>(_ f: Int, _ table: FieldTable<D>, object v: Int) -> Stop {
        let name = table.fields[f].name
        let requested = Set(table.names[...f])
        var near: [Diagnostic] = []
        var k = v + 1
        let end = Int(tokens[v].next)
        while k < end {
            let key = tokens.string(k, in: bytes)
            if !requested.contains(key) && closestMatch(to: key, in: [name]) != nil {
                near.insert(Diagnostic(.error, code: .jsonUnknownField, place: file.place(path(pathComponent(key)),
                                       offset: Int(tokens[k].start)), message: "unknown field '\(key)'",
                                       help: "did you mean '\(name)'?"), at: 0)
            }
            k = Int(tokens[k + 1].next)
        }
        findings += near
        return fail(.jsonMissingField, "missing required field '\(name)'", at: v, help: "add \"\(name)\" to this object")
    }
}
