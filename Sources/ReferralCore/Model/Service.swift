public struct Organisation: Sendable {
    public let id: String
    public let name: String
    public let type: String?
    public let contact: Contact?
    public let description: String?
    public let website: String?
    public let source: Source?
}

/// A service point, validated: its organisation, category, areas, languages and duties exist.
///
/// A view of one record of the directory's compact store (ServiceStore.swift): each property is
/// read from it when asked for, so a directory of 100,000 services keeps no per-service strings
/// or arrays. The interned accessors (`areaIDs`, `categoryID`, `eligibilityIDs`…) give the same
/// values as ids of `Context.ids`, without building strings.
public struct Service: Sendable {
    let store: ServiceStore
    /// The service's index in `Directory.services`.
    public let index: Int

    var record: ServiceRecord { store.records[index] }

    public var id: String { store.string(record.id) }
    public var organisation: String { store.organisations[record.organisation] }
    public var name: String { store.string(record.name) }
    public var category: String { store.vocab.categories[record.category] }
    public var areas: [String] { store.lists[record.areas].map { store.vocab.areas[$0] } }
    public var modality: [Modality] { store.lists[record.modality].map { Modality(caseIndex: $0) } }
    public var hours: WeeklyHours? { record.hours < 0 ? nil : store.hours[Int(record.hours)] }
    public var languages: [String] { store.lists[record.languages].map { store.vocab.languages[$0] } }
    public var interpretation: Bool { record.flags & ServiceRecord.interpretation != 0 }
    public var eligibility: Eligibility { store.eligibilities[Int(record.eligibility)] }
    public var accessibility: [String] { store.lists[record.accessibility].map { store.words[$0] } }
    public var staffSexes: [Sex]? {
        record.staffSexes < 0 ? nil : store.lists[record.staffSexes].map { Sex(caseIndex: $0) }
    }
    public var features: [String] { store.lists[record.features].map { store.words[$0] } }
    public var selfReferral: Bool { record.flags & ServiceRecord.selfReferral != 0 }
    public var requiredFields: [CaseField] { store.lists[record.requiredFields].map { CaseField(caseIndex: $0) } }
    public var status: ServiceStatus { ServiceStatus(caseIndex: Int32(record.status)) }
    public var mandatoryReporting: [String] { store.lists[record.mandatoryReporting].map { store.vocab.duties[$0] } }
    /// Both the service says it is qualified and its category may hold sensitive data.
    public var sensitiveDataQualified: Bool { record.flags & ServiceRecord.sensitiveQualified != 0 }
    public var address: Address? { record.address < 0 ? nil : store.addresses[Int(record.address)] }
    public var focalPoint: Contact? { record.focalPoint < 0 ? nil : store.contacts[Int(record.focalPoint)] }
    /// Days since 1970-01-01 of the last verification.
    public var lastVerifiedDay: Int? { record.lastVerifiedDay == .min ? nil : Int(record.lastVerifiedDay) }
    public var lastVerified: String? {
        if let e = extra, !e.lastVerified.isNone { return store.string(e.lastVerified) }
        return lastVerifiedDay.map(dayText)
    }
    public var interventionType: InterventionType? {
        record.interventionType == .max ? nil : InterventionType(caseIndex: Int32(record.interventionType))
    }
    public var cost: String? { record.cost < 0 ? nil : store.costs[record.cost] }
    /// What the service does, in the provider's words: shown, never used to decide.
    public var description: String? { extra.flatMap { store.text.optionalString($0.description) } }
    public var website: String? { extra.flatMap { store.text.optionalString($0.website) } }
    public var source: Source? { extra?.source }
    /// Where the service is defined, for findings.
    public var place: SourcePlace {
        let r = record
        return SourcePlace(file: store.servicesFile, path: store.string(r.path), line: r.line > 0 ? Int(r.line) : nil,
                           column: r.column > 0 ? Int(r.column) : nil)
    }

    private var extra: ServiceExtra? { record.extra < 0 ? nil : store.extras[Int(record.extra)] }

    // MARK: Interned accessors (ids of `Context.ids`)

    /// The category's id in `Context.ids.categories`.
    public var categoryID: Int32 { record.category }
    /// The organisation's id in `Directory.organisationIDs`.
    public var organisationID: Int32 { record.organisation }
    /// Ids in `Context.ids.areas`, in the file's order.
    public var areaIDs: ArraySlice<Int32> { store.lists[record.areas] }
    /// Ids in `Context.ids.languages`, in the file's order.
    public var languageIDs: ArraySlice<Int32> { store.lists[record.languages] }
    /// Ids in `Context.ids.duties`.
    public var dutyIDs: ArraySlice<Int32> { store.lists[record.mandatoryReporting] }
    /// The id of the service's list of required fields: services asking for the same fields
    /// share it (`IDLists` stores each list once).
    var requiredFieldsList: Int32 { record.requiredFields }
    /// Services with the same eligibility share this number (`0..<Directory.eligibilityCount`):
    /// a verdict about one holds for all of them.
    public var eligibilityID: Int { Int(record.eligibility) }
    /// The eligibility as ids and bit masks.
    public var eligibilityIDs: EligibilityIDs { store.eligibilityIDs[Int(record.eligibility)] }
    /// The position in the case's lineage (ids, nearest first) of the nearest area the service
    /// serves; nil when it serves none.
    public func servedPosition(in lineage: ArraySlice<Int32>) -> Int? {
        let mine = record.areas
        var pos = 0
        for a in lineage {
            if store.lists.contains(mine, a) { return pos }
            pos += 1
        }
        return nil
    }

    // MARK: What the rules ask of a service's lists, without building them

    /// Whether the service works in one of these languages (`Context.ids.languages`).
    func worksInAny(of languages: [Int32]) -> Bool { store.lists.firstItem(record.languages, where: languages.contains) != nil }
    /// Whether the service lists this accessibility word (`Directory.wordID`).
    func lists(accessibility word: Int32) -> Bool { store.lists.contains(record.accessibility, word) }
    /// The first of the service's modalities (a `Modality` position) among these, nil when none is.
    func firstModality(in positions: [Int32]) -> Int32? { store.lists.firstItem(record.modality, where: positions.contains) }
    /// Whether the service records staff of this sex (a `Sex` position); nil when it records none.
    func hasStaff(ofSex position: Int32) -> Bool? {
        record.staffSexes < 0 ? nil : store.lists.contains(record.staffSexes, position)
    }
    /// Whether the service carries no reporting duty, or this one (`Context.ids.duties`).
    var carriesNoDuty: Bool { store.lists.isEmpty(record.mandatoryReporting) }
    func carries(duty: Int32) -> Bool { store.lists.contains(record.mandatoryReporting, duty) }
}

/// Who a service is for. Nil means no restriction on that fact.
public struct Eligibility: Sendable, Hashable {
    public let minAge: Int?
    public let maxAge: Int?
    public let sexes: [Sex]?
    /// Only these population groups are served.
    public let populationGroups: [String]?
    /// Only these legal statuses are served (a non-discrimination gap to report).
    public let legalStatuses: [String]?
    /// Eligibility as the source wrote it: shown to caseworkers, never used to decide.
    public let note: String?

    /// The ages served when the service restricts by age: a missing bound is the end of the age
    /// scale (0 or `AgeValue.oldest`), so "no maximum" and 130 are the same set of people.
    public var ages: ClosedRange<Int>? {
        minAge == nil && maxAge == nil ? nil : (minAge ?? 0)...max(minAge ?? 0, maxAge ?? AgeValue.oldest)
    }
}

/// A service's eligibility as ids of `Context.ids` and bit masks: what the validator evaluates per
/// service × population member, and the router per decision, without comparing strings.
public struct EligibilityIDs: Sendable, Hashable {
    /// The ages served (see `Eligibility.ages`); nil when the service does not restrict by age.
    public let ages: ClosedRange<Int>?
    /// One bit per `Sex` position; nil when not restricted.
    public let sexes: UInt8?
    public let populationGroups: IDMask?
    public let legalStatuses: IDMask?

    init(_ e: Eligibility, _ ids: VocabularyIDs) {
        ages = e.ages
        sexes = e.sexes.map { $0.reduce(UInt8(0)) { $0 | 1 << UInt8($1.caseIndex) } }
        // Every value is known (the loader checked it); an unknown one could match nothing anyway.
        populationGroups = e.populationGroups.map { IDMask($0.compactMap(ids.populationGroups.id)) }
        legalStatuses = e.legalStatuses.map { IDMask($0.compactMap(ids.legalStatuses.id)) }
    }

    /// The same verdict as `Eligibility.evaluate(Facts)` for the same facts.
    func evaluate(_ f: FactIDs) -> Eligibility.Verdict {
        var v = Eligibility.Verdict()
        if let served = ages {
            v.age = served.contains(f.ages.lowerBound) && served.contains(f.ages.upperBound) ? .yes
                : served.overlaps(f.ages) ? .unknown : .no
        }
        if let sexes { v.sex = f.sex.map { Truth(sexes & 1 << UInt8($0.caseIndex) != 0) } ?? .unknown }
        if let populationGroups { v.populationGroup = f.populationGroups.map { Truth(populationGroups.intersects($0)) } ?? .unknown }
        if let legalStatuses { v.legalStatus = f.legalStatus.map { Truth(legalStatuses.contains($0)) } ?? .unknown }
        return v
    }
}

/// What eligibility looks at of a subject (a case, a population member), as ids: see `Facts`.
public struct FactIDs: Sendable, Hashable {
    public var ages: ClosedRange<Int>
    public var sex: Sex?
    /// Nil: not known. Values outside the context's vocabulary are left out (no service serves them).
    public var populationGroups: IDMask?
    /// Nil: not known; -1: a value outside the context's vocabulary.
    public var legalStatus: Int32?

    public init(ages: ClosedRange<Int>, sex: Sex?, populationGroups: IDMask?, legalStatus: Int32?) {
        self.ages = ages
        self.sex = sex
        self.populationGroups = populationGroups
        self.legalStatus = legalStatus
    }

    init(_ f: Facts, _ ids: VocabularyIDs) {
        ages = f.ages
        sex = f.sex
        populationGroups = f.populationGroups.map { IDMask($0.compactMap(ids.populationGroups.id)) }
        legalStatus = f.legalStatus.map { ids.legalStatuses.id($0) ?? -1 }
    }
}

/// A public focal-point contact: a role, never a person's name.
public struct Contact: Codable, Sendable, Hashable {
    public var role: String?
    public var phone: String?
    public var email: String?
}

public struct Address: Sendable, Hashable {
    /// The address as written; may be missing (only) for a confidential address.
    public let text: String?
    /// A confidential address (a shelter) is never printed by the router.
    public let confidential: Bool
    /// WGS 84 decimal degrees, both or neither; never on a confidential address.
    public let latitude: Double?
    public let longitude: Double?
}

/// The record an imported entry came from, so that a re-import updates it instead of adding a copy.
public struct Source: Sendable, Hashable {
    /// A short name of the dataset.
    public let dataset: String
    /// The record's id in that dataset.
    public let recordId: String
    /// Where in the source the record was read.
    public let place: String?

    public init(dataset: String, recordId: String, place: String? = nil) {
        self.dataset = dataset
        self.recordId = recordId
        self.place = place
    }
}

extension AgeValue {
    /// The oldest age a case may give; the end of every age scale (eligibility, populations).
    public static let oldest = 130
}
