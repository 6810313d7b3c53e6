/// The on-disk shapes a coordinator writes by hand: `context.json`, `organisations.json`,
/// `services.json` and one file per pathway. They are decoded strictly and converted, in
/// `DirectoryLoader`, into the validated and indexed `Directory` the router uses.
///
/// `Pathways/README.md` documents every field for coordinators; keep the two in step.

/// The version of the file formats this engine reads.
public let supportedFormatVersion = 1

// MARK: context.json

public struct ContextDocument: Codable, Sendable {
    public var formatVersion: Int
    public var id: String
    public var name: String
    /// True for demonstration and test data; shown on every output so it is never mistaken for real.
    public var fictional: Bool?
    /// The fixed offset of local time from UTC, as `+03:00`, used for opening hours.
    public var utcOffset: String
    /// The administrative level coverage is reported at (usually districts, level 2).
    public var reportingLevel: Int?
    public var languages: [LanguageDocument]
    public var areas: [AreaDocument]
    public var categories: [CategoryDocument]
    public var populationGroups: [VocabularyEntry]?
    public var legalStatuses: [VocabularyEntry]?
    /// Access needs a case can name and a service can meet (`wheelchair`, `sign-language`…). When
    /// given, services and cases are checked against it, so a misspelling cannot silently exclude.
    public var accessNeeds: [AccessNeedDocument]?
    /// Pathway files, relative to this file (generic pathways are shared between contexts).
    public var pathways: [String]
    public var rules: ContextRules
}

public struct LanguageDocument: Codable, Sendable {
    public var code: String
    public var name: String
    /// A main language of the context: coverage checks look for it in every area.
    public var main: Bool?
}

public struct VocabularyEntry: Codable, Sendable {
    public var id: String
    public var name: String
}

/// An access need a case can name and a service can meet, with how an unmet need is accommodated.
public struct AccessNeedDocument: Codable, Sendable {
    public var id: String
    public var name: String
    /// Modalities that meet the need without the service listing it (a phone line or a mobile
    /// team meets a wheelchair user). Left out: `phone`, `remote`, `mobile` for `wheelchair` and
    /// `mobility`, none for any other need.
    public var metByModality: [Modality]?
    /// What to arrange when a service does not meet the need ("arrange sign-language
    /// interpretation"): a reasonable accommodation, never a reason to exclude.
    public var accommodation: String?
}

public struct AreaDocument: Codable, Sendable {
    /// The P-code; it extends its parent's code (`XY` → `XY02` → `XY0211`).
    public var pcode: String
    public var name: String
    public var level: Int
}

public struct CategoryDocument: Codable, Sendable {
    public var id: String
    public var name: String
    /// Services of this category may hold sensitive case data (incident details, indicators, health).
    public var sensitive: Bool?
    /// The category is law enforcement: a survivor's "no police" preference excludes it.
    public var lawEnforcement: Bool?
    /// Services of this kind house people (safe shelters): a child is offered one only if the
    /// service declares the feature `child-safe`.
    public var shelter: Bool?
    /// Family tracing: for a trafficked child, a warning to check first that the family was not
    /// involved.
    public var familyTracing: Bool?
    /// A durable solution (assisted return, reintegration, resettlement): for a child, no
    /// referral until a best interests determination is done.
    public var durableSolution: Bool?
    /// Offered only as a referral with the person's consent, never as information only (a PSEA
    /// reporting channel).
    public var referralOnly: Bool?
}

/// Context rules: defaults from guidance that a coordinator can change in data.
public struct ContextRules: Codable, Sendable {
    /// Whose consent counts, by age band. Bands must cover 0 to the oldest age without gaps.
    public var consentByAge: [ConsentBand]
    /// Who may consent for a child when the caregiver is absent, is the suspected perpetrator, or
    /// does not act in the child's interest (in order of preference). Never the caregiver.
    public var whenCaregiverCannotConsent: [ConsentGiver]
    /// Legal duties to report, and to whom they apply.
    public var mandatoryReporting: [ReportingDuty]
    /// The imminent-risk-to-life exception to consent, if this context allows it.
    public var imminentRiskToLife: RiskToLifeRule
    /// A service not verified for longer than this is flagged as stale.
    public var staleAfterDays: Int
    /// Case fields that only providers qualified for sensitive data may receive.
    public var sensitiveFields: [CaseField]
    /// Expected response time per urgency level, in hours (inter-agency MHPSS guidance: 24/72/336).
    public var responseHours: ResponseHours
    /// A child is anyone younger than this.
    public var adultAge: Int?
    /// The shape of this operation's case codes; nil: a prefix and a number (`CaseCodeRule`).
    public var caseCode: CaseCodeRuleDocument?
    /// A person whose age band includes ages under `adultAge` is treated as a child until the age
    /// is assessed (presumption of minority). Left out: true.
    public var presumeMinority: Bool?
}

public struct ConsentBand: Codable, Sendable {
    public var minAge: Int
    public var maxAge: Int
    /// Whose consent counts for this band (for example `caregiver`, or `self`).
    public var consentFrom: [ConsentGiver]
    /// The child's own assent is needed as well.
    public var childAssent: Bool?
}

public struct ReportingDuty: Codable, Sendable {
    public var id: String
    public var name: String
    /// The cases the duty applies to (for example children).
    public var appliesWhen: ConditionDocument?
    /// What the provider must report and to whom, told to the person before referral.
    public var consequence: String
}

public struct RiskToLifeRule: Codable, Sendable {
    public var allowed: Bool
    /// The categories an emergency referral without consent may go to.
    public var categories: [String]?
    /// The only fields sent under the exception.
    public var minimumFields: [CaseField]?
}

public struct ResponseHours: Codable, Sendable {
    /// Left out: 0 (respond now).
    public var immediate: Int?
    public var emergency: Int
    public var urgent: Int
    public var routine: Int
}

// MARK: organisations.json and services.json

public struct OrganisationDocument: Codable, Sendable {
    public var id: String
    public var name: String
    /// `ngo`, `un`, `government`, `community` … free vocabulary.
    public var type: String?
    public var contact: ContactDocument?
    /// What the organisation does, in its own words (free text, shown, never used to decide).
    public var description: String?
    /// Its public web site, `http://` or `https://`.
    public var website: String?
    /// Where the entry was imported from, so that a re-import updates it instead of adding a copy.
    public var source: SourceDocument?
}

/// The record an imported entry came from: `referral import` writes it, a re-import of the same
/// dataset finds the entry by it.
public struct SourceDocument: Codable, Sendable, Hashable {
    /// A short name of the dataset (`city-211-2026-10`, `hsds:…`).
    public var dataset: String
    /// The record's id in that dataset, as text (`4711`, a UUID).
    public var recordId: String
    /// Where in the source the record was read: `services.csv row 14`, `$.contents[3]`.
    public var place: String?
    /// Fields the import worked out rather than read (`areas` from the address): check them.
    public var inferred: [String]?

    public init(dataset: String, recordId: String, place: String? = nil, inferred: [String]? = nil) {
        self.dataset = dataset
        self.recordId = recordId
        self.place = place
        self.inferred = inferred
    }
}

public struct ContactDocument: Codable, Sendable, Hashable {
    /// A public focal-point role, never a person's name.
    public var role: String?
    public var phone: String?
    public var email: String?

    public init(role: String?, phone: String?, email: String?) {
        self.role = role
        self.phone = phone
        self.email = email
    }
}

public struct ServiceDocument: Codable, Sendable {
    public var id: String
    public var organisation: String
    public var name: String
    public var category: String
    /// P-codes served; a service covers every area whose code starts with one of these.
    public var areas: [String]
    public var modality: [Modality]
    public var hours: HoursDocument?
    public var languages: [String]
    /// Interpretation is available for other languages.
    public var interpretation: Bool?
    public var eligibility: EligibilityDocument?
    public var accessibility: [String]?
    /// Sexes of staff available (for a survivor's preference).
    public var staffSexes: [Sex]?
    /// Tags such as `forensic-evidence`, matched against a survivor's refusals.
    public var features: [String]?
    public var intake: IntakeDocument
    public var status: ServiceStatus
    /// Ids of the context's reporting duties this provider carries.
    public var mandatoryReporting: [String]?
    /// Qualified to receive sensitive case data (also needs a sensitive category).
    public var sensitiveDataQualified: Bool?
    public var address: AddressDocument?
    public var focalPoint: ContactDocument?
    /// `YYYY-MM-DD`.
    public var lastVerified: String?
    public var interventionType: InterventionType?
    /// `free` or a short description of cost.
    public var cost: String?
    /// What the service does, in the provider's words (free text, shown, never used to decide).
    public var description: String?
    /// Its public web site, `http://` or `https://`.
    public var website: String?
    /// Where the entry was imported from, so that a re-import updates it instead of adding a copy.
    public var source: SourceDocument?
}

public struct HoursDocument: Codable, Sendable {
    public var alwaysOpen: Bool?
    /// Weekday to opening periods, each `HH:MM-HH:MM` (`22:00-06:00` runs past midnight).
    public var weekly: [String: [String]]?

    public init(alwaysOpen: Bool?, weekly: [String: [String]]?) {
        self.alwaysOpen = alwaysOpen
        self.weekly = weekly
        self.weeklyRanges = nil
    }

    /// `weekly` as minute ranges, when the hand-written decoder read them straight from the file
    /// (DocumentTables.swift); not part of the format.
    var weeklyRanges: Result<[Range<Int>], WeeklyHours.HoursError>?

    enum CodingKeys: String, CodingKey {
        case alwaysOpen, weekly
    }

    /// The minute ranges of `weekly` (nil without it), the same as `WeeklyHours.parse` gives.
    var parsedWeekly: Result<[Range<Int>], WeeklyHours.HoursError>? {
        weeklyRanges ?? weekly.map(WeeklyHours.parse)
    }
}

public struct EligibilityDocument: Codable, Sendable {
    public var minAge: Int?
    public var maxAge: Int?
    public var sexes: [Sex]?
    /// If set, only these population groups are served.
    public var populationGroups: [String]?
    /// If set, only these legal statuses are served (a non-discrimination gap to report).
    public var legalStatuses: [String]?
    /// Eligibility as the source wrote it ("Women 18+ who are survivors of domestic violence"):
    /// shown to caseworkers, never used to decide. Only the fields above restrict.
    public var note: String?

    public init(minAge: Int? = nil, maxAge: Int? = nil, sexes: [Sex]? = nil, populationGroups: [String]? = nil,
                legalStatuses: [String]? = nil, note: String? = nil)
    {
        self.minAge = minAge
        self.maxAge = maxAge
        self.sexes = sexes
        self.populationGroups = populationGroups
        self.legalStatuses = legalStatuses
        self.note = note
    }
}

public struct IntakeDocument: Codable, Sendable {
    /// The person can go or call without a referral; shown as information when no consent exists.
    public var selfReferral: Bool
    /// The case fields the provider needs to accept a referral.
    public var requiredFields: [CaseField]

    public init(selfReferral: Bool, requiredFields: [CaseField]) {
        self.selfReferral = selfReferral
        self.requiredFields = requiredFields
    }
}

public struct AddressDocument: Codable, Sendable {
    /// The address as written; may be left out (only) for a confidential address.
    public var text: String?
    /// A confidential address (a shelter) is never printed by the router.
    public var confidential: Bool
    /// WGS 84 decimal degrees, both or neither; never on a confidential address.
    public var latitude: Double?
    public var longitude: Double?

    public init(text: String?, confidential: Bool, latitude: Double? = nil, longitude: Double? = nil) {
        self.text = text
        self.confidential = confidential
        self.latitude = latitude
        self.longitude = longitude
    }
}

// MARK: pathway files

public struct PathwayDocument: Codable, Sendable {
    public var formatVersion: Int
    public var id: String
    public var name: String
    /// The cases this pathway is for (usually a concern, or an age for child protection).
    public var appliesWhen: ConditionDocument
    /// The steps routing starts from.
    public var entry: [String]
    public var steps: [StepDocument]
    public var links: [LinkDocument]
}

public struct StepDocument: Codable, Sendable {
    public var id: String
    public var name: String
    public var category: String
    /// The step is offered only to cases meeting this condition.
    public var when: ConditionDocument?
    public var urgency: Urgency
    /// The step's own response time in hours (family tracing within 48 hours), when it is
    /// shorter than the urgency's.
    public var respondWithinHours: Double?
    /// Time windows after the incident, each raising the urgency while open.
    public var windows: [WindowDocument]?
    /// Conditions that raise the urgency (for example suicide risk with a plan → emergency).
    public var escalate: [EscalationDocument]?
    /// The pathway may end here; a non-terminal step without a usable next step is a dead end.
    public var terminal: Bool?
    /// Offered for the person's own choice only (police, for example): shown, never pushed.
    public var optional: Bool?
    /// Guidance shown with the step (for example "forensic evidence only if the survivor agrees").
    public var note: String?
    /// What must be said or done on a call whenever the step applies ("do not leave a person with
    /// a suicide plan alone"): a critical warning of the step, so the brief plan carries it too.
    public var criticalNote: String?
}

public struct WindowDocument: Codable, Sendable {
    public var id: String
    public var name: String
    /// Hours after the incident when the window closes.
    public var hours: Double
    public var urgency: Urgency
    /// The cases the window applies to (emergency contraception: women and girls of reproductive
    /// age); left out: every case the step applies to.
    public var when: ConditionDocument?
    /// Shown with the window ("ulipristal and the copper IUD up to 120 hours").
    public var note: String?
}

public struct EscalationDocument: Codable, Sendable {
    public var when: ConditionDocument
    public var urgency: Urgency
    public var reason: String
}

public struct LinkDocument: Codable, Sendable {
    public var from: String
    public var to: String
    public var when: ConditionDocument?
}

/// A condition on a case: every field given must hold; list fields hold when any item matches.
public struct ConditionDocument: Codable, Sendable, Hashable {
    public var concerns: [String]?
    public var incidentTypes: [GBVIncidentType]?
    public var ageAtLeast: Int?
    public var ageAtMost: Int?
    public var sexes: [Sex]?
    public var separation: [Separation]?
    public var traffickingIndicators: [TraffickingIndicator]?
    public var suicidePlan: Bool?
    public var suicidalThoughts: Bool?
    public var psychosisSigns: Bool?
    public var distressAtLeast: Distress?
    public var hoursSinceIncidentAtMost: Double?
    public var caregiverSuspected: Bool?
    public var imminentRiskToLife: Bool?
    public var injuries: Bool?
    public var safetyRisk: [SafetyRisk]?
    public var wantsShelter: Bool?
    public var populationGroups: [String]?
    public var anyOf: [ConditionDocument]?
    public var not: Box<ConditionDocument>?

    public init() {}
}

/// Indirection for recursive value types.
public final class Box<T: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public let value: T
    public init(_ value: T) { self.value = value }
    public init(from decoder: Decoder) throws { value = try T(from: decoder) }
    public func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
    public static func == (a: Box, b: Box) -> Bool { a.value == b.value }
    public func hash(into h: inout Hasher) { h.combine(value) }
}
