/// The on-disk shapes a coordinator writes by hand: `context.json`, `organisations.json`,
/// `services.json` and one file per pathway. They are decoded strictly and converted, in
/// `DirectoryLoader`, into the validated and indexed `Directory` the router uses.
///
/// `Pathways/README.md` documents every field for coordinators; keep the two in step.

/// The version of the file formats this engine reads.
public let supportedFormatVersion = 1

// context.json: the context's vocabularies (languages, areas, categories, groups, access needs) and rules.

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
