/// The one redaction point for everything said about a case: every finding `CaseLoader.load`
/// returns goes through `redact`, whatever produced it (the JSON parser, the identifying-data
/// gate, the decoder, the checks against the directory), so no key or value of the case can reach
/// a message, a place or an id.
///
/// - The place keeps the JSON path of known fields; a field a case does not have is shown by its
///   position (`$.concerns.#3`: the third field of `concerns`, counting from 1), and so is
///   everything under it.
/// - Quoted words in messages and help (`'…'`) stay only when they belong to the format or the
///   directory (a field name, a closed-vocabulary value, an id of the context, JSON punctuation);
///   any other is left out.
/// - The id of a finding is dropped unless it is such a word.
enum CaseRedaction {
    static func redact(_ findings: [Diagnostic], root: JSONNode?, directory: Directory) -> [Diagnostic] {
        let allowed = allowedWords(directory)
        return findings.map { d in
            var r = d
            r.place.path = safePath(d.place.path, root: root)
            if let related = d.related {
                r.related = SourcePlace(file: related.file, path: safePath(related.path, root: root), line: related.line,
                                        column: related.column)
            }
            r.message = scrub(d.message, allowed)
            r.help = d.help.map { scrub($0, allowed) }
            if let id = d.id, !allowed.contains(id) { r.id = nil }
            return r
        }
    }

    /// Words that belong to the format or the directory, never to a case.
    static func allowedWords(_ d: Directory) -> Set<String> {
        let ctx = d.context
        var out = CaseFieldType.formatWords
        out.formUnion(ctx.areas.keys)
        out.formUnion(ctx.languages.map(\.code))
        out.formUnion(ctx.categories.keys)
        out.formUnion(ctx.populationGroups.keys)
        out.formUnion(ctx.legalStatuses.keys)
        out.formUnion(ctx.accessNeeds?.keys ?? [:].keys)
        out.formUnion(d.organisations.keys)
        out.formUnion(d.pathways.map(\.id))
        out.formUnion(["true", "false", "null", "formatVersion", "\\u"])
        return out
    }

    // MARK: paths

    enum Component {
        case key(String)
        case index(Int)
    }

    /// `$.concerns["Amina Hassan"].x` → `$.concerns.#3.#1`: known keys by name, others by position.
    static func safePath(_ path: String, root: JSONNode?) -> String {
        guard let parts = parse(path) else { return "$" }
        var out = "$"
        var node = root
        var type: CaseFieldType? = CaseFieldType.schema
        for part in parts {
            switch part {
            case .index(let i):
                out += "[\(i)]"
                if case .array(let e)? = type { type = e } else { type = nil }
                if case .array(let items)? = node?.value, i >= 0, i < items.count { node = items[i] } else { node = nil }
            case .key(let k):
                let members: [JSONMember]
                if case .object(let m)? = node?.value { members = m } else { members = [] }
                let member = members.firstIndex { $0.key == k }
                if case .object(let fields)? = type, let t = fields[k] {
                    out += "." + k
                    type = t
                } else if let i = member {
                    out += ".#\(i + 1)"
                    type = nil
                } else {
                    // A name neither known nor in the case: nothing more can be shown safely.
                    return out
                }
                node = member.map { members[$0].value }
            }
        }
        return out
    }

    /// The components of a path as `pathComponent` writes them; nil if it is not one.
    static func parse(_ path: String) -> [Component]? {
        let s = Array(path.unicodeScalars)
        guard s.first == "$" else { return nil }
        var out: [Component] = []
        var i = 1
        func plain(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
        }
        while i < s.count {
            if s[i] == "." {
                var j = i + 1
                while j < s.count, plain(s[j]) { j += 1 }
                guard j > i + 1 else { return nil }
                out.append(.key(String(String.UnicodeScalarView(s[(i + 1)..<j]))))
                i = j
            } else if s[i] == "[", i + 1 < s.count, s[i + 1] == "\"" {
                var key = String.UnicodeScalarView()
                var j = i + 2
                while j < s.count, s[j] != "\"" {
                    if s[j] == "\\", j + 1 < s.count { j += 1 }
                    key.append(s[j])
                    j += 1
                }
                guard j + 1 < s.count, s[j + 1] == "]" else { return nil }
                out.append(.key(String(key)))
                i = j + 2
            } else if s[i] == "[" {
                var j = i + 1
                var n = 0
                while j < s.count, ("0"..."9").contains(s[j]) {
                    n = min(n * 10 + Int(s[j].value - 48), 1 << 40)
                    j += 1
                }
                guard j > i + 1, j < s.count, s[j] == "]" else { return nil }
                out.append(.index(n))
                i = j + 1
            } else {
                return nil
            }
        }
        return out
    }

    // MARK: text

    /// `text` with every quoted word that is not in `allowed` (nor JSON punctuation) left out.
    static func scrub(_ text: String, _ allowed: Set<String>) -> String {
        let c = Array(text)
        var out = ""
        var i = 0
        while i < c.count {
            // An opening quote follows the start, a space or an opening bracket; its closing quote
            // is followed by the end, a space or punctuation (so "case's" is not a quote).
            if c[i] == "'", i == 0 || " ([".contains(c[i - 1]),
                let close = (i + 1..<c.count).first(where: { j in
                    c[j] == "'" && (j + 1 == c.count || " ,.;:)?!".contains(c[j + 1]))
                })
            {
                let word = String(c[(i + 1)..<close])
                if allowed.contains(word) || word.count == 1 {
                    out += "'" + word + "'"
                } else {
                    while out.hasSuffix(" ") { out.removeLast() }
                }
                i = close + 1
                continue
            }
            out.append(c[i])
            i += 1
        }
        return out
    }
}
