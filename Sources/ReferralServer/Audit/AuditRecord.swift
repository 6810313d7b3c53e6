import Foundation
import ReferralCore

/// One line of the audit log: one routing decision, or one refused case.
///
/// It holds ids and rule ids only: the case code (the pseudonymous key the guidance says logs
/// hold), the context, the pathways, and per step the services referred, informed or excluded
/// with the rules that decided each. Never a case field's value, never a packet value, never a
/// reason text. A gap's area is written at the context's reporting level (a district in the
/// demo), enough for "which gaps did the hotline hit" and no finer.
public struct AuditRecord: Codable, Sendable, Equatable {
    /// The line format; readers skip lines of a version they do not know.
    public var v: Int = 1
    /// `route` or `refused`.
    public var kind: String
    /// When the line was written (UTC, from the front end's clock).
    public var loggedAt: String
    /// The routing time the decision was made for.
    public var at: String
    /// `cli`, `api` or `page`.
    public var source: String
    public var context: String
    /// The digest of the data files the decision was made on (servers only).
    public var dataVersion: String?
    public var caseCode: String?
    public var consentValid: Bool?
    public var pathways: [String]?
    public var steps: [Step]?
    public var gaps: [GapEntry]?
    /// For a refused case: the finding codes (`case.identifying-data`, `case.unknown-area`…).
    public var refusal: [String]?

    public struct Step: Codable, Sendable, Equatable {
        public var pathway: String
        public var step: String
        public var category: String
        public var urgency: Urgency
        public var referred: [Entry]
        public var emergencyReferred: [Entry]
        public var informed: [Entry]
        public var excluded: [Entry]
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var service: String
        /// The rule ids that decided it (`consent.referral`, `eligibility.age`…).
        public var rules: [String]
    }

    public struct GapEntry: Codable, Sendable, Equatable {
        public var pathway: String
        public var step: String
        public var category: String
        public var urgency: Urgency
        public var cause: Gap.Cause
        public var area: String
    }

    /// The line for a routed case.
    public init(_ plan: RoutePlan, directory: Directory, loggedAt: Date, source: String, dataVersion: String?) {
        kind = "route"
        self.loggedAt = utcText(loggedAt)
        at = plan.at
        self.source = source
        context = plan.context
        self.dataVersion = dataVersion
        caseCode = plan.caseCode
        consentValid = plan.consent.valid
        pathways = plan.pathways
        steps = plan.steps.map { s in
            let all = s.options + s.excluded
            func entries(_ a: Action) -> [Entry] {
                all.filter { $0.action == a }.map { Entry(service: $0.service, rules: $0.decidingRules.map(\.rawValue)) }
            }
            return Step(pathway: s.pathway, step: s.step, category: s.category, urgency: s.urgency, referred: entries(.refer),
                        emergencyReferred: entries(.emergencyReferral), informed: entries(.inform), excluded: entries(.excluded))
        }
        let ctx = directory.context
        gaps = plan.gaps.map {
            GapEntry(pathway: $0.pathway, step: $0.step, category: $0.category, urgency: $0.urgency, cause: $0.cause,
                     area: AuditRecord.reportingArea($0.area, ctx))
        }
    }

    /// The line for a case the loader refused: the finding codes only.
    public static func refused(_ r: CaseRefusal, at: RoutingTime, loggedAt: Date, source: String, context: String,
                               dataVersion: String?) -> AuditRecord
    {
        AuditRecord(kind: "refused", loggedAt: utcText(loggedAt), at: at.iso8601, source: source, context: context,
                    dataVersion: dataVersion, refusal: Array(Set(r.diagnostics.map(\.code.rawValue))).sorted())
    }

    init(kind: String, loggedAt: String, at: String, source: String, context: String, dataVersion: String?,
         refusal: [String]?)
    {
        self.kind = kind
        self.loggedAt = loggedAt
        self.at = at
        self.source = source
        self.context = context
        self.dataVersion = dataVersion
        self.refusal = refusal
    }

    /// The area's ancestor at the context's reporting level (or the area, when it is coarser).
    static func reportingArea(_ pcode: String, _ ctx: Context) -> String {
        ctx.lineage(of: pcode).first { ctx.areas[$0]?.level == ctx.reportingLevel } ?? pcode
    }

    /// The line as written: compact JSON with sorted keys and a final newline.
    public var line: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = [UInt8]((try? encoder.encode(self)) ?? Data("{}".utf8))
        bytes.append(0x0A)
        return bytes
    }
}
