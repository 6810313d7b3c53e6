/// What `referral validate` answers a coordinator: every finding about the directory and its
/// pathways, a coverage matrix (pathway step × area × population) and the shape of each pathway.
///
/// Plain data with stable JSON keys; `Validator.validate` fills it in a deterministic order so
/// that the same directory at the same date always gives byte-identical output.
public struct ValidationReport: Codable, Sendable, Equatable {
    /// The version of this report's JSON shape.
    public var formatVersion: Int = 1
    /// The context validated; nil when it could not be loaded at all.
    public var context: ReportContext?
    /// The date the checks were made for ("now" as given by the caller), in local time.
    public var at: String
    public var summary: ValidationSummary
    /// Every finding, loader findings included, in report order.
    public var findings: [Diagnostic]
    /// The areas at the context's reporting level, by P-code.
    public var areas: [ReportArea]
    /// The populations coverage is checked for, in a fixed order.
    public var populations: [ReportPopulation]
    /// Each pathway's graph, with the structural analysis.
    public var pathways: [PathwaySummary]
    /// One row per pathway step, in pathway then step order.
    public var coverage: [StepCoverage]

    /// Whether the report should fail a run: any error, or with `strict` any warning as well.
    public func failed(strict: Bool) -> Bool {
        summary.errors > 0 || (strict && summary.warnings > 0)
    }
}

public struct ReportContext: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var fictional: Bool
    public var reportingLevel: Int
    public var staleAfterDays: Int
}

public struct ValidationSummary: Codable, Sendable, Equatable {
    public var errors: Int
    public var warnings: Int
    public var info: Int
    /// Finding counts by code, sorted by code.
    public var byCode: [CodeCount]
    public var services: Int
    public var pathways: Int
    public var areas: Int
    /// Step × area cells in the matrix.
    public var cells: Int
    /// Cells where some population has no open service at all.
    public var cellsWithGaps: Int
    /// Cells where some population lacks an open, unrestricted option without a reporting duty.
    public var cellsNotFullyCovered: Int
}

public struct CodeCount: Codable, Sendable, Equatable {
    public var code: Diagnostic.Code
    public var count: Int
}

public struct ReportArea: Codable, Sendable, Equatable {
    public var pcode: String
    public var name: String
    /// The parent area's P-code.
    public var parent: String?
}

/// A population coverage is checked for: a sex × age group, a population group, or people with
/// one legal status.
public struct ReportPopulation: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case base, group, legalStatus = "legal-status"
    }
    /// `female-child`, `male-adult`, `group:refugee`, `legal-status:irregular-migrant` …
    public var id: String
    public var name: String
    public var kind: Kind
}

/// How well one population is served for one step in one area. Ordered from best to worst.
public enum CoverageStatus: String, Codable, Sendable, Comparable, CaseIterable {
    /// The step never applies to this population (a child-only pathway for adults, for example).
    case notApplicable = "not-applicable"
    /// At least one open, eligible service without a reporting duty for this population.
    case covered
    /// Every eligible option carries a mandatory-reporting duty for this population.
    case reportingOnly = "reporting-only"
    /// Every eligible option is at capacity (waiting list).
    case waitlistOnly = "waitlist-only"
    /// Only services that serve part of this population (by legal status, group or age).
    case partial
    /// No open service serves this population here.
    case gap

    /// The position in the order above (compared for every population of every cell: no array look-up).
    var order: Int {
        switch self {
        case .notApplicable: 0
        case .covered: 1
        case .reportingOnly: 2
        case .waitlistOnly: 3
        case .partial: 4
        case .gap: 5
        }
    }
    public static func < (a: CoverageStatus, b: CoverageStatus) -> Bool { a.order < b.order }

    /// A short label for a matrix cell: the worst status, and whether only some groups have it.
    public static func cellLabel(_ c: CoverageCell) -> String {
        c.status == c.baseStatus ? c.status.label : "\(c.baseStatus.label); \(c.status.label) for some groups"
    }

    /// A short label for tables.
    public var label: String {
        switch self {
        case .notApplicable: "n/a"
        case .covered: "covered"
        case .reportingOnly: "reporting duty only"
        case .waitlistOnly: "waitlist only"
        case .partial: "restricted only"
        case .gap: "gap"
        }
    }
}

public struct StepCoverage: Codable, Sendable, Equatable {
    public var pathway: String
    public var step: String
    public var stepName: String
    public var category: String
    /// The step has an emergency window, escalation or urgency: it needs an option at any hour.
    public var emergency: Bool
    public var optional: Bool
    /// One cell per reporting area, in P-code order.
    public var cells: [CoverageCell]
}

public struct CoverageCell: Codable, Sendable, Equatable {
    public var area: String
    /// The worst status over all populations.
    public var status: CoverageStatus
    /// The worst status over the sex × age populations only (a cell can be covered for them and
    /// still leave a population group or legal status without an option).
    public var baseStatus: CoverageStatus
    /// For emergency steps: whether some open option here is open at every hour of the week.
    public var allHours: Bool?
    /// Open services of the step's category serving this area, by id.
    public var services: [String]
    /// One entry per population, in the report's population order.
    public var populations: [PopulationCoverage]
}

public struct PopulationCoverage: Codable, Sendable, Equatable {
    public var population: String
    public var status: CoverageStatus
    /// The services that fully serve this population here (for the sex × age populations only).
    public var options: [String]?
}

/// A pathway as a graph, with what the structural checks found.
public struct PathwaySummary: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var file: String
    public var entry: [String]
    public var steps: [StepNode]
    public var links: [LinkEdge]
    /// Each cycle as the steps it passes through, the first repeated at the end.
    public var cycles: [[String]]
    public var unreachable: [String]
    public var deadEnds: [String]
}

public struct StepNode: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var category: String
    public var urgency: Urgency
    public var emergency: Bool
    public var terminal: Bool
    public var optional: Bool
    /// Links from an entry step (breadth first); nil when unreachable.
    public var depth: Int?
}

public struct LinkEdge: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    /// A short account of the link's condition, when it has one.
    public var when: String?
}
