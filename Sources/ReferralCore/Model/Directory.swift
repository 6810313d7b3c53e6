/// The validated, indexed service directory of one context: what the router and the validator
/// work on. Built only by `DirectoryLoader`, so every id in it is known to resolve.
public struct Directory: Sendable {
    public let context: Context
    /// Organisations by id.
    public let organisations: [String: Organisation]
    /// Services sorted by id.
    public let services: [Service]
    /// Pathways sorted by id.
    public let pathways: [Pathway]
    /// Warnings and information found while loading (errors make loading fail instead).
    public let diagnostics: [Diagnostic]

    let serviceByID: [String: Int]
    /// Category id → served P-code → indices into `services`. Routing looks a case's area and
    /// its ancestors up here, so its cost does not grow with the size of the whole directory.
    let index: [String: [String: [Int]]]

    init(context: Context, organisations: [String: Organisation], services: [Service], pathways: [Pathway],
         diagnostics: [Diagnostic])
    {
        self.context = context
        self.organisations = organisations
        self.services = services.sorted { $0.id < $1.id }
        self.pathways = pathways.sorted { $0.id < $1.id }
        self.diagnostics = diagnostics
        var byID: [String: Int] = [:]
        var index: [String: [String: [Int]]] = [:]
        for (i, s) in self.services.enumerated() {
            byID[s.id] = i
            for area in s.areas { index[s.category, default: [:]][area, default: []].append(i) }
        }
        self.serviceByID = byID
        self.index = index
    }

    public func service(_ id: String) -> Service? { serviceByID[id].map { services[$0] } }
    public func pathway(_ id: String) -> Pathway? { pathways.first { $0.id == id } }

    /// Services of `category` whose areas cover `pcode` (the area itself or any ancestor), in
    /// service-id order.
    /// - Complexity: O(d + k log k) for an area at depth d and k matching services.
    public func services(category: String, covering pcode: String) -> [Service] {
        serviceIndices(category: category, lineage: context.lineage(of: pcode)).map { services[$0] }
    }

    /// Indices into `services` of the services of `category` serving an area of `lineage` (an
    /// area and its ancestors, as `Context.lineage(of:)` gives them), ascending, each once. The
    /// router decides on `services[i]` in place instead of copying every `Service` out first.
    func serviceIndices(category: String, lineage: [String]) -> [Int] {
        guard let byArea = index[category] else { return [] }
        var found: [Int] = []
        for a in lineage { found.append(contentsOf: byArea[a] ?? []) }
        found.sort()
        var unique: [Int] = []
        unique.reserveCapacity(found.count)
        for i in found where unique.last != i { unique.append(i) }
        return unique
    }
}

public struct Context: Sendable {
    public let id: String
    public let name: String
    public let fictional: Bool
    public let utcOffsetMinutes: Int
    public let reportingLevel: Int
    public let languages: [LanguageDocument]
    /// Areas by P-code.
    public let areas: [String: Area]
    public let categories: [String: CategoryDocument]
    public let populationGroups: [String: String]
    public let legalStatuses: [String: String]
    /// Nil when the context does not list access needs (then they are free words).
    public let accessNeeds: [String: String]?
    public let rules: ContextRules
    public let file: String

    public var adultAge: Int { rules.adultAge ?? 18 }

    /// The area and its ancestors, nearest first (`XY0211`, `XY02`, `XY`); only known areas.
    public func lineage(of pcode: String) -> [String] {
        var out: [String] = []
        var cur: String? = pcode
        while let c = cur, let a = areas[c] {
            out.append(c)
            cur = a.parent
        }
        return out
    }

    /// Whether `inner` lies within `outer` in the P-code hierarchy (or is it).
    public func area(_ inner: String, isWithin outer: String) -> Bool { lineage(of: inner).contains(outer) }

    public func areaName(_ pcode: String) -> String { areas[pcode]?.name ?? pcode }
}

public struct Area: Sendable, Hashable {
    public let pcode: String
    public let name: String
    public let level: Int
    public let parent: String?
}

public struct Organisation: Sendable {
    public let id: String
    public let name: String
    public let type: String?
    public let contact: ContactDocument?
    public let description: String?
    public let website: String?
    public let source: SourceDocument?
}

/// A service point, validated: its organisation, category, areas, languages and duties exist.
public struct Service: Sendable {
    public let id: String
    public let organisation: String
    public let name: String
    public let category: String
    public let areas: [String]
    public let modality: [Modality]
    public let hours: WeeklyHours?
    public let languages: [String]
    public let interpretation: Bool
    public let eligibility: EligibilityDocument
    public let accessibility: [String]
    public let staffSexes: [Sex]?
    public let features: [String]
    public let selfReferral: Bool
    public let requiredFields: [CaseField]
    public let status: ServiceStatus
    public let mandatoryReporting: [String]
    /// Both the service says it is qualified and its category may hold sensitive data.
    public let sensitiveDataQualified: Bool
    public let address: AddressDocument?
    public let focalPoint: ContactDocument?
    /// Days since 1970-01-01 of the last verification.
    public let lastVerifiedDay: Int?
    public let lastVerified: String?
    public let interventionType: InterventionType?
    public let cost: String?
    public let description: String?
    public let website: String?
    public let source: SourceDocument?
    /// Where the service is defined, for findings.
    public let place: SourcePlace
}

/// A referral pathway as a directed graph of steps.
public struct Pathway: Sendable {
    public let id: String
    public let name: String
    public let appliesWhen: ConditionDocument
    public let steps: [Step]
    /// Indices of entry steps, in the file's order.
    public let entry: [Int]
    /// Outgoing links per step index, in the file's order.
    public let links: [[Link]]
    public let file: String

    public struct Link: Sendable {
        public let to: Int
        public let when: ConditionDocument?
        public let place: SourcePlace
    }

    public func stepIndex(_ id: String) -> Int? { steps.firstIndex { $0.id == id } }
}

public struct Step: Sendable {
    public let id: String
    public let name: String
    public let category: String
    public let when: ConditionDocument?
    public let urgency: Urgency
    public let windows: [WindowDocument]
    public let escalate: [EscalationDocument]
    public let terminal: Bool
    public let optional: Bool
    public let note: String?
    /// Shown as a critical warning of the step (rule `step.critical-note`), in the brief too.
    public let criticalNote: String?
    public let place: SourcePlace
}
