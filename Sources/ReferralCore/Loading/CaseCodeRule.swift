import Foundation

/// `rules.caseCode` in context.json: the shape of this operation's case codes.
///
/// Every case-management system has its own scheme (`GBV-2026-0042`, `CP-2024-000123`,
/// `IRC-JOR-2025-117`), so the shape is a context rule, not a constant. Without it the default
/// takes a prefix and a number (see `CaseCodeRule.defaultPattern`).
public struct CaseCodeRuleDocument: Codable, Sendable {
    /// A regular expression the whole code must match (it is anchored at both ends).
    public var pattern: String
    /// An example code, shown in the error when a code does not match.
    public var example: String?

    public init(pattern: String, example: String? = nil) {
        self.pattern = pattern
        self.example = example
    }
}

/// What a case code is checked against: the context's pattern, or the default one.
public struct CaseCodeRule: Sendable {
    /// A prefix (letters first, or a four-digit year), up to four more groups, and a number,
    /// separated by `-`, `_` or `/`: `GBV-2026-0042`, `CP-2024-000123`, `IRC-JOR-2025-117`,
    /// `2026-0042`, `X-001`; or a UUID. It refuses names (`AminaHassan`), document numbers
    /// (`AB123456`, `QQ123456C`), dates (`12-03-98`, `12Mar1998`) and addresses (`12-Main-Street`).
    public static let defaultPattern =
        "(?:[A-Za-z][A-Za-z0-9]{0,11}|[0-9]{4})(?:[-_/][A-Za-z0-9]{1,12}){0,4}[-_/][0-9]{1,10}"
        + "|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    public static let defaultExample = "GBV-2026-0042"
    /// Longer codes are refused whatever the pattern: a case code goes into every referral.
    public static let maxLength = 40

    public let pattern: String
    public let example: String?
    public let isDefault: Bool

    public init(_ doc: CaseCodeRuleDocument?) {
        pattern = doc?.pattern ?? Self.defaultPattern
        example = doc == nil ? Self.defaultExample : doc?.example
        isDefault = doc == nil
    }

    /// The expected shape, in words, for messages: "a prefix and a number, such as GBV-2026-0042".
    public var expected: String {
        if isDefault { return "a prefix and a number, such as \(Self.defaultExample)" }
        return "this context's scheme" + (example.map { ", such as \($0)" } ?? " (rules.caseCode in context.json)")
    }

    public func matches(_ code: String) -> Bool {
        guard (3...Self.maxLength).contains(code.unicodeScalars.count), let re = RegexCache.shared.regex(pattern) else {
            return false
        }
        let range = NSRange(code.startIndex..., in: code)
        return re.firstMatch(in: code, options: [.anchored], range: range)?.range == range
    }

    /// What checking a case code found.
    public enum Verdict: Equatable, Sendable {
        case accepted
        /// It does not match and looks like personal data of this kind.
        case identifying(IdentifyingKind)
        /// It does not match, and does not look like personal data.
        case wrongShape
    }

    /// Dates, e-mail addresses and GPS positions are refused even when the pattern would take
    /// them; otherwise a code the pattern takes is accepted, and one it refuses is identifying
    /// only if it looks so.
    public func check(_ code: String) -> Verdict {
        let n = IdentifyingShape.normalise(code)
        if IdentifyingShape.looksLikeNumericDate(n) { return .identifying(.date) }
        if IdentifyingShape.looksLikeEmail(n) { return .identifying(.email) }
        if IdentifyingShape.looksLikeCoordinates(n) { return .identifying(.coordinates) }
        if matches(code) { return .accepted }
        return IdentifyingShape.classify(code).map { .identifying($0) } ?? .wrongShape
    }

    /// Values a pattern must refuse: a context whose pattern takes one is warned.
    static let probes: [(String, IdentifyingKind)] = [
        ("Amina Hassan", .name), ("AminaHassan", .name), ("+44 7700 900123", .phone), ("0712345678", .phone),
        ("12-03-1998", .date), ("amina@example.org", .email), ("AB123456", .documentNumber),
        ("12-Main-Street", .address),
    ]
}

/// Compiled patterns, shared: compiling costs more than matching a 40-character code.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    /// The pattern anchored at both ends, compiled once; nil when it is not a valid expression.
    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let r = compiled[pattern] { return r }
        let r = try? NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z")
        if compiled.count < 64 { compiled[pattern] = r }
        return r
    }
}

extension DirectoryBuilder {
    /// Checks `rules.caseCode`: a valid pattern, an example it takes, and no personal data it takes.
    mutating func checkCaseCodeRule(_ doc: CaseCodeRuleDocument?, _ loc: Locator) {
        guard let doc else { return }
        let rule = CaseCodeRule(doc)
        guard doc.pattern.count <= 200, RegexCache.shared.regex(doc.pattern) != nil else {
            error(.rulesCaseCode, loc["pattern"], "the case-code pattern is not a regular expression of at most 200 characters",
                  help: "write it as a regular expression such as GBV-[0-9]{4}-[0-9]{4} (see Pathways/README.md)")
            return
        }
        if let example = doc.example, !rule.matches(example) {
            error(.rulesCaseCode, loc["example"], "the example does not match the case-code pattern",
                  help: "give an example of a real code of this scheme")
        }
        for (probe, kind) in CaseCodeRule.probes where rule.matches(probe) {
            warning(.rulesCaseCode, loc["pattern"],
                    "the case-code pattern accepts '\(probe)', which looks like \(kind.rawValue)",
                    help: "narrow the pattern: a case code is pseudonymous and goes into every referral")
        }
    }
}
