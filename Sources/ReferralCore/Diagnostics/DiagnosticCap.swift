/// At most `limit` findings of one kind (code and severity) per file, then one line that says how
/// many more there were: "… and 31,990 more of the same kind".
///
/// An export with the same mistake in every record, or a case with 100,000 unknown keys, would
/// otherwise print megabytes nobody reads, and spend its time building them: the loaders ask the
/// cap before building a finding (`add(_:code:file:to:_:)` takes the finding as a closure), so a
/// finding that is not shown costs a counter increment. The directory loader and the case loader
/// share it.
public struct DiagnosticCap: Sendable {
    /// Findings of one kind shown per file.
    public static let defaultLimit = 10

    public let limit: Int
    private var shown: [Kind: Shown] = [:]
    /// Kinds in the order they were first seen, so the summaries come out in a fixed order.
    private var order: [Kind] = []

    struct Kind: Hashable, Sendable {
        var file: String
        var code: Diagnostic.Code
        var severity: Severity
    }

    struct Shown: Sendable {
        var count: Int
        var hidden: Int
        /// The last finding shown: the summary takes its place, so it sorts right after it.
        var last: Diagnostic
    }

    public init(limit: Int = DiagnosticCap.defaultLimit) { self.limit = max(1, limit) }

    /// Appends the finding `make` builds to `list` if fewer than `limit` of its kind were shown
    /// in `file`; otherwise only counts it (and `make` is never called).
    public mutating func add(_ severity: Severity, code: Diagnostic.Code, file: String, to list: inout [Diagnostic],
                             _ make: () -> Diagnostic)
    {
        let kind = Kind(file: file, code: code, severity: severity)
        if var s = shown[kind] {
            if s.count >= limit {
                s.hidden += 1
                if severity == .error { errorsHidden += 1 }
            } else {
                s.count += 1
                s.last = make()
                list.append(s.last)
            }
            shown[kind] = s
            return
        }
        let d = make()
        list.append(d)
        shown[kind] = Shown(count: 1, hidden: 0, last: d)
        order.append(kind)
    }

    /// Appends a finding that is already built, under the same cap.
    public mutating func add(_ d: Diagnostic, to list: inout [Diagnostic]) {
        add(d.severity, code: d.code, file: d.place.file, to: &list) { d }
    }

    /// How many errors were counted but not shown.
    public var hiddenErrors: Int { errorsHidden }
    private var errorsHidden = 0

    /// One finding per kind that went over the limit: same severity and code, at the place of the
    /// last one shown, saying how many more there were.
    public var summaries: [Diagnostic] {
        order.compactMap { kind in
            guard let s = shown[kind], s.hidden > 0 else { return nil }
            return Diagnostic(kind.severity, code: kind.code, place: s.last.place, id: s.last.id,
                              message: "… and \(DiagnosticCap.grouped(s.hidden)) more of the same kind")
        }
    }

    /// Adds the findings `other` counted but did not show (their kinds' shown ones are added to
    /// the list by the caller, through this cap).
    public mutating func absorbHidden(_ other: DiagnosticCap) {
        for kind in other.order {
            guard let o = other.shown[kind], o.hidden > 0 else { continue }
            if kind.severity == .error { errorsHidden += o.hidden }
            if var s = shown[kind] {
                s.hidden += o.hidden
                shown[kind] = s
            } else {
                shown[kind] = Shown(count: limit, hidden: o.hidden, last: o.last)
                order.append(kind)
            }
        }
    }

    /// Caps a finished list: keeps the first `limit` findings of each kind per file, in the given
    /// order, and appends the summaries.
    public static func capped(_ list: [Diagnostic], limit: Int = DiagnosticCap.defaultLimit) -> [Diagnostic] {
        var cap = DiagnosticCap(limit: limit)
        var out: [Diagnostic] = []
        for d in list { cap.add(d, to: &out) }
        return out + cap.summaries
    }

    /// `31990` → `31,990`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
