/// The field tables of a case (see `FieldTable` for how to add a field: one line here, in
/// declaration order, and a placeholder in `blank` for a required field).
extension CaseDocument: FieldDecodable {
    static let table = FieldTable<CaseDocument>([
        .required("formatVersion") { $0.formatVersion = try $1.int($2) },
        .required("caseCode") { $0.caseCode = try $1.string($2) },
        .required("age") { $0.age = try $1.age($2) },
        .required("sex") { $0.sex = try $1.value($2) },
        .required("area") { $0.area = try $1.string($2) },
        .required("languages") { $0.languages = try $1.strings($2) },
        .optional("accessNeeds") { $0.accessNeeds = try $1.strings($2) },
        .optional("populationGroups") { $0.populationGroups = try $1.strings($2) },
        .optional("legalStatus") { $0.legalStatus = try $1.string($2) },
        .optional("recordedAt") { $0.recordedAt = try $1.string($2) },
        .required("concerns") { $0.concerns = try $1.object($2) },
        .optional("preferences") { $0.preferences = try $1.object($2) },
        .required("consent") { $0.consent = try $1.object($2) },
    ])

    static var blank: CaseDocument {
        CaseDocument(formatVersion: 0, caseCode: "", age: AgeValue(years: 0), sex: .other, area: "", languages: [],
                     concerns: .blank, consent: .blank)
    }
}

extension ConcernsDocument: FieldDecodable {
    static let table = FieldTable<ConcernsDocument>([
        .required("pathways") { $0.pathways = try $1.strings($2) },
        .optional("gbvIncidentType") { $0.gbvIncidentType = try $1.value($2) },
        .optional("hoursSinceIncident") { $0.hoursSinceIncident = try $1.double($2) },
        .optional("traffickingIndicators") { $0.traffickingIndicators = try $1.values($2) },
        .optional("suicidePlan") { $0.suicidePlan = try $1.bool($2) },
        .optional("suicidalThoughts") { $0.suicidalThoughts = try $1.bool($2) },
        .optional("psychosisSigns") { $0.psychosisSigns = try $1.bool($2) },
        .optional("distress") { $0.distress = try $1.value($2) },
        .optional("separation") { $0.separation = try $1.value($2) },
        .optional("caregiverSuspected") { $0.caregiverSuspected = try $1.bool($2) },
        .optional("imminentRiskToLife") { $0.imminentRiskToLife = try $1.bool($2) },
        .optional("injuries") { $0.injuries = try $1.bool($2) },
        .optional("safetyRisk") { $0.safetyRisk = try $1.value($2) },
        .optional("bestInterestsDetermination") { $0.bestInterestsDetermination = try $1.value($2) },
    ])

    static var blank: ConcernsDocument { ConcernsDocument(pathways: []) }
}

extension PreferencesDocument: FieldDecodable {
    static let table = FieldTable<PreferencesDocument>([
        .optional("noPolice") { $0.noPolice = try $1.bool($2) },
        .optional("noForensicEvidence") { $0.noForensicEvidence = try $1.bool($2) },
        .optional("staffSex") { $0.staffSex = try $1.value($2) },
        .optional("remoteOnly") { $0.remoteOnly = try $1.bool($2) },
        .optional("excludeOrganisations") { $0.excludeOrganisations = try $1.strings($2) },
        .optional("wantsShelter") { $0.wantsShelter = try $1.bool($2) },
    ])

    static var blank: PreferencesDocument { PreferencesDocument() }
}

extension ConsentDocument: FieldDecodable {
    static let table = FieldTable<ConsentDocument>([
        .required("givenBy") { $0.givenBy = try $1.value($2) },
        .optional("childAssent") { $0.childAssent = try $1.bool($2) },
        .optional("referToCategories") { $0.referToCategories = try $1.strings($2) },
        .optional("referToOrganisations") { $0.referToOrganisations = try $1.strings($2) },
        .required("share") { $0.share = try $1.values($2) },
        .optional("mandatoryReportingExplained") { $0.mandatoryReportingExplained = try $1.bool($2) },
        .optional("caregiverNotToBeContacted") { $0.caregiverNotToBeContacted = try $1.bool($2) },
    ])

    static var blank: ConsentDocument { ConsentDocument(givenBy: .caregiver, share: []) }
}

extension TokenReader {
    /// An age in years (`16`; `16.0` too) or a band (`"15-17"`), as `AgeValue.init(from:)` reads it.
    mutating func age(_ v: Int) throws(Stop) -> AgeValue {
        if let years = intValue(v) {
            guard (0...130).contains(years) else { throw fail(.caseInvalidAge, "age must be between 0 and 130", at: v) }
            return AgeValue(years: years)
        }
        guard tokens[v].kind == .string else {
            throw fail(.jsonWrongType, "expected an age in years (16) or a band (\"15-17\")", at: v)
        }
        let text = tokens.string(v, in: bytes)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), 0 <= lo, lo <= hi, hi <= 130 else {
            throw fail(.caseInvalidAge, "an age band is written as \"MIN-MAX\", for example \"15-17\"", at: v)
        }
        return AgeValue(min: lo, max: hi)
    }
}
