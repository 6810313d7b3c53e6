/// Where something is in the input: a file, a JSON path inside it and, when known, line and column.
///
/// Places are what make an error actionable for a coordinator editing JSON by hand, so every
/// diagnostic carries one. Line and column are 1-based and count Unicode scalars per line.
public struct SourcePlace: Hashable, Sendable, Codable, Comparable {
    /// The file as the user named it (relative to the directory that was loaded), or `<stdin>`.
    public var file: String
    /// A JSON path such as `$.services[3].category`; `$` for the whole file.
    public var path: String
    public var line: Int?
    public var column: Int?

    public init(file: String, path: String = "$", line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
    }

    /// `file:line:column: $.path` — the form editors and terminals understand.
    public var description: String {
        var s = file
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        if path != "$" { s += " (\(path))" }
        return s
    }

    public static func < (a: SourcePlace, b: SourcePlace) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        if (a.column ?? 0) != (b.column ?? 0) { return (a.column ?? 0) < (b.column ?? 0) }
        return a.path < b.path
    }
}

/// How serious a finding is. Errors stop a directory or case from being used; warnings and
/// information are shown to the coordinator but do not block routing.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case error, warning, info

    private var order: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.order < b.order }
}

/// One finding about the input: a stable code, a place, the id involved, a message and help.
///
/// Codes are stable strings (`json.syntax`, `ref.unknown-category`, …) so tools and tests can
/// match on them; messages start lowercase and carry no final period.
public struct Diagnostic: Hashable, Sendable, Codable {
    public var severity: Severity
    public var code: Diagnostic.Code
    public var place: SourcePlace
    /// The id the finding is about (a service, a step, a category…), when there is one.
    public var id: String?
    public var message: String
    /// What to do about it, when something useful can be said.
    public var help: String?
    /// A second place involved (the first definition of a duplicated id, for example).
    public var related: SourcePlace?

    public init(
        _ severity: Severity, code: Code, place: SourcePlace, id: String? = nil, message: String,
        help: String? = nil, related: SourcePlace? = nil
    ) {
        self.severity = severity
        self.code = code
        self.place = place
        self.id = id
        self.message = message
        self.help = help
        self.related = related
    }

    /// `file:line:col: error[code]: message` then the help and the related place on their own lines.
    public var rendered: String {
        var s = "\(place.description): \(severity.rawValue)[\(code)]: \(message)"
        if let related { s += "\n  note: see also \(related.description)" }
        if let help { s += "\n  help: \(help)" }
        return s
    }

    /// The deterministic order findings are reported in: by place, then severity, code and id.
    public static func sortedForReport(_ list: [Diagnostic]) -> [Diagnostic] {
        list.sorted { a, b in
            if a.place != b.place { return a.place < b.place }
            if a.severity != b.severity { return a.severity < b.severity }
            if a.code != b.code { return a.code < b.code }
            if (a.id ?? "") != (b.id ?? "") { return (a.id ?? "") < (b.id ?? "") }
            return a.message < b.message
        }
    }
}

/// Thrown when input cannot be used; holds every finding, not just the first.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.rendered).joined(separator: "\n") }
}

/// "Did you mean …?": the closest candidate by edit distance, if it is close enough to help.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    // Edit distance is quadratic: a word longer than any id is no typo of one (a 1 MB key took seconds).
    guard word.count <= 128 else { return nil }
    var best: (String, Int)?
    let limit = max(2, word.count / 3)
    for c in candidates {
        let d = editDistance(word.lowercased(), c.lowercased())
        if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
    }
    if let best { return best.0 }
    // A truncated name ("referTo" for "referToCategories"): the shortest candidate it begins.
    guard word.count >= 4 else { return nil }
    return candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        .min { ($0.count, $0) < ($1.count, $1) }
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
