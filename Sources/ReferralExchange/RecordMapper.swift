import ReferralCore

/// Turns one source record into directory documents, reporting every value it maps, defaults,
/// keeps as a note or drops. Nothing is guessed: a restriction comes only from the profile's
/// tables, free text stays free text, and what cannot be read is reported with its place.
struct RecordMapper {
    /// What every record shares.
    struct Shared: Sendable {
        let profile: ImportProfile
        let context: Context
        /// Days since 1970-01-01 of the import (dates after it are refused).
        let today: Int
        /// Area names (as keys) → P-codes, to find names and their ambiguity.
        let areaNames: [String: [String]]
        /// Language codes (as written and in lower case) and names (as keys) → codes.
        let languageKeys: [String: String]

        init(profile: ImportProfile, context: Context, today: Int) {
            self.profile = profile
            self.context = context
            self.today = today
            var names: [String: [String]] = [:]
            for a in context.areas.values.sorted(by: { $0.pcode < $1.pcode }) { names[TextCleaner.key(a.name), default: []].append(a.pcode) }
            areaNames = names
            var langs: [String: String] = [:]
            for l in context.languages {
                langs[TextCleaner.key(l.name)] = l.code
                langs[l.code.lowercased()] = l.code
            }
            for l in context.languages { langs[l.code] = l.code }
            languageKeys = langs
        }
    }

    struct Output {
        var services: [ServiceDocument] = []
        var organisation: OrganisationDocument?
        /// Fields filled from the profile's defaults (a re-import keeps the directory's own values).
        var defaulted: Set<String> = []
        var findings: [ImportFinding] = []
        var skipped = false
        /// The record came from this tool's own export: its ids are the directory's ids.
        var fromRouter = false
    }

    let shared: Shared
    var record: SourceRecord
    var recordId: String?
    var serviceID: String?
    var findings: [ImportFinding] = []
    /// Eligibility values that could not be mapped, kept in the note.
    var unreadEligibility: [String] = []
    var defaulted: Set<String> = []

    var profile: ImportProfile { shared.profile }
    var context: Context { shared.context }
    var today: Int { shared.today }
    var areaNames: [String: [String]] { shared.areaNames }

    static func map(_ record: SourceRecord, _ shared: Shared) -> Output {
        var m = RecordMapper(shared: shared, record: record, recordId: record.recordId)
        m.findings = record.findings
        return m.run()
    }

    mutating func skip(_ code: Diagnostic.Code, _ place: ImportPlace, field: String?, _ message: String, hint: String? = nil) -> Output {
        finding(.error, code, place, field: field, action: .skipped, message, hint: hint)
        return Output(findings: findings, skipped: true)
    }

    static let proseMarkers = ["confidentially located", "confidential location", "location is confidential",
                               "address is confidential", "undisclosed location", "secret location", "location withheld",
                               "address withheld", "address not disclosed", "location not disclosed"]

    mutating func run() -> Output {
        let fromRouter = router("id") != nil
        serviceID = router("id")?.first ?? recordId.map { profile.id(ImportProfile.slug($0)) }
        guard let name = texts(.name).first else {
            return skip(.importRequiredMissing, record.place, field: "name", "the record has no name",
                        hint: "give the service a name in the source")
        }
        // The organisation.
        guard let (orgID, orgName) = organisationID() else {
            return skip(.importRequiredMissing, record.place, field: "organisation", "the record names no organisation",
                        hint: "map a column to organisation in the profile")
        }
        if recordId == nil { recordId = ImportProfile.slug((orgName ?? orgID) + " " + name.text) }
        serviceID = router("id")?.first ?? profile.id(ImportProfile.slug(recordId!))

        // The category (or categories).
        var categories: [String] = []
        if let o = recordId.flatMap({ profile.categoryOverrides[$0] }) {
            categories = o
        } else if let c = router("category")?.first {
            categories = [c]
        } else {
            var unmapped: [SourceValue] = []
            for v in items(.category, target: "category") {
                let k = TextCleaner.key(v.text)
                if let c = profile.categoryExact[k] ?? profile.categoryPrefixes.first(where: { k.hasPrefix($0.0) })?.1
                    ?? (context.categories[v.text] != nil ? v.text : nil)
                {
                    if !categories.contains(c) { categories.append(c) }
                } else {
                    unmapped.append(v)
                }
            }
            if categories.isEmpty, let d = profile.defaults.category {
                categories = [d]
                defaulted.insert("category")
            }
            if categories.isEmpty {
                let codes = unmapped.map { "'\($0.text)'" }.joined(separator: ", ")
                return skip(.importNoCategory, unmapped.first?.place ?? record.place, field: "category",
                            codes.isEmpty ? "the record has no category code" : "no category for \(codes)",
                            hint: "map the code under categories in the profile (a code ending in * is a prefix)")
            }
            for v in unmapped {
                finding(.warning, .importValueUnmapped, v.place, field: "category", action: .dropped,
                        "category code '\(v.text)' maps to no category (the record is imported under \(categories.joined(separator: ", ")))")
            }
            if categories.count > 1 {
                let place = record.values[.category]?.first?.place ?? record.place
                switch profile.severalCategories {
                case .error:
                    return skip(.importSeveralCategories, place, field: "category",
                                "the codes map to several categories: \(categories.joined(separator: ", "))",
                                hint: "set severalCategories to first or split, or add the record to categoryOverrides")
                case .first:
                    finding(.warning, .importSeveralCategories, place, field: "category", action: .mapped,
                            "the codes map to several categories; the first, \(categories[0]), is kept (dropped: \(categories.dropFirst().joined(separator: ", ")))")
                    categories = [categories[0]]
                case .split:
                    finding(.info, .importSeveralCategories, place, field: "category", action: .mapped,
                            "the codes map to several categories: one service for each of \(categories.joined(separator: ", "))")
                }
            }
        }
        for c in categories where context.categories[c] == nil {
            return skip(.importNoCategory, record.place, field: "category", "category '\(c)' is not defined by the context")
        }

        // Languages, then areas (the address may name one).
        let langs = languages()
        var languageCodes = langs.codes
        if languageCodes.isEmpty, let d = profile.defaults.languages {
            languageCodes = d
            defaulted.insert("languages")
        }
        if languageCodes.isEmpty {
            return skip(.importRequiredMissing, record.values[.languages]?.first?.place ?? record.place, field: "languages",
                        "the record has no language of the context", hint: "map the language names in the profile, or set defaults.languages")
        }
        let addressValue = texts(.address).first
        var (areas, inferred) = self.areas(address: addressValue?.text)
        if inferred, let a = addressValue {
            finding(.warning, .importAreaFromAddress, a.place, field: "areas", action: .inferred,
                    "area \(areas[0]) (\(context.areaName(areas[0]))) was read from the address",
                    hint: "check it: the entry is marked with source.inferred [\"areas\"]")
        }
        if areas.isEmpty, let d = profile.defaults.areas {
            areas = d
            defaulted.insert("areas")
        }
        if areas.isEmpty {
            return skip(.importNoArea, record.values[.area]?.first?.place ?? record.place, field: "areas",
                        "the record has no area that maps to a P-code",
                        hint: "map the area names (or postcodes) in the profile, allow areaFromAddress, or set defaults.areas")
        }

        // Status.
        var status: ServiceStatus
        if let s = router("status")?.first.flatMap(ServiceStatus.init(rawValue:)) {
            status = s
        } else if let v = texts(.status).first {
            switch profile.statuses[TextCleaner.key(v.text)] {
            case .open?: status = .open
            case .waitlist?: status = .waitlist
            case .closed?: status = .closed
            case .skip?:
                return skip(.importStatusDoNotRefer, v.place, field: "status", "status '\(v.text)': the profile says not to import it")
            case nil:
                return skip(.importStatusUnmapped, v.place, field: "status", "status '\(v.text)' has no entry in the profile",
                            hint: "add \"\(v.text)\": \"open\" (or waitlist, closed, skip) to statuses in the profile")
            }
        } else if let d = profile.defaults.status {
            status = d
            defaulted.insert("status")
        } else {
            return skip(.importStatusMissing, record.place, field: "status", "the record has no status",
                        hint: "set defaults.status in the profile")
        }

        var notes: [String] = []
        let hours = self.hours(notes: &notes)
        let eligibility = self.eligibility()
        let needs = context.accessNeeds
        var accessibility: [String] = routerList("accessibility") ?? codes(
            .accessibility, table: profile.accessNeeds, direct: { needs?[$0] != nil ? $0 : nil }, what: "access need", note: nil)
        for n in langs.accessNeeds where !accessibility.contains(n) { accessibility.append(n) }
        var seen: Set<String> = []
        accessibility = accessibility.filter { seen.insert($0).inserted }
        let interpretation = routerBool("interpretation") ?? (langs.interpretation || !texts(.interpretation).isEmpty ? true : nil)
        let lastVerified = self.lastVerified()
        let cost = texts(.cost).first?.text
        let serviceWebsite = self.website(.website)
        let focal = ContactDocument(role: texts(.focalPointRole).first?.text, phone: texts(.phone).first?.text, email: email(.email))
        var description = texts(.description, multiline: true).first?.text
        // This tool's own export keeps its description whole; other sources' extra texts are kept
        // under a label.
        if !fromRouter { for n in texts(.note, multiline: true) { notes.append((n.label.map { $0 + ": " } ?? "") + n.text) } }
        if !notes.isEmpty { description = ([description].compactMap { $0 } + notes).joined(separator: "\n\n") }
        let address = self.address(addressValue, categories: categories, fromRouter: fromRouter)

        let org = organisation(id: orgID, name: orgName)
        var out = Output(organisation: org, fromRouter: fromRouter)
        for category in categories {
            let id = categories.count > 1 ? profile.id(ImportProfile.slug(recordId!) + "." + ImportProfile.slug(category)) : serviceID!
            var s = ServiceDocument(
                id: id, organisation: orgID, name: name.text, category: category, areas: areas, modality: [],
                languages: languageCodes, intake: IntakeDocument(selfReferral: false, requiredFields: []), status: status)
            s.hours = hours
            s.interpretation = interpretation
            s.eligibility = eligibility
            s.accessibility = accessibility.isEmpty ? (router("accessibility") != nil ? [] : nil) : accessibility
            s.address = address
            s.focalPoint = focal.isEmpty ? nil : focal
            s.lastVerified = lastVerified
            s.cost = cost
            s.description = description
            s.website = serviceWebsite
            s.source = source(record.router) ?? (fromRouter ? nil : SourceDocument(
                dataset: profile.dataset, recordId: recordId!, place: record.place.short, inferred: inferred ? ["areas"] : nil))
            guard routerOnly(&s, category: category) else {
                return skip(.importRequiredMissing, record.place, field: "modality",
                            "no source has modality and the profile gives no default", hint: "set defaults.modality in the profile")
            }
            out.services.append(s)
        }
        out.defaulted = defaulted
        out.findings = findings
        return out
    }

    /// The fields no source has: this tool's own attributes, else the profile's defaults (by
    /// category first). False when there is no modality at all.
    mutating func routerOnly(_ s: inout ServiceDocument, category: String) -> Bool {
        let byCat = profile.defaults.byCategory?[category]
        func pick<T>(_ key: String, _ routerValue: T?, _ catValue: T?, _ general: T?) -> T? {
            if let routerValue { return routerValue }
            if let v = catValue ?? general {
                defaulted.insert(key)
                return v
            }
            return nil
        }
        guard let modality = pick("modality", routerList("modality")?.compactMap(Modality.init(rawValue:)), byCat?.modality,
                                  profile.defaults.modality), !modality.isEmpty
        else { return false }
        s.modality = modality
        let fields = pick("intake.requiredFields", routerList("intake.requiredFields")?.compactMap(CaseField.init(rawValue:)),
                          byCat?.requiredFields, profile.defaults.requiredFields ?? [.caseCode])
        s.intake = IntakeDocument(selfReferral: pick("intake.selfReferral", routerBool("intake.selfReferral"), byCat?.selfReferral,
                                                     profile.defaults.selfReferral ?? false)!,
                                  requiredFields: fields!)
        s.mandatoryReporting = pick("mandatoryReporting", routerList("mandatoryReporting"), byCat?.mandatoryReporting,
                                    profile.defaults.mandatoryReporting)
        s.sensitiveDataQualified = pick("sensitiveDataQualified", routerBool("sensitiveDataQualified"),
                                        byCat?.sensitiveDataQualified, profile.defaults.sensitiveDataQualified)
        s.staffSexes = routerList("staffSexes")?.compactMap(Sex.init(rawValue:))
        s.features = routerList("features")
        s.interventionType = router("interventionType")?.first.flatMap(InterventionType.init(rawValue:))
        return true
    }

    /// The organisation's id: this tool's own, else made from the source's organisation id or
    /// name. Nil when the record names no organisation.
    mutating func organisationID() -> (String, String?)? {
        let name = texts(.organisation).first?.text
        if let r = record.organisationRouter["id"]?.first?.text ?? router("organisation")?.first { return (r, name) }
        if let id = texts(.organisationId).first?.text { return (profile.id("org." + ImportProfile.slug(id)), name) }
        if let name { return (profile.id("org." + ImportProfile.slug(name)), name) }
        return nil
    }

    mutating func organisation(id: String, name: String?) -> OrganisationDocument {
        let contact = ContactDocument(role: texts(.organisationRole).first?.text, phone: texts(.organisationPhone).first?.text,
                                      email: email(.organisationEmail))
        var org = OrganisationDocument(id: id, name: name ?? id)
        org.type = record.organisationRouter["type"]?.first?.text
        org.contact = contact.isEmpty ? nil : contact
        org.description = texts(.organisationDescription, multiline: true).first?.text
        org.website = website(.organisationWebsite)
        if let s = source(record.organisationRouter) {
            org.source = s
        } else if record.organisationRouter["id"] == nil {
            let sourceID = record.values[.organisationId]?.first?.text ?? ImportProfile.slug(name ?? id)
            org.source = SourceDocument(dataset: profile.dataset, recordId: sourceID)
        }
        return org
    }

    /// An organisation no service refers to (kept by an HSDS round trip).
    static func mapOrganisation(_ record: SourceRecord, _ shared: Shared) -> (OrganisationDocument?, [ImportFinding]) {
        var m = RecordMapper(shared: shared, record: record, recordId: record.recordId)
        m.findings = record.findings
        guard let (id, name) = m.organisationID() else { return (nil, m.findings) }
        let org = m.organisation(id: id, name: name)
        return (org, m.findings)
    }

    func source(_ attrs: [String: [SourceValue]]) -> SourceDocument? {
        guard let d = attrs["source.dataset"]?.first?.text, let r = attrs["source.recordId"]?.first?.text else { return nil }
        let inferred = attrs["source.inferred"]?.flatMap { $0.text.split(separator: ",").map(String.init) }
        return SourceDocument(dataset: d, recordId: r, place: attrs["source.place"]?.first?.text, inferred: inferred)
    }
}

extension ContactDocument {
    var isEmpty: Bool { role == nil && phone == nil && email == nil }
}
