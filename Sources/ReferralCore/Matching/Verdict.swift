import Foundation

/// What routing keeps of one decision: the action, the rules that decided it and what ranks the
/// service — integers, no words. A step's options and excluded services are kept as verdicts and
/// expanded into `ServiceDecision`s (every check with its words, the packet, how to reach the
/// service) only when they are read (`StepDecisions`): a caller that reads the actions, the gaps
/// or the first option of a step never pays for the words of thirty decisions.
struct Verdict: Sendable {
    /// The service's index in `Directory.services` (sorted by id: index order is id order).
    let service: Int32
    let action: Action
    /// The first rule that decided the action (`ServiceDecision.decidingRules.first`).
    let decidingRule: RuleID?
    /// The rules whose check failed (each fails at most once per decision).
    let failed: RuleSet
    let openNow: Bool?
    let waitlist: Bool
    let preference: RankPreference

    /// Ranked by action, then preference, then service id (index order is id order): a total
    /// order, so the result never depends on the order the services were decided in. As two
    /// integers, compared in turn (see `RankPreference.packed`).
    var rankKey: (UInt64, UInt64) {
        (UInt64(action.order) << 62 | preference.packed, UInt64(UInt32(bitPattern: service)))
    }
}

/// A set of rule ids, one bit each.
struct RuleSet: Sendable, Equatable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    init(_ rules: some Sequence<RuleID>) { for r in rules { insert(r) } }

    mutating func insert(_ r: RuleID) {
        let i = r.ordinal
        if i < 64 { low |= 1 << UInt64(i) } else { high |= 1 << UInt64(i - 64) }
    }

    func contains(_ r: RuleID) -> Bool {
        let i = r.ordinal
        return i < 64 ? low & (1 << UInt64(i)) != 0 : high & (1 << UInt64(i - 64)) != 0
    }

    func intersects(_ o: RuleSet) -> Bool { low & o.low != 0 || high & o.high != 0 }
    func isSubset(of o: RuleSet) -> Bool { low & ~o.low == 0 && high & ~o.high == 0 }

    /// The ordinals of the rules, ascending.
    func forEachOrdinal(_ body: (Int) -> Void) {
        var l = low, h = high
        while l != 0 {
            body(l.trailingZeroBitCount)
            l &= l - 1
        }
        while h != 0 {
            body(64 + h.trailingZeroBitCount)
            h &= h - 1
        }
    }

    /// The rules, in declaration order.
    var rules: [RuleID] {
        var out: [RuleID] = []
        forEachOrdinal { out.append(RuleID.table[$0]) }
        return out
    }

    /// The rules of one family.
    static func family(_ f: RuleID.Family) -> RuleSet { RuleSet(RuleID.table.filter { $0.family == f }) }
    static let preference = family(.preference)
    static let consent = family(.consent)
}

extension RuleID {
    /// The rule's position in `RuleID.all` (a no-payload enum is stored as its case's position;
    /// VerdictTests checks it for every rule, and that there are at most 128).
    var ordinal: Int { Int(withUnsafeBytes(of: kind) { $0[0] }) }
    /// `RuleID.all`, built once.
    static let table = all
    /// Every rule in the order of `<` (by stable id).
    static let tableByID = table.sorted()
}

/// A step's decisions: made by the router as verdicts, expanded into `ServiceDecision`s the first
/// time they are read (the options and the excluded services each on their own), then kept. A plan
/// decoded from JSON, or whose decisions were set, holds them expanded from the start.
///
/// Shared by the copies of a `StepPlan` (a class: a plan is copied freely) and safe to read from
/// several threads (each list is expanded once, under a lock).
final class StepDecisions: @unchecked Sendable {
    private let pending: Pending?
    private var expandedOptions: [ServiceDecision]?
    private var expandedExcluded: [ServiceDecision]?
    /// How many options and excluded services, without expanding them.
    let optionCount: Int
    let excludedCount: Int

    /// What expanding a step's verdicts needs: the case as it was routed, and the step.
    struct Pending {
        let routed: RoutedCase
        let urgency: Urgency
        let category: Category?
        let options: [Verdict]
        let excluded: [Verdict]
    }

    init(_ pending: Pending) {
        self.pending = pending
        optionCount = pending.options.count
        excludedCount = pending.excluded.count
    }

    init(options: [ServiceDecision], excluded: [ServiceDecision]) {
        pending = nil
        expandedOptions = options
        expandedExcluded = excluded
        optionCount = options.count
        excludedCount = excluded.count
    }

    /// The plan's lock (one per routed case); decisions given whole are never written again.
    private func locked<T>(_ body: () -> T) -> T {
        guard let lock = pending?.routed.lock else { return body() }
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// The verdicts not yet expanded (nil once both lists are, or for decisions given whole): for tests.
    var verdicts: (options: [Verdict], excluded: [Verdict])? {
        locked {
            guard let pending, expandedOptions == nil || expandedExcluded == nil else { return nil }
            return (pending.options, pending.excluded)
        }
    }

    var options: [ServiceDecision] {
        locked {
            if let expandedOptions { return expandedOptions }
            var out = expand(pending!.options)
            for i in out.indices { out[i].rank = i + 1 }
            expandedOptions = out
            return out
        }
    }

    var excluded: [ServiceDecision] {
        locked {
            if let expandedExcluded { return expandedExcluded }
            let out = expand(pending!.excluded)
            expandedExcluded = out
            return out
        }
    }

    private func expand(_ verdicts: [Verdict]) -> [ServiceDecision] {
        let p = pending!
        let r = p.routed
        // A memo of its own, never the routing's (see `RoutedCase.scopeWithWords`).
        let scope = r.scopeWithWords()
        return verdicts.map { v in
            let d = r.router.decide(r.router.directory.services[Int(v.service)], urgency: p.urgency, r.c, consent: r.consent,
                                    at: r.time, scope: scope, category: p.category)
            // The same pass of the rules decided both: a difference is a bug in the draft.
            assert(d.action == v.action && d.decidingRules.first == v.decidingRule, "verdict and decision differ")
            return d
        }
    }
}

/// A case as it was routed: what expanding any of its plan's verdicts needs, shared by its steps.
final class RoutedCase: @unchecked Sendable {
    /// Held while any step of the plan expands its verdicts.
    let lock = NSLock()
    let router: Router
    let c: Case
    let consent: ConsentAssessment
    let time: RoutingTime
    /// The scope routing used (ids only); expansions use `scopeWithWords()`.
    let scope: CaseScope
    /// The scope with its words and a memo of its own, made by the first expansion and shared by
    /// every step's (they run one at a time, under `lock`).
    private var wordsScope: CaseScope?

    /// Call with `lock` held.
    func scopeWithWords() -> CaseScope {
        if let wordsScope { return wordsScope }
        let made = scope.withWords(router.context, c)
        wordsScope = made
        return made
    }

    init(router: Router, c: Case, consent: ConsentAssessment, time: RoutingTime, scope: CaseScope) {
        self.router = router
        self.c = c
        self.consent = consent
        self.time = time
        self.scope = scope
    }
}

extension StepPlan: Codable, Equatable {
    enum CodingKeys: String, CodingKey {
        case pathway, step, name, category, pathways, urgency, urgencyReasons, respondBy, ask, windows, optional, note
        case warnings, options, excluded
    }

    public init(from decoder: Decoder) throws {
        let k = try decoder.container(keyedBy: CodingKeys.self)
        pathway = try k.decode(String.self, forKey: .pathway)
        step = try k.decode(String.self, forKey: .step)
        name = try k.decode(String.self, forKey: .name)
        category = try k.decode(String.self, forKey: .category)
        pathways = try k.decode([String].self, forKey: .pathways)
        urgency = try k.decode(Urgency.self, forKey: .urgency)
        urgencyReasons = try k.decode([String].self, forKey: .urgencyReasons)
        respondBy = try k.decode(String.self, forKey: .respondBy)
        ask = try k.decodeIfPresent([String].self, forKey: .ask)
        windows = try k.decode([WindowStatus].self, forKey: .windows)
        optional = try k.decode(Bool.self, forKey: .optional)
        note = try k.decodeIfPresent(String.self, forKey: .note)
        warnings = try k.decode([Warning].self, forKey: .warnings)
        decisions = StepDecisions(options: try k.decode([ServiceDecision].self, forKey: .options),
                                  excluded: try k.decode([ServiceDecision].self, forKey: .excluded))
    }

    public func encode(to encoder: Encoder) throws {
        var k = encoder.container(keyedBy: CodingKeys.self)
        try k.encode(pathway, forKey: .pathway)
        try k.encode(step, forKey: .step)
        try k.encode(name, forKey: .name)
        try k.encode(category, forKey: .category)
        try k.encode(pathways, forKey: .pathways)
        try k.encode(urgency, forKey: .urgency)
        try k.encode(urgencyReasons, forKey: .urgencyReasons)
        try k.encode(respondBy, forKey: .respondBy)
        try k.encodeIfPresent(ask, forKey: .ask)
        try k.encode(windows, forKey: .windows)
        try k.encode(optional, forKey: .optional)
        try k.encodeIfPresent(note, forKey: .note)
        try k.encode(warnings, forKey: .warnings)
        try k.encode(options, forKey: .options)
        try k.encode(excluded, forKey: .excluded)
    }

    public static func == (a: StepPlan, b: StepPlan) -> Bool {
        a.pathway == b.pathway && a.step == b.step && a.name == b.name && a.category == b.category
            && a.pathways == b.pathways && a.urgency == b.urgency && a.urgencyReasons == b.urgencyReasons
            && a.respondBy == b.respondBy && a.ask == b.ask && a.windows == b.windows && a.optional == b.optional
            && a.note == b.note && a.warnings == b.warnings && a.optionCount == b.optionCount
            && a.excludedCount == b.excludedCount && a.options == b.options && a.excluded == b.excluded
    }
}
