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
        if isDefault { return Self.matchesDefault(code) }
        guard (3...Self.maxLength).contains(code.unicodeScalars.count), let re = RegexCache.shared.regex(pattern) else {
            return false
        }
        let range = NSRange(code.startIndex..., in: code)
        return re.firstMatch(in: code, options: [.anchored], range: range)?.range == range
    }

    /// Whether `code` is ASCII letters, digits, `-`, `_` and `/` only, with at least one letter.
    static func isPlainCode(_ code: String) -> Bool { isPlainCode(code.utf8) }

    static func isPlainCode(_ code: some Collection<UInt8>) -> Bool {
        var letter = false
        for c in code {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): letter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"): break
            default: return false
            }
        }
        return letter
    }

    /// `defaultPattern`, matched by hand (the same codes as the regular expression: a test
    /// compares them). Groups of ASCII letters and digits separated by `-`, `_` or `/`: a prefix
    /// (a letter then up to 11 letters or digits, or four digits), up to four groups of 1 to 12,
    /// and a number of 1 to 10 digits; or a UUID.
    static func matchesDefault(_ code: String) -> Bool { matchesDefault(code.utf8) }

    static func matchesDefault(_ b: some Collection<UInt8>) -> Bool {
        guard b.count >= 3, b.count <= maxLength else { return false }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        func isHex(_ c: UInt8) -> Bool { isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) }
        if b.count == 36 {
            var uuid = true
            for (i, c) in b.enumerated() {
                let dash = i == 8 || i == 13 || i == 18 || i == 23
                if dash ? c != UInt8(ascii: "-") : !isHex(c) {
                    uuid = false
                    break
                }
            }
            if uuid { return true }
        }
        var groups = 0
        var length = 0, digitsOnly = true, firstIsLetter = false
        func groupFits() -> Bool {
            guard length > 0 else { return false }
            if groups == 0 { return firstIsLetter ? length <= 12 : (digitsOnly && length == 4) }
            return length <= 12
        }
        for c in b {
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: "/") {
                guard groupFits() else { return false }
                groups += 1
                length = 0
                digitsOnly = true
            } else if isDigit(c) {
                length += 1
            } else if isLetter(c) {
                if length == 0 && groups == 0 { firstIsLetter = true }
                length += 1
                digitsOnly = false
            } else {
                return false
            }
        }
        // The last group is the number; one to five groups before it.
        return groups >= 1 && groups <= 5 && length >= 1 && length <= 10 && digitsOnly
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
        if acceptsAtOnce(code.utf8) { return .accepted }
        let n = IdentifyingShape.normalise(code)
        if IdentifyingShape.looksLikeNumericDate(n) { return .identifying(.date) }
        if IdentifyingShape.looksLikeEmail(n) { return .identifying(.email) }
        if IdentifyingShape.looksLikeCoordinates(n) { return .identifying(.coordinates) }
        if matches(code) { return .accepted }
        return IdentifyingShape.classify(code).map { .identifying($0) } ?? .wrongShape
    }

    /// The common case, from the code's bytes: ASCII letters, digits and separators with a letter
    /// among them are their own normal form and can be no date, e-mail address or position (those
    /// need digits only, an '@', '(at)', a '.' or a ':'), so only the shape is left to check.
    /// True means `check` accepts the code; false, that `check` must decide.
    func acceptsAtOnce(_ code: some Collection<UInt8>) -> Bool {
        isDefault && Self.isPlainCode(code) && Self.matchesDefault(code)
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
