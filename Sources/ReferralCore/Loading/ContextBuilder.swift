import Foundation

/// Builds the `Context` from context.json: languages, areas, categories, vocabularies and rules.
///
/// Part of `DirectoryBuilder` (see DirectoryLoader.swift): documents in, validated model out, every
/// problem reported with its place.
extension DirectoryBuilder {
    mutating func buildContext(_ doc: ContextDocument, _ loc: Locator) -> Context? {
        let before = diags.count
        let offset = parseUTCOffset(doc.utcOffset)
        if offset == nil {
            error(.contextUtcOffset, loc["utcOffset"], "utcOffset must look like +03:00 or -05:30")
        }
        if doc.id.isEmpty { error(.contextId, loc["id"], "the context id must not be empty") }

        var languages: [String: Locator] = [:]
        for (i, l) in doc.languages.enumerated() {
            guard checkID(l.code, loc["languages"][i]["code"], what: "language") else { continue }
            if let first = languages[l.code] {
                error(.dupLanguage, loc["languages"][i]["code"], id: l.code, "language '\(l.code)' is listed twice",
                      related: first.place)
            } else { languages[l.code] = loc["languages"][i]["code"] }
        }

        // Areas: unique P-codes, and each code extends its parent's (one level up).
        var areaLocs: [String: Locator] = [:]
        var byLevel: [Int: [String]] = [:]
        for (i, a) in doc.areas.enumerated() {
            let l = loc["areas"][i]["pcode"]
            if a.pcode.isEmpty || a.pcode.utf8.count > DirectoryID.maxLength || !a.pcode.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || ("A"..."Z").contains($0) || ("a"..."z").contains($0) }) {
                error(.areaPcode, l, id: DirectoryID.shown(a.pcode), "a P-code is 1 to 64 letters and digits")
            }
            if let first = areaLocs[a.pcode] {
                error(.dupArea, l, id: a.pcode, "P-code '\(a.pcode)' is listed twice", related: first.place)
            } else {
                areaLocs[a.pcode] = l
                byLevel[a.level, default: []].append(a.pcode)
            }
        }
        var areas: [String: Area] = [:]
        let contradicted = checkAreaLevels(doc.areas, loc)
        for (i, a) in doc.areas.enumerated() where areas[a.pcode] == nil {
            var parent: String?
            if a.level < 0 {
                error(.areaLevel, loc["areas"][i]["level"], id: a.pcode, "level must be 0 or more")
            } else if a.level > 0 && !contradicted.contains(i) {
                parent = (byLevel[a.level - 1] ?? []).filter { a.pcode.hasPrefix($0) && $0 != a.pcode }
                    .max { $0.count < $1.count }
                if parent == nil {
                    error(.areaOrphan, loc["areas"][i]["pcode"], id: a.pcode,
                          "no level \(a.level - 1) area's P-code is a prefix of '\(a.pcode)'",
                          help: "a P-code extends its parent's code (XY → XY02 → XY0211); add the parent area or fix the code")
                }
            }
            areas[a.pcode] = Area(pcode: a.pcode, name: a.name, level: a.level, parent: parent)
        }
        if !doc.areas.contains(where: { $0.level == 0 }) {
            error(.areaNoRoot, loc["areas"], "no level 0 area (the country)", help: "add the country's code at level 0")
        }

        var categories: [String: Category] = [:]
        var catLocs: [String: Locator] = [:]
        for (i, c) in doc.categories.enumerated() {
            let l = loc["categories"][i]["id"]
            guard checkID(c.id, l, what: "category") else { continue }
            if let first = catLocs[c.id] {
                error(.dupCategory, l, id: c.id, "category '\(c.id)' is listed twice", related: first.place)
            } else {
                catLocs[c.id] = l
                categories[c.id] = Category(id: c.id, name: c.name, sensitive: c.sensitive ?? false,
                                            lawEnforcement: c.lawEnforcement ?? false, shelter: c.shelter ?? false,
                                            familyTracing: c.familyTracing ?? false,
                                            durableSolution: c.durableSolution ?? false, referralOnly: c.referralOnly ?? false)
            }
        }
        func vocabulary(_ list: [VocabularyEntry]?, _ key: String, _ duplicateCode: Diagnostic.Code) -> [String: String] {
            var out: [String: String] = [:]
            for (i, e) in (list ?? []).enumerated() {
                guard checkID(e.id, loc[key][i]["id"], what: "\(key) entry") else { continue }
                if out[e.id] != nil {
                    diags.append(Diagnostic(.error, code: duplicateCode, place: loc[key][i]["id"].place, id: e.id,
                                            message: "'\(e.id)' is listed twice in \(key)"))
                }
                out[e.id] = e.name
            }
            return out
        }
        let groups = vocabulary(doc.populationGroups, "populationGroups", .dupPopulationGroups)
        let statuses = vocabulary(doc.legalStatuses, "legalStatuses", .dupLegalStatuses)
        let needs = doc.accessNeeds.map { vocabulary($0.map { VocabularyEntry(id: $0.id, name: $0.name) }, "accessNeeds", .dupAccessNeeds) }
        var needRules: [String: AccessNeed] = [:]
        for n in doc.accessNeeds ?? [] where needRules[n.id] == nil {
            needRules[n.id] = AccessNeed(id: n.id, name: n.name, metByModality: n.metByModality, accommodation: n.accommodation)
        }

        checkRules(doc.rules, loc["rules"], categories: Set(categories.keys), groups: Set(groups.keys))
        checkCaseCodeRule(doc.rules.caseCode, loc["rules"]["caseCode"])

        guard diags.count == before || !diags[before...].contains(where: { $0.severity == .error }),
            let offset
        else { return nil }
        let languageList = doc.languages.map { Language(code: $0.code, name: $0.name, main: $0.main ?? false) }
        let rules = Rules(doc.rules)
        return Context(
            id: doc.id, name: doc.name, fictional: doc.fictional ?? false, utcOffsetMinutes: offset,
            reportingLevel: doc.reportingLevel ?? 2, languages: languageList, areas: areas,
            categories: categories, populationGroups: groups, legalStatuses: statuses, accessNeeds: needs,
            accessNeedRules: needRules, rules: rules, file: loc.file.name,
            ids: VocabularyIDs(areas: areas, categories: categories, languages: languageList, populationGroups: groups.keys,
                               legalStatuses: statuses.keys, duties: rules.mandatoryReporting.map(\.id)))
    }

    mutating func checkRules(_ r: ContextRules, _ loc: Locator, categories: Set<String>, groups: Set<String>) {
        // Consent bands: no overlap, no gap from 0 up to the oldest band.
        let bands = r.consentByAge.enumerated().sorted { $0.element.minAge < $1.element.minAge }
        var expected = 0
        for (i, b) in bands {
            let l = loc["consentByAge"][i]
            if b.minAge > b.maxAge {
                error(.rulesConsentBand, l, "minAge is greater than maxAge")
            } else if b.minAge > expected {
                error(.rulesConsentGap, l, "no consent rule for ages \(expected) to \(b.minAge - 1)",
                      help: "consent bands must cover every age from 0 without gaps")
            } else if b.minAge < expected {
                error(.rulesConsentOverlap, l, "consent bands overlap at age \(b.minAge)")
            }
            if b.consentFrom.isEmpty { error(.rulesConsentBand, l["consentFrom"], "consentFrom must name at least one giver") }
            expected = max(expected, b.maxAge + 1)
        }
        if bands.isEmpty { error(.rulesConsentGap, loc["consentByAge"], "no consent rules by age") }
        if r.whenCaregiverCannotConsent.contains(.caregiver) {
            error(.rulesCaregiverFallback, loc["whenCaregiverCannotConsent"],
                  "the caregiver cannot be their own fallback",
                  help: "list trusted-adult and/or caseworker-best-interests")
        }
        var duties: [String: Locator] = [:]
        for (i, d) in r.mandatoryReporting.enumerated() {
            guard checkID(d.id, loc["mandatoryReporting"][i]["id"], what: "reporting duty") else { continue }
            if let first = duties[d.id] {
                error(.dupDuty, loc["mandatoryReporting"][i]["id"], id: d.id, "reporting duty '\(d.id)' is listed twice",
                      related: first.place)
            }
            duties[d.id] = loc["mandatoryReporting"][i]["id"]
        }
        for (i, c) in (r.imminentRiskToLife.categories ?? []).enumerated() where !categories.contains(c) {
            unknown(.refUnknownCategory, loc["imminentRiskToLife"]["categories"][i], c, "category", categories)
        }
        if r.imminentRiskToLife.allowed && (r.imminentRiskToLife.categories ?? []).isEmpty {
            error(.rulesRiskToLife, loc["imminentRiskToLife"], "the exception is allowed but names no categories",
                  help: "list the emergency categories it may refer to, or set allowed to false")
        }
        if !(1...100_000).contains(r.staleAfterDays) {
            error(.rulesStale, loc["staleAfterDays"], "staleAfterDays must be between 1 and 100000")
        }
        for (key, hours) in [("immediate", r.responseHours.immediate ?? 0), ("emergency", r.responseHours.emergency), ("urgent", r.responseHours.urgent),
                             ("routine", r.responseHours.routine)] where !(0...1_000_000).contains(hours) {
            error(.rulesResponseHours, loc["responseHours"][key], "response hours must be between 0 and 1000000")
        }
    }
}

extension Rules {
    /// The model of checked rules (`checkRules` has reported anything wrong with them).
    init(_ r: ContextRules) {
        let risk = r.imminentRiskToLife
        self.init(
            consentByAge: r.consentByAge.map {
                ConsentBand(minAge: $0.minAge, maxAge: $0.maxAge, consentFrom: $0.consentFrom, childAssent: $0.childAssent ?? false)
            },
            whenCaregiverCannotConsent: r.whenCaregiverCannotConsent,
            mandatoryReporting: r.mandatoryReporting.map {
                ReportingDuty(id: $0.id, name: $0.name, appliesWhen: $0.appliesWhen.map(Condition.init) ?? .always,
                              consequence: $0.consequence)
            },
            imminentRiskToLife: RiskToLife(allowed: risk.allowed, categories: risk.categories ?? [],
                                           minimumFields: risk.minimumFields ?? []),
            staleAfterDays: r.staleAfterDays, sensitiveFields: r.sensitiveFields,
            responseHours: ResponseHours(immediate: r.responseHours.immediate ?? 0, emergency: r.responseHours.emergency,
                                         urgent: r.responseHours.urgent, routine: r.responseHours.routine),
            adultAge: r.adultAge ?? 18, caseCode: CaseCodeRule(r.caseCode), presumeMinority: r.presumeMinority ?? true)
    }
}
