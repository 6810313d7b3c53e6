import ReferralCore

/// Merges mapped records into the context's existing entries.
///
/// A record updates the entry it made before (same id, or same source dataset and record id)
/// instead of adding a copy; entries from other sources or written by hand are never changed; and
/// on an update, what the source does not carry (modality, required fields, duties, a confidential
/// address) keeps the directory's own value. A record identical to an earlier one is merged into
/// it; one with the same id but other content is skipped.
struct Merge {
    let profile: ImportProfile
    let context: Context
    var organisations: [OrganisationDocument]
    var services: [ServiceDocument]
    let existingOrganisations: Int
    let existingServices: Int
    var orgIndex: [String: Int] = [:]
    var serviceIndex: [String: Int] = [:]
    var serviceBySource: [String: Int] = [:]
    var orgBySource: [String: Int] = [:]
    var orgByName: [String: Int] = [:]
    var updatedServices: Set<Int> = []
    var updatedOrganisations: Set<Int> = []
    var matchedOrganisations: Set<Int> = []
    /// Per record key: the first record's place and what it is compared on (its fingerprint is
    /// written out only when the key comes again).
    var seen: [String: (place: ImportPlace, columns: [String], texts: [String], services: [ServiceDocument])] = [:]
    /// Per service id made by this import: the record it came from and the entry it replaced.
    var origin: [String: (record: String, place: ImportPlace, recordId: String?, previous: ServiceDocument?)] = [:]
    var servicesOfRecord: [String: [String]] = [:]
    var findings: [ImportFinding] = []
    var imported = 0, merged = 0, skipped = 0
    var defaultedCounts: [String: Int] = [:]
    var keptCounts: [String: Int] = [:]

    init(existing: DirectoryDocuments, profile: ImportProfile, context: Context) {
        self.profile = profile
        self.context = context
        organisations = existing.organisations
        services = existing.services
        existingOrganisations = organisations.count
        existingServices = services.count
        for (i, o) in organisations.enumerated() {
            orgIndex[o.id] = i
            if let s = o.source { orgBySource[s.dataset + "\u{1}" + s.recordId] = i }
            orgByName[TextCleaner.key(o.name)] = orgByName[TextCleaner.key(o.name)] ?? i
        }
        for (i, s) in services.enumerated() {
            serviceIndex[s.id] = i
            if let src = s.source { serviceBySource[Self.sourceKey(src, s.category)] = i }
        }
    }

    static func sourceKey(_ s: SourceDocument, _ category: String) -> String { s.dataset + "\u{1}" + s.recordId + "\u{1}" + category }

    mutating func add(_ r: SourceRecord, _ out: RecordMapper.Output) {
        if out.skipped {
            skipped += 1
            findings += out.findings
            return
        }
        let key = r.recordId ?? out.services[0].id
        if let first = seen[key] {
            if Self.fingerprint(first.texts, first.services) == Self.fingerprint(r.fingerprint, out.services) {
                merged += 1
                findings.append(ImportFinding(.info, .importDuplicate, r.place, recordId: r.recordId, action: .merged,
                                              "the same record as \(first.place.short): merged"))
            } else {
                skipped += 1
                let differ = zip(first.columns.indices, first.columns).filter { i, _ in
                    i < r.fingerprint.count && i < first.texts.count && r.fingerprint[i] != first.texts[i]
                }.map(\.1)
                findings.append(ImportFinding(
                    .error, .importDuplicateConflict, r.place, recordId: r.recordId, action: .skipped,
                    "record id '\(key)' is also at \(first.place.short) with other content"
                        + (differ.isEmpty ? "" : " (different: \(differ.joined(separator: ", ")))") + ": skipped",
                    hint: "keep one of the two in the source, or give them different ids"))
            }
            return
        }
        seen[key] = (r.place, r.fingerprintColumns, r.fingerprint, out.services)

        // Every service must have a place to go before anything is changed.
        var targets: [Int?] = []
        for s in out.services {
            if let i = serviceIndex[s.id] {
                if i >= existingServices || origin[s.id] != nil {
                    skipped += 1
                    findings.append(ImportFinding(.error, .importDuplicateConflict, r.place, recordId: r.recordId,
                                                  target: .init(service: s.id), action: .skipped,
                                                  "another record of this import already made service '\(s.id)': skipped",
                                                  hint: "give the records different ids in the source"))
                    return
                }
                let ex = services[i]
                guard out.fromRouter || ex.source?.dataset == profile.dataset else {
                    skipped += 1
                    findings.append(ImportFinding(
                        .error, .importIdTaken, r.place, recordId: r.recordId, target: .init(service: s.id), action: .skipped,
                        "service '\(s.id)' already exists and was not imported from \(profile.dataset): it is left as it is",
                        hint: "use another idPrefix in the profile, or remove or rename the existing entry"))
                    return
                }
                targets.append(i)
            } else if let src = s.source, let i = serviceBySource[Self.sourceKey(src, s.category)], origin[services[i].id] == nil {
                targets.append(i)
            } else {
                targets.append(nil)
            }
        }
        findings += out.findings
        let orgID = out.organisation.map { upsert($0, fromRouter: out.fromRouter, place: r.place) }
        var ids: [String] = []
        for (s0, target) in zip(out.services, targets) {
            var s = s0
            if let orgID { s.organisation = orgID }
            if let i = target {
                let previous = services[i]
                s.id = previous.id
                keepExisting(&s, previous, defaulted: out.defaulted, place: r.place)
                services[i] = s
                updatedServices.insert(i)
                origin[s.id] = (key, r.place, r.recordId, previous)
            } else {
                serviceIndex[s.id] = services.count
                services.append(s)
                origin[s.id] = (key, r.place, r.recordId, nil)
            }
            ids.append(s.id)
        }
        servicesOfRecord[key] = ids
        for f in out.defaulted { defaultedCounts[f, default: 0] += 1 }
        imported += 1
    }

    /// What duplicates are compared on: the source's own texts when it has columns; else what the
    /// record maps to, wherever it was read.
    static func fingerprint(_ texts: [String], _ services: [ServiceDocument]) -> String {
        guard texts.isEmpty else { return texts.joined(separator: "\u{1}") }
        return services.map { s in
            var s = s
            s.source?.place = nil
            return DocumentJSON.text(s)
        }.joined(separator: "\n")
    }

    /// On an update, what no source carries keeps the directory's value; so does a confidential address.
    mutating func keepExisting(_ s: inout ServiceDocument, _ old: ServiceDocument, defaulted: Set<String>, place: ImportPlace) {
        func keep(_ field: String) { keptCounts[field, default: 0] += 1 }
        if defaulted.contains("modality") && s.modality != old.modality { s.modality = old.modality; keep("modality") }
        if defaulted.contains("intake.requiredFields") && s.intake.requiredFields != old.intake.requiredFields {
            s.intake.requiredFields = old.intake.requiredFields
            keep("intake.requiredFields")
        }
        if defaulted.contains("intake.selfReferral") && s.intake.selfReferral != old.intake.selfReferral {
            s.intake.selfReferral = old.intake.selfReferral
            keep("intake.selfReferral")
        }
        if !defaulted.isDisjoint(with: ["mandatoryReporting"]) || s.mandatoryReporting == nil, old.mandatoryReporting != nil,
            s.mandatoryReporting != old.mandatoryReporting
        {
            s.mandatoryReporting = old.mandatoryReporting
            keep("mandatoryReporting")
        }
        if defaulted.contains("sensitiveDataQualified") || s.sensitiveDataQualified == nil, old.sensitiveDataQualified != nil,
            s.sensitiveDataQualified != old.sensitiveDataQualified
        {
            s.sensitiveDataQualified = old.sensitiveDataQualified
            keep("sensitiveDataQualified")
        }
        if s.staffSexes == nil, let v = old.staffSexes { s.staffSexes = v; keep("staffSexes") }
        if s.features == nil, let v = old.features { s.features = v; keep("features") }
        if s.interventionType == nil, let v = old.interventionType { s.interventionType = v; keep("interventionType") }
        if old.address?.confidential == true, s.address?.confidential != true {
            s.address = AddressDocument(text: nil, confidential: true)
            findings.append(ImportFinding(.warning, .importKeptExisting, place, target: .init(service: old.id, field: "address"),
                                          action: .kept, "the directory marks this address confidential: it stays confidential",
                                          hint: "change it in services.json if the address really is public"))
        }
    }

    /// The id the services of this organisation use: the existing entry it updates or matches by
    /// name, or a new one.
    mutating func upsert(_ o: OrganisationDocument, fromRouter: Bool, place: ImportPlace) -> String {
        if let i = orgIndex[o.id] {
            if i < existingOrganisations, !updatedOrganisations.contains(i),
                fromRouter || organisations[i].source?.dataset == profile.dataset
            {
                organisations[i] = o
                updatedOrganisations.insert(i)
            }
            return organisations[i].id
        }
        if let s = o.source, let i = orgBySource[s.dataset + "\u{1}" + s.recordId] {
            if !updatedOrganisations.contains(i) {
                var u = o
                u.id = organisations[i].id
                organisations[i] = u
                updatedOrganisations.insert(i)
            }
            return organisations[i].id
        }
        if let i = orgByName[TextCleaner.key(o.name)], i < existingOrganisations {
            if matchedOrganisations.insert(i).inserted {
                findings.append(ImportFinding(.info, .importOrganisationMatched, place, target: .init(organisation: organisations[i].id),
                                              action: .kept, "organisation '\(o.name)' is the existing '\(organisations[i].id)': its entry is kept"))
            }
            return organisations[i].id
        }
        orgIndex[o.id] = organisations.count
        orgByName[TextCleaner.key(o.name)] = organisations.count
        organisations.append(o)
        return o.id
    }

    mutating func addOrganisation(_ mapped: (OrganisationDocument?, [ImportFinding]), place: ImportPlace) {
        findings += mapped.1
        if let o = mapped.0 { _ = upsert(o, fromRouter: o.source == nil, place: place) }
    }

    mutating func finish() {
        for (i, s) in services.enumerated().prefix(existingServices) where s.source?.dataset == profile.dataset && !updatedServices.contains(i) {
            findings.append(ImportFinding(
                .warning, .importRecordGone, ImportPlace(file: "services.json", path: "$.services[\(i)]"),
                recordId: s.source?.recordId, target: .init(service: s.id), action: .kept,
                "service '\(s.id)' was imported from \(profile.dataset) before but is not in this import: kept",
                hint: "if the service has closed, set its status to closed or remove it"))
        }
        for (field, n) in defaultedCounts.sorted(by: { $0.key < $1.key }) {
            let path = "$.defaults." + field.replacingOccurrences(of: "intake.", with: "")
            findings.append(ImportFinding(.info, .importDefaulted, profile.place(path), target: .init(field: field), action: .defaulted,
                                          "\(field) is in no source: set from the profile's defaults for \(n) record\(n == 1 ? "" : "s")",
                                          hint: "check it with the providers: the router relies on it", count: n))
        }
        for (field, n) in keptCounts.sorted(by: { $0.key < $1.key }) {
            findings.append(ImportFinding(.info, .importKeptExisting, ImportPlace(file: "services.json"), target: .init(field: field),
                                          action: .kept, "\(field) kept the directory's own value on \(n) updated service\(n == 1 ? "" : "s")",
                                          count: n))
        }
    }

    /// Leaves out the services the directory loader refused, with its reason. False when a
    /// refused entry is not one this import made (the import then fails).
    mutating func dropRefused(_ errors: [Diagnostic]) -> Bool {
        var drop: [String: Diagnostic] = [:]
        for e in errors {
            guard e.place.file.hasSuffix("services.json"), e.place.path.hasPrefix("$.services["),
                let close = e.place.path.firstIndex(of: "]"),
                let i = Int(e.place.path[e.place.path.index(e.place.path.startIndex, offsetBy: 11)..<close]), i < services.count,
                origin[services[i].id] != nil
            else { return false }
            drop[services[i].id] = drop[services[i].id] ?? e
        }
        for (id, e) in drop.sorted(by: { $0.key < $1.key }) {
            guard let o = origin[id], let i = serviceIndex[id] ?? services.firstIndex(where: { $0.id == id }) else { continue }
            if let previous = o.previous {
                services[i] = previous
                updatedServices.remove(i)
            } else {
                services.remove(at: i)
                serviceIndex = Dictionary(uniqueKeysWithValues: services.enumerated().map { ($1.id, $0) })
            }
            origin[id] = nil
            servicesOfRecord[o.record]?.removeAll { $0 == id }
            if servicesOfRecord[o.record]?.isEmpty == true {
                imported -= 1
                skipped += 1
            }
            findings.append(ImportFinding(.error, e.code, o.place, recordId: o.recordId, target: .init(service: id), action: .skipped,
                                          "the directory refuses this service: \(e.message)", hint: e.help))
        }
        return true
    }

    func organisationsFile() -> [UInt8] { DocumentJSON.organisationsFile(organisations) }
    func servicesFile() -> [UInt8] { DocumentJSON.servicesFile(services) }

    func count(_ c: inout ImportReport.Counts) {
        c.servicesNew = services.count - existingServices
        c.servicesUpdated = updatedServices.count
        c.servicesKept = existingServices - updatedServices.count
        c.organisationsNew = organisations.count - existingOrganisations
        c.organisationsUpdated = updatedOrganisations.count
        c.organisationsKept = existingOrganisations - updatedOrganisations.count
    }
}
