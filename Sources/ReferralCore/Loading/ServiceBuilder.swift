import Foundation

/// Builds organisations and services from their documents, checking every reference.
///
/// Part of `DirectoryBuilder` (see DirectoryLoader.swift): documents in, validated model out, every
/// problem reported with its place.
extension DirectoryBuilder {
    mutating func buildOrganisations(_ list: some Sequence<(OrganisationDocument, Locator)>) -> [String: Organisation] {
        var out: [String: Organisation] = [:]
        var locs: [String: Locator] = [:]
        for (o, l) in list {
            guard checkID(o.id, l["id"], what: "organisation") else { continue }
            if let first = locs[o.id] {
                error(.dupOrganisation, l["id"], id: o.id, "organisation id '\(o.id)' is used twice", related: first["id"].place)
                continue
            }
            locs[o.id] = l
            checkDirectoryText(website: o.website, source: o.source, l, id: o.id)
            out[o.id] = Organisation(id: o.id, name: o.name, type: o.type, contact: o.contact.map(Contact.init),
                                     description: o.description, website: o.website, source: o.source.map(Source.init))
        }
        return out
    }

    mutating func buildServices(_ list: some Sequence<(ServiceDocument, Locator)>, context: Context,
                                organisations: [String: Organisation]) -> ServiceStore.Builder
    {
        var out = ServiceStore.Builder(vocab: context.ids)
        // Where each id was first defined (its element's offset and path), for a duplicate's
        // finding: a few bytes per service instead of a Locator.
        var firstSeen: [String: (offset: Int, path: TextRef)] = [:]
        let duties = Set(context.rules.mandatoryReporting.map(\.id))
        let languages = Set(context.languages.map(\.code))
        for (s, l) in list {
            let before = errorCount
            guard checkID(s.id, l["id"], what: "service") else { continue }
            if let first = firstSeen[s.id] {
                let text = out.text
                error(.dupService, l["id"], id: s.id, "service id '\(s.id)' is used twice",
                      related: Locator(file: l.file, offset: first.offset, path: text.string(first.path))["id"].place)
                continue
            }
            let path = out.text.add(l.path)
            firstSeen[s.id] = (l.offset, path)
            // When organisations.json could not be read, every reference would look unknown.
            if organisations[s.organisation] == nil && !unreadable.contains(where: { $0.kind == .organisations }) {
                unknown(.refUnknownOrganisation, l["organisation"], s.organisation, "organisation", organisations.keys,
                        in: "service '\(DirectoryID.shown(s.id))'")
            }
            let category = context.categories[s.category]
            if category == nil { unknown(.refUnknownCategory, l["category"], s.category, "category", context.categories.keys) }
            if s.areas.isEmpty { error(.serviceNoArea, l["areas"], id: s.id, "a service must serve at least one area") }
            for (i, a) in s.areas.enumerated() where context.areas[a] == nil {
                unknown(.refUnknownArea, l["areas"][i], a, "area", context.areas.keys)
            }
            if s.modality.isEmpty { error(.serviceNoModality, l["modality"], id: s.id, "list at least one modality") }
            for (i, lang) in s.languages.enumerated() where !languages.contains(lang) {
                unknown(.refUnknownLanguage, l["languages"][i], lang, "language", languages)
            }
            for (i, d) in (s.mandatoryReporting ?? []).enumerated() where !duties.contains(d) {
                unknown(.refUnknownDuty, l["mandatoryReporting"][i], d, "reporting duty", duties,
                        help: "reporting duties are defined in context.json rules.mandatoryReporting")
            }
            let e = s.eligibility ?? EligibilityDocument()
            for (i, g) in (e.populationGroups ?? []).enumerated() where context.populationGroups[g] == nil {
                unknown(.refUnknownGroup, l["eligibility"]["populationGroups"][i], g, "population group",
                        context.populationGroups.keys)
            }
            for (i, g) in (e.legalStatuses ?? []).enumerated() where context.legalStatuses[g] == nil {
                unknown(.refUnknownLegalStatus, l["eligibility"]["legalStatuses"][i], g, "legal status",
                        context.legalStatuses.keys)
            }
            if let needs = context.accessNeeds {
                for (i, a) in (s.accessibility ?? []).enumerated() where needs[a] == nil {
                    unknown(.refUnknownAccessNeed, l["accessibility"][i], a, "access need", needs.keys,
                            help: "access needs are listed in context.json accessNeeds")
                }
            }
            if s.languages.isEmpty {
                error(.serviceNoLanguage, l["languages"], id: s.id, "list at least one language the service works in")
            }
            if let a = e.minAge, let b = e.maxAge, a > b {
                error(.serviceAgeRange, l["eligibility"], id: s.id, "minAge \(a) is greater than maxAge \(b)")
            }
            var hours: WeeklyHours?
            if let h = s.hours {
                if h.alwaysOpen == true {
                    if h.weekly != nil {
                        error(.serviceHours, l["hours"], id: s.id, "give either alwaysOpen or weekly, not both")
                    }
                    hours = WeeklyHours(alwaysOpen: true, ranges: [])
                } else if let parsed = h.parsedWeekly {
                    switch parsed {
                    case .success(let r): hours = WeeklyHours(alwaysOpen: false, ranges: r)
                    case .failure(let m): error(.serviceHours, l["hours"]["weekly"], id: s.id, m.message,
                                                help: "write periods as \"08:00-16:30\"")
                    }
                } else {
                    error(.serviceHours, l["hours"], id: s.id, "hours need alwaysOpen: true or a weekly timetable")
                }
            }
            var verifiedDay: Int?
            if let v = s.lastVerified {
                verifiedDay = parseDay(v)
                if verifiedDay == nil {
                    error(.serviceLastVerified, l["lastVerified"], id: s.id, "lastVerified must be a date YYYY-MM-DD")
                }
            }
            checkDirectoryText(website: s.website, source: s.source, l, id: s.id)
            if let a = s.address { checkAddress(a, l["address"], id: s.id) }
            if let note = e.note, note.allSatisfy(\.isWhitespace) {
                error(.serviceEligibilityNote, l["eligibility"]["note"], id: s.id, "the eligibility note is empty",
                      help: "write the eligibility as the source gives it, or leave the note out")
            }
            if s.sensitiveDataQualified == true, let category, category.sensitive != true {
                warning(.serviceSensitiveIgnored, l["sensitiveDataQualified"], id: s.id,
                        "category '\(s.category)' may not hold sensitive data, so this service receives none",
                        help: "mark the category sensitive in context.json if its services may hold sensitive data")
            }
            if errorCount != before { continue }
            out.add(s, l, path: path, hours: hours, verifiedDay: verifiedDay,
                    sensitiveQualified: s.sensitiveDataQualified == true && category?.sensitive == true)
        }
        return out
    }

    /// The fields an import fills in: a web address people can open, a source that names a record.
    mutating func checkDirectoryText(website: String?, source: SourceDocument?, _ l: Locator, id: String) {
        if let w = website {
            let lower = w.lowercased()
            if !(lower.hasPrefix("http://") || lower.hasPrefix("https://")) || w.count < 10
                || w.contains(where: { $0.isWhitespace })
            {
                error(.entryWebsite, l["website"], id: id, "a website is a web address starting with https:// or http://",
                      help: "write it as https://example.org, or leave it out")
            }
        }
        if let src = source {
            if src.dataset.allSatisfy(\.isWhitespace) {
                error(.entrySource, l["source"]["dataset"], id: id, "source.dataset is empty",
                      help: "name the dataset the entry was imported from")
            }
            if src.recordId.allSatisfy(\.isWhitespace) {
                error(.entrySource, l["source"]["recordId"], id: id, "source.recordId is empty",
                      help: "give the record's id in that dataset")
            }
        }
    }

    /// A confidential address never carries coordinates (they would locate a shelter); any other
    /// address has text, and coordinates come as a pair within range.
    mutating func checkAddress(_ a: AddressDocument, _ l: Locator, id: String) {
        if !a.confidential, (a.text ?? "").allSatisfy(\.isWhitespace) {
            error(.serviceAddress, l, id: id, "an address that is not confidential needs its text",
                  help: "write the address in text, or mark it confidential")
        }
        if a.confidential, a.latitude != nil || a.longitude != nil {
            error(.serviceConfidentialCoordinates, l, id: id, "a confidential address must not carry coordinates",
                  help: "remove latitude and longitude: they would locate the place the address protects")
        } else if (a.latitude == nil) != (a.longitude == nil) {
            error(.serviceCoordinates, l, id: id, "give both latitude and longitude, or neither")
        } else if let lat = a.latitude, let lon = a.longitude, !((-90...90).contains(lat) && (-180...180).contains(lon)) {
            error(.serviceCoordinates, l, id: id, "latitude must be within -90…90 and longitude within -180…180",
                  help: "coordinates are WGS 84 decimal degrees, latitude first")
        }
    }
}

extension Contact {
    init(_ d: ContactDocument) { self.init(role: d.role, phone: d.phone, email: d.email) }
}

extension Eligibility {
    init(_ d: EligibilityDocument) {
        self.init(minAge: d.minAge, maxAge: d.maxAge, sexes: d.sexes, populationGroups: d.populationGroups,
                  legalStatuses: d.legalStatuses, note: d.note)
    }
}

extension Address {
    init(_ d: AddressDocument) {
        self.init(text: d.text, confidential: d.confidential, latitude: d.latitude, longitude: d.longitude)
    }
}

extension Source {
    init(_ d: SourceDocument) { self.init(dataset: d.dataset, recordId: d.recordId, place: d.place) }
}

extension ServiceStore.Builder {
    /// Adds a service whose references were all checked (unknown values would be left out).
    mutating func add(_ s: ServiceDocument, _ l: Locator, path: TextRef, hours: WeeklyHours?, verifiedDay: Int?,
                      sensitiveQualified: Bool)
    {
        func ids(_ values: [String], _ table: InternTable) -> [Int32] { values.compactMap(table.id) }
        func wordIDs(_ values: [String]) -> [Int32] { values.map { words.add($0) } }
        let place = l.place  // line and column; its path is `path`
        var extra: Int32 = -1
        // A date parseDay read is printed back by dayText when it is written YYYY-MM-DD in ASCII digits.
        let canonicalDay = s.lastVerified.map { v in
            v.utf8.count == 10 && v.utf8.enumerated().allSatisfy { i, b in i == 4 || i == 7 ? b == 0x2D : b >= 0x30 && b <= 0x39 }
        } ?? true
        if s.description != nil || s.website != nil || s.source != nil || !canonicalDay {
            extra = Int32(extras.count)
            extras.append(ServiceExtra(description: text.add(s.description), website: text.add(s.website),
                                       source: s.source.map(Source.init),
                                       lastVerified: canonicalDay ? .none : text.add(s.lastVerified)))
        }
        var flags: UInt8 = 0
        if s.interpretation == true { flags |= ServiceRecord.interpretation }
        if s.intake.selfReferral { flags |= ServiceRecord.selfReferral }
        if sensitiveQualified { flags |= ServiceRecord.sensitiveQualified }
        let record = ServiceRecord(
            id: text.add(s.id), name: text.add(s.name), path: path, organisation: organisations.add(s.organisation),
            category: vocab.categories.id(s.category) ?? -1, areas: lists.add(ids(s.areas, vocab.areas)),
            modality: lists.add(s.modality.map(\.caseIndex)), languages: lists.add(ids(s.languages, vocab.languages)),
            accessibility: lists.add(wordIDs(s.accessibility ?? [])), staffSexes: lists.add(s.staffSexes?.map(\.caseIndex)),
            features: lists.add(wordIDs(s.features ?? [])), requiredFields: lists.add(s.intake.requiredFields.map(\.caseIndex)),
            mandatoryReporting: lists.add(ids(s.mandatoryReporting ?? [], vocab.duties)),
            hours: self.hours.add(hours), eligibility: eligibilities.add(Eligibility(s.eligibility ?? EligibilityDocument())),
            address: addresses.add(s.address.map(Address.init)), focalPoint: contacts.add(s.focalPoint.map(Contact.init)),
            cost: s.cost.map { costs.add($0) } ?? -1, extra: extra, lastVerifiedDay: verifiedDay.map { Int32(clamping: $0) } ?? .min,
            line: Int32(clamping: place.line ?? 0), column: Int32(clamping: place.column ?? 0),
            status: UInt8(s.status.caseIndex), interventionType: s.interventionType.map { UInt8($0.caseIndex) } ?? .max,
            flags: flags)
        records.append(record)
    }
}
