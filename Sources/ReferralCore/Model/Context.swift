/// A context as the router and the validator use it: vocabularies, the area tree and the rules,
/// built from context.json by `ContextBuilder`, every reference checked.
public struct Context: Sendable {
    public let id: String
    public let name: String
    public let fictional: Bool
    public let utcOffsetMinutes: Int
    public let reportingLevel: Int
    public let languages: [Language]
    /// Areas by P-code.
    public let areas: [String: Area]
    public let categories: [String: Category]
    public let populationGroups: [String: String]
    public let legalStatuses: [String: String]
    /// Nil when the context does not list access needs (then they are free words).
    public let accessNeeds: [String: String]?
    /// How each listed access need is met and accommodated (see `accommodation(for:)`).
    let accessNeedRules: [String: AccessNeed]
    public let rules: Rules
    public let file: String
    /// The vocabularies as small integer ids and the area tree with its lineages (see VocabularyIDs.swift).
    public let ids: VocabularyIDs

    public var adultAge: Int { rules.adultAge }

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

    /// How an access need is met and accommodated: as the context lists it, else the defaults
    /// (a wheelchair or mobility need is met by phone, remote and mobile services).
    public func accessNeed(_ id: String) -> AccessNeed {
        accessNeedRules[id] ?? AccessNeed(id: id, name: accessNeeds?[id] ?? id, metByModality: nil, accommodation: nil)
    }
}

/// An access need: the modalities that meet it without the service listing it, and what to
/// arrange when a service does not meet it (a reasonable accommodation, never an exclusion).
public struct AccessNeed: Sendable, Hashable {
    public let id: String
    public let name: String
    /// The modalities that meet the need.
    public let metBy: [Modality]
    /// What to arrange when the need is not met.
    public let accommodation: String

    public init(id: String, name: String, metByModality: [Modality]?, accommodation: String?) {
        self.id = id
        self.name = name
        metBy = metByModality ?? (["wheelchair", "mobility"].contains(id) ? [.phone, .remote, .mobile] : [])
        self.accommodation = accommodation ?? "arrange reasonable accommodation for this need (\(name))"
    }
}

public struct Area: Sendable, Hashable {
    public let pcode: String
    public let name: String
    public let level: Int
    public let parent: String?
}

public struct Language: Sendable, Hashable {
    public let code: String
    public let name: String
    /// A main language of the context: coverage checks look for it in every area.
    public let main: Bool
}

public struct Category: Sendable, Hashable {
    public let id: String
    public let name: String
    /// Services of this category may hold sensitive case data.
    public let sensitive: Bool
    /// Law enforcement: a survivor's "no police" preference excludes it.
    public let lawEnforcement: Bool
    /// Services of this kind house people: offered to a child only when `child-safe`.
    public let shelter: Bool
    /// Family tracing: for a trafficked child, check first that the family was not involved.
    public let familyTracing: Bool
    /// A durable solution (return, reintegration): for a child, after a best interests determination.
    public let durableSolution: Bool
    /// Offered only as a referral with consent, never as information only (a PSEA channel).
    public let referralOnly: Bool
}

/// The context's rules: defaults from guidance that a coordinator can change in data.
public struct Rules: Sendable {
    /// Whose consent counts, by age band; the bands cover every age from 0 without gaps.
    public let consentByAge: [ConsentBand]
    /// Who may consent for a child when the caregiver cannot (in order of preference).
    public let whenCaregiverCannotConsent: [ConsentGiver]
    public let mandatoryReporting: [ReportingDuty]
    public let imminentRiskToLife: RiskToLife
    public let staleAfterDays: Int
    /// Case fields only providers qualified for sensitive data may receive.
    public let sensitiveFields: [CaseField]
    public let responseHours: ResponseHours
    /// A child is anyone younger than this.
    public let adultAge: Int
    /// The shape of this operation's case codes.
    public let caseCode: CaseCodeRule
    /// An age band that includes ages under `adultAge` is a child's until the age is assessed.
    public let presumeMinority: Bool

    /// The ages a case is read with when its age is in dispute: a band that includes ages under
    /// `adultAge` and over it is a child's (its ages under `adultAge`) until the age is assessed,
    /// when `presumeMinority` is on. Nil otherwise: the band as recorded.
    public func presumedChildAges(_ age: AgeValue) -> ClosedRange<Int>? {
        guard presumeMinority, age.min < adultAge, age.max >= adultAge else { return nil }
        return age.min...(adultAge - 1)
    }

    public struct ConsentBand: Codable, Sendable {
        public let minAge: Int
        public let maxAge: Int
        public let consentFrom: [ConsentGiver]
        /// The child's own assent is needed as well.
        public let childAssent: Bool

        init(minAge: Int, maxAge: Int, consentFrom: [ConsentGiver], childAssent: Bool) {
            self.minAge = minAge
            self.maxAge = maxAge
            self.consentFrom = consentFrom
            self.childAssent = childAssent
        }

        enum CodingKeys: String, CodingKey { case minAge, maxAge, consentFrom, childAssent }

        // The shape of a band in context.json: `childAssent` only when it is asked for.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            minAge = try c.decode(Int.self, forKey: .minAge)
            maxAge = try c.decode(Int.self, forKey: .maxAge)
            consentFrom = try c.decode([ConsentGiver].self, forKey: .consentFrom)
            childAssent = try c.decodeIfPresent(Bool.self, forKey: .childAssent) ?? false
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(minAge, forKey: .minAge)
            try c.encode(maxAge, forKey: .maxAge)
            try c.encode(consentFrom, forKey: .consentFrom)
            if childAssent { try c.encode(true, forKey: .childAssent) }
        }
    }

    /// A legal duty to report, the cases it applies to and what the provider must report.
    public struct ReportingDuty: Sendable {
        public let id: String
        public let name: String
        public let appliesWhen: Condition
        public let consequence: String
    }

    /// The imminent-risk-to-life exception to consent.
    public struct RiskToLife: Sendable {
        public let allowed: Bool
        /// The categories an emergency referral without consent may go to.
        public let categories: [String]
        /// The only fields sent under the exception.
        public let minimumFields: [CaseField]
    }

    /// Expected response time per urgency level, in hours.
    public struct ResponseHours: Sendable {
        public let immediate: Int
        public let emergency: Int
        public let urgent: Int
        public let routine: Int

        func hours(_ u: Urgency) -> Int {
            switch u {
            case .immediate: immediate
            case .emergency: emergency
            case .urgent: urgent
            case .routine: routine
            }
        }
    }
}
