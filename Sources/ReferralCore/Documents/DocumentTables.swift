/// The field tables of the documents decoded by hand (see `FieldTable` for how to add a field:
/// one line here, in declaration order, and a placeholder in `blank` for a required field).
///
/// The hot documents are services, organisations and cases: a national directory has hundreds of
/// thousands of services, and a hotline loads a case per call. Everything else (context.json,
/// pathways, import profiles) goes through the generic `StrictDecoder`.

extension ServiceDocument: FieldDecodable {
    static let table = FieldTable<ServiceDocument>([
        .required("id") { $0.id = try $1.string($2) },
        .required("organisation") { $0.organisation = try $1.string($2) },
        .required("name") { $0.name = try $1.string($2) },
        .required("category") { $0.category = try $1.string($2) },
        .required("areas") { $0.areas = try $1.strings($2) },
        .required("modality") { $0.modality = try $1.values($2) },
        .optional("hours") { $0.hours = try $1.object($2) },
        .required("languages") { $0.languages = try $1.strings($2) },
        .optional("interpretation") { $0.interpretation = try $1.bool($2) },
        .optional("eligibility") { $0.eligibility = try $1.object($2) },
        .optional("accessibility") { $0.accessibility = try $1.strings($2) },
        .optional("staffSexes") { $0.staffSexes = try $1.values($2) },
        .optional("features") { $0.features = try $1.strings($2) },
        .required("intake") { $0.intake = try $1.object($2) },
        .required("status") { $0.status = try $1.value($2) },
        .optional("mandatoryReporting") { $0.mandatoryReporting = try $1.strings($2) },
        .optional("sensitiveDataQualified") { $0.sensitiveDataQualified = try $1.bool($2) },
        .optional("address") { $0.address = try $1.object($2) },
        .optional("focalPoint") { $0.focalPoint = try $1.object($2) },
        .optional("lastVerified") { $0.lastVerified = try $1.string($2) },
        .optional("interventionType") { $0.interventionType = try $1.value($2) },
        .optional("cost") { $0.cost = try $1.string($2) },
        .optional("description") { $0.description = try $1.string($2) },
        .optional("website") { $0.website = try $1.string($2) },
        .optional("source") { $0.source = try $1.object($2) },
    ])

    static var blank: ServiceDocument {
        ServiceDocument(id: "", organisation: "", name: "", category: "", areas: [], modality: [], languages: [],
                        intake: .blank, status: .open)
    }
}

extension HoursDocument: FieldDecodable {
    static let table = FieldTable<HoursDocument>([
        .optional("alwaysOpen") { $0.alwaysOpen = try $1.bool($2) },
        .optional("weekly") {
            // Read once into the map and, straight from the same text, into minute ranges.
            let (weekly, ranges) = try $1.timetable($2)
            $0.weekly = weekly
            $0.weeklyRanges = ranges
        },
    ])

    static var blank: HoursDocument { HoursDocument(alwaysOpen: nil, weekly: nil) }
}

extension EligibilityDocument: FieldDecodable {
    static let table = FieldTable<EligibilityDocument>([
        .optional("minAge") { $0.minAge = try $1.int($2) },
        .optional("maxAge") { $0.maxAge = try $1.int($2) },
        .optional("sexes") { $0.sexes = try $1.values($2) },
        .optional("populationGroups") { $0.populationGroups = try $1.strings($2) },
        .optional("legalStatuses") { $0.legalStatuses = try $1.strings($2) },
        .optional("note") { $0.note = try $1.string($2) },
    ])

    static var blank: EligibilityDocument { EligibilityDocument() }
}

extension IntakeDocument: FieldDecodable {
    static let table = FieldTable<IntakeDocument>([
        .required("selfReferral") { $0.selfReferral = try $1.bool($2) },
        .required("requiredFields") { $0.requiredFields = try $1.values($2) },
    ])

    static var blank: IntakeDocument { IntakeDocument(selfReferral: false, requiredFields: []) }
}

extension AddressDocument: FieldDecodable {
    static let table = FieldTable<AddressDocument>([
        .optional("text") { $0.text = try $1.string($2) },
        .required("confidential") { $0.confidential = try $1.bool($2) },
        .optional("latitude") { $0.latitude = try $1.double($2) },
        .optional("longitude") { $0.longitude = try $1.double($2) },
    ])

    static var blank: AddressDocument { AddressDocument(text: nil, confidential: false) }
}

extension ContactDocument: FieldDecodable {
    static let table = FieldTable<ContactDocument>([
        .optional("role") { $0.role = try $1.string($2) },
        .optional("phone") { $0.phone = try $1.string($2) },
        .optional("email") { $0.email = try $1.string($2) },
    ])

    static var blank: ContactDocument { ContactDocument(role: nil, phone: nil, email: nil) }
}

extension SourceDocument: FieldDecodable {
    static let table = FieldTable<SourceDocument>([
        .required("dataset") { $0.dataset = try $1.string($2) },
        .required("recordId") { $0.recordId = try $1.string($2) },
        .optional("place") { $0.place = try $1.string($2) },
        .optional("inferred") { $0.inferred = try $1.strings($2) },
    ])

    static var blank: SourceDocument { SourceDocument(dataset: "", recordId: "") }
}

extension OrganisationDocument: FieldDecodable {
    static let table = FieldTable<OrganisationDocument>([
        .required("id") { $0.id = try $1.string($2) },
        .required("name") { $0.name = try $1.string($2) },
        .optional("type") { $0.type = try $1.string($2) },
        .optional("contact") { $0.contact = try $1.object($2) },
        .optional("description") { $0.description = try $1.string($2) },
        .optional("website") { $0.website = try $1.string($2) },
        .optional("source") { $0.source = try $1.object($2) },
    ])

    static var blank: OrganisationDocument { OrganisationDocument(id: "", name: "") }
}

// MARK: the long lists of context.json (10,000 areas in a national context)
// ContextDocument itself is decoded by the generic decoder, which hands these to their tables.

extension AreaDocument: FieldDecodable {
    static let table = FieldTable<AreaDocument>([
        .required("pcode") { $0.pcode = try $1.string($2) },
        .required("name") { $0.name = try $1.string($2) },
        .required("level") { $0.level = try $1.int($2) },
    ])

    static var blank: AreaDocument { AreaDocument(pcode: "", name: "", level: 0) }
}

extension LanguageDocument: FieldDecodable {
    static let table = FieldTable<LanguageDocument>([
        .required("code") { $0.code = try $1.string($2) },
        .required("name") { $0.name = try $1.string($2) },
        .optional("main") { $0.main = try $1.bool($2) },
    ])

    static var blank: LanguageDocument { LanguageDocument(code: "", name: "") }
}

extension CategoryDocument: FieldDecodable {
    static let table = FieldTable<CategoryDocument>([
        .required("id") { $0.id = try $1.string($2) },
        .required("name") { $0.name = try $1.string($2) },
        .optional("sensitive") { $0.sensitive = try $1.bool($2) },
        .optional("lawEnforcement") { $0.lawEnforcement = try $1.bool($2) },
        .optional("shelter") { $0.shelter = try $1.bool($2) },
        .optional("familyTracing") { $0.familyTracing = try $1.bool($2) },
        .optional("durableSolution") { $0.durableSolution = try $1.bool($2) },
        .optional("referralOnly") { $0.referralOnly = try $1.bool($2) },
    ])

    static var blank: CategoryDocument { CategoryDocument(id: "", name: "") }
}

extension VocabularyEntry: FieldDecodable {
    static let table = FieldTable<VocabularyEntry>([
        .required("id") { $0.id = try $1.string($2) },
        .required("name") { $0.name = try $1.string($2) },
    ])

    static var blank: VocabularyEntry { VocabularyEntry(id: "", name: "") }
}

extension AccessNeedDocument: FieldDecodable {
    static let table = FieldTable<AccessNeedDocument>([
        .required("id") { $0.id = try $1.string($2) },
        .required("name") { $0.name = try $1.string($2) },
        .optional("metByModality") { $0.metByModality = try $1.values($2) },
        .optional("accommodation") { $0.accommodation = try $1.string($2) },
    ])

    static var blank: AccessNeedDocument { AccessNeedDocument(id: "", name: "") }
}
