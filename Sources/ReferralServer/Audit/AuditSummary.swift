import Foundation
import ReferralCore

/// What a coordinator asks of an audit log: referrals per service and category, the gaps hit by
/// step and area, and what kept services from being referred (by rule), over a period.
public struct AuditSummary: Codable, Sendable, Equatable {
    /// The largest log `referral audit` reads at once (about 300,000 decisions).
    public static let maxLogBytes = 512 << 20
    /// Inclusive UTC days (`2026-11-01`) the lines were logged on; nil for no bound.
    public var since: String?
    public var until: String?
    public var lines: Int
    public var decisions: Int
    public var refusedCases: Int
    /// Lines cut short by a crash (no final newline, or not JSON): counted, skipped.
    public var unreadableLines: Int
    /// Lines of a newer format: counted, skipped.
    public var unknownVersionLines: Int
    public var firstLoggedAt: String?
    public var lastLoggedAt: String?
    public var bySource: [Count]
    public var referralsByService: [ServiceCount]
    public var referralsByCategory: [CategoryCount]
    public var gaps: [GapCount]
    /// Services not referred (excluded or information only), by the rule that decided it.
    public var notReferredByRule: [RuleCount]
    /// Cases the loader refused, by finding code.
    public var refusedByCode: [Count]

    public struct Count: Codable, Sendable, Equatable {
        public var id: String
        public var count: Int
    }
    public struct ServiceCount: Codable, Sendable, Equatable {
        public var service: String
        public var category: String
        public var referred: Int
        public var emergencyReferred: Int
        public var informed: Int
    }
    public struct CategoryCount: Codable, Sendable, Equatable {
        public var category: String
        public var referred: Int
        public var emergencyReferred: Int
        public var informed: Int
    }
    public struct GapCount: Codable, Sendable, Equatable {
        public var pathway: String
        public var step: String
        public var area: String
        public var cause: String
        public var urgency: String
        public var count: Int
    }
    public struct RuleCount: Codable, Sendable, Equatable {
        public var rule: String
        public var excluded: Int
        public var informed: Int
    }

    /// Summarises the bytes of an audit log. Every output list is in a fixed order (largest
    /// count first, then by id), so the same log gives the same summary.
    public init(log: [UInt8], since: String? = nil, until: String? = nil) {
        self.since = since
        self.until = until
        lines = 0
        decisions = 0
        refusedCases = 0
        unreadableLines = 0
        unknownVersionLines = 0
        var sources: [String: Int] = [:]
        var services: [String: ServiceCount] = [:]
        var gapCounts: [String: GapCount] = [:]
        var rules: [String: RuleCount] = [:]
        var refused: [String: Int] = [:]
        let decoder = JSONDecoder()
        var start = 0
        while start < log.count {
            let end = log[start...].firstIndex(of: 0x0A)
            let line = log[start..<(end ?? log.count)]
            start = (end ?? log.count) + 1
            if line.isEmpty { continue }
            lines += 1
            guard end != nil, let r = try? decoder.decode(AuditRecord.self, from: Data(line)) else {
                unreadableLines += 1
                continue
            }
            guard r.v == 1 else {
                unknownVersionLines += 1
                continue
            }
            let day = String(r.loggedAt.prefix(10))
            if let since, day < since { continue }
            if let until, day > until { continue }
            if firstLoggedAt == nil || r.loggedAt < firstLoggedAt! { firstLoggedAt = r.loggedAt }
            if lastLoggedAt == nil || r.loggedAt > lastLoggedAt! { lastLoggedAt = r.loggedAt }
            sources[r.source, default: 0] += 1
            if r.kind == "refused" {
                refusedCases += 1
                for c in r.refusal ?? [] { refused[c, default: 0] += 1 }
                continue
            }
            decisions += 1
            for s in r.steps ?? [] {
                func bump(_ e: AuditRecord.Entry, _ f: (inout ServiceCount) -> Void) {
                    var c = services[e.service] ?? ServiceCount(service: e.service, category: s.category, referred: 0,
                                                                emergencyReferred: 0, informed: 0)
                    f(&c)
                    services[e.service] = c
                }
                s.referred.forEach { bump($0) { $0.referred += 1 } }
                s.emergencyReferred.forEach { bump($0) { $0.emergencyReferred += 1 } }
                s.informed.forEach { bump($0) { $0.informed += 1 } }
                for e in s.informed {
                    for rule in e.rules { rules[rule, default: RuleCount(rule: rule, excluded: 0, informed: 0)].informed += 1 }
                }
                for e in s.excluded {
                    for rule in e.rules { rules[rule, default: RuleCount(rule: rule, excluded: 0, informed: 0)].excluded += 1 }
                }
            }
            for g in r.gaps ?? [] {
                let key = [g.pathway, g.step, g.area, g.cause.rawValue].joined(separator: "\u{0}")
                gapCounts[key, default: GapCount(pathway: g.pathway, step: g.step, area: g.area, cause: g.cause.rawValue,
                                                 urgency: g.urgency.rawValue, count: 0)].count += 1
            }
        }
        bySource = sources.map { Count(id: $0.key, count: $0.value) }.sorted { ($1.count, $0.id) < ($0.count, $1.id) }
        referralsByService = services.values.sorted {
            ($1.referred + $1.emergencyReferred, $0.service) < ($0.referred + $0.emergencyReferred, $1.service)
        }
        var categories: [String: CategoryCount] = [:]
        for s in services.values {
            var c = categories[s.category] ?? CategoryCount(category: s.category, referred: 0, emergencyReferred: 0, informed: 0)
            c.referred += s.referred
            c.emergencyReferred += s.emergencyReferred
            c.informed += s.informed
            categories[s.category] = c
        }
        referralsByCategory = categories.values.sorted {
            ($1.referred + $1.emergencyReferred, $0.category) < ($0.referred + $0.emergencyReferred, $1.category)
        }
        gaps = gapCounts.values.sorted {
            ($1.count, $0.pathway, $0.step, $0.area, $0.cause) < ($0.count, $1.pathway, $1.step, $1.area, $1.cause)
        }
        notReferredByRule = rules.values.sorted { ($1.excluded + $1.informed, $0.rule) < ($0.excluded + $0.informed, $1.rule) }
        refusedByCode = refused.map { Count(id: $0.key, count: $0.value) }.sorted { ($1.count, $0.id) < ($0.count, $1.id) }
    }
}
