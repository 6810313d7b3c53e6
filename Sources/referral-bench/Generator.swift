import Foundation

/// Builds a fictional national directory of `services` service points over a four-level P-code
/// hierarchy (country → region → district → sub-district), deterministically from a seed.
///
/// Scaling choice: the country grows in area, not in density. A district keeps about
/// `servicesPerDistrict` service points and a region about `districtsPerRegion` districts as N
/// grows, so the number of districts grows linearly with N (25 at 1k, 250 at 10k, 2 500 at
/// 100k). Regions are capped at 99 (two-digit codes, as most national P-code schemes), so at
/// 100k a region holds about 25 districts instead of 12 and region-wide services are twice as
/// dense there — that is the only place where the data gets denser with N, and it is the honest
/// worst case for the router's "cost grows at most 3×" target. A dozen national services (hotlines,
/// police, legal aid) exist at every size.
struct Generator {
    static let servicesPerDistrict = 40
    static let districtsPerRegion = 12
    static let subdistrictsPerDistrict = 3
    static let country = "XB"

    let services: Int
    let seed: UInt64

    /// Category id, weight in the directory, sensitive, law enforcement.
    static let categories: [(id: String, name: String, weight: Double, sensitive: Bool, police: Bool)] = [
        ("gbv.case-management", "GBV case management", 10, true, false),
        ("gbv.pss", "GBV psychosocial support", 7, true, false),
        ("health.cmr", "Clinical management of rape", 6, true, false),
        ("health.primary", "Primary health care", 14, false, false),
        ("police", "Police", 4, false, true),
        ("shelter.safe", "Safe shelter", 3, true, false),
        ("livelihoods", "Livelihoods", 10, false, false),
        ("legal.aid", "Legal aid", 7, true, false),
        ("documentation", "Civil documentation", 8, false, false),
        ("cp.case-management", "Child protection case management", 8, true, false),
        ("cp.ftr", "Family tracing and reunification", 3, true, false),
        ("cp.alternative-care", "Alternative care", 2, true, false),
        ("mhpss.focused", "Focused psychosocial support", 10, true, false),
        ("mhpss.specialised", "Specialised mental health care", 4, true, false),
        ("ct.assistance", "Counter-trafficking direct assistance", 4, true, false),
    ]
    static let languages = ["en", "fr", "ar", "sw", "so", "ti", "am", "ha"]
    static let populationGroups = ["refugee", "idp", "host", "migrant", "returnee"]
    static let legalStatuses = ["citizen", "refugee", "asylum-seeker", "regular-migrant", "irregular", "stateless"]
    /// National services present at every size: (category, count).
    static let national: [(String, Int)] = [
        ("gbv.case-management", 2), ("mhpss.focused", 2), ("police", 2), ("legal.aid", 2), ("ct.assistance", 2),
        ("cp.case-management", 2),
    ]

    var districts: Int { max(4, services / Generator.servicesPerDistrict) }
    var regions: Int { min(99, max(2, Int((Double(districts) / Double(Generator.districtsPerRegion)).rounded()))) }
    var organisations: Int { max(10, services / 25) }

    func regionCode(_ r: Int) -> String { Generator.country + pad2(r + 1) }
    /// District `d` lies in region `d % regions`, numbered within it.
    func districtCode(_ d: Int) -> String { regionCode(d % regions) + pad2(d / regions + 1) }
    func subdistrictCode(_ d: Int, _ s: Int) -> String { districtCode(d) + pad2(s + 1) }
    func districtsOfRegion(_ r: Int) -> [Int] { Array(stride(from: r, to: districts, by: regions)) }
    /// The main language of a region (besides English): regions differ, so language matters.
    func regionLanguage(_ r: Int) -> String { Generator.languages[1 + (r * 5 + 3) % (Generator.languages.count - 1)] }

    // MARK: context.json

    func contextJSON() -> String {
        var areas: [JSONText] = [area(Generator.country, "Benchland (fictional)", 0)]
        for r in 0..<regions {
            areas.append(area(regionCode(r), "Region \(r + 1)", 1))
            for d in districtsOfRegion(r) {
                areas.append(area(districtCode(d), "District \(d + 1)", 2))
                for s in 0..<Generator.subdistrictsPerDistrict {
                    areas.append(area(subdistrictCode(d, s), "Sub-district \(d + 1)-\(s + 1)", 3))
                }
            }
        }
        let names = ["en": "English", "fr": "French", "ar": "Arabic", "sw": "Swahili", "so": "Somali", "ti": "Tigrinya",
                     "am": "Amharic", "ha": "Hausa"]
        let languages: [JSONText] = Generator.languages.map { code in
            var m: [(String, JSONText)] = [("code", .string(code)), ("name", .string(names[code]!))]
            if code == "en" { m.append(("main", .bool(true))) }
            return .object(m)
        }
        let categories: [JSONText] = Generator.categories.map { c in
            var m: [(String, JSONText)] = [("id", .string(c.id)), ("name", .string(c.name))]
            if c.sensitive { m.append(("sensitive", .bool(true))) }
            if c.police { m.append(("lawEnforcement", .bool(true))) }
            return .object(m)
        }
        func vocabulary(_ ids: [String]) -> JSONText {
            .array(ids.map { .object([("id", .string($0)), ("name", .string($0.capitalized))]) })
        }
        let rules = """
            {
                "consentByAge": [
                  {"minAge": 0, "maxAge": 5, "consentFrom": ["caregiver"]},
                  {"minAge": 6, "maxAge": 14, "consentFrom": ["caregiver"], "childAssent": true},
                  {"minAge": 15, "maxAge": 17, "consentFrom": ["self"]},
                  {"minAge": 18, "maxAge": 130, "consentFrom": ["self"]}
                ],
                "whenCaregiverCannotConsent": ["trusted-adult", "caseworker-best-interests"],
                "mandatoryReporting": [
                  {"id": "child-abuse", "name": "Child abuse reporting", "appliesWhen": {"ageAtMost": 17},
                   "consequence": "suspected abuse of a child is reported to the child welfare authority"}
                ],
                "imminentRiskToLife": {"allowed": true, "categories": ["mhpss.specialised", "health.cmr"], "minimumFields": ["age", "sex", "area"]},
                "staleAfterDays": 180,
                "sensitiveFields": ["gbv.incidentType", "gbv.hoursSinceIncident", "trafficking.indicators", "mhpss.risk", "child.caregiverSuspected"],
                "responseHours": {"emergency": 24, "urgent": 72, "routine": 336},
                "adultAge": 18
              }
            """
        var out = "{\n"
        out += "  \"formatVersion\": 1,\n"
        out += "  \"id\": \"bench-\(services)\",\n"
        out += "  \"name\": \"Benchmark context, \(services) services (FICTIONAL)\",\n"
        out += "  \"fictional\": true,\n  \"utcOffset\": \"+03:00\",\n  \"reportingLevel\": 2,\n"
        out += "  \"languages\": \(JSONText.array(languages).text),\n"
        out += "  \"areas\": [\n" + areas.map { "    " + $0.text }.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"categories\": [\n" + categories.map { "    " + $0.text }.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"populationGroups\": \(vocabulary(Generator.populationGroups).text),\n"
        out += "  \"legalStatuses\": \(vocabulary(Generator.legalStatuses).text),\n"
        out += "  \"pathways\": \(JSONText.strings(BenchPathways.files.map { "pathways/" + $0.name }).text),\n"
        out += "  \"rules\": \(rules)\n}\n"
        return out
    }

    private func area(_ pcode: String, _ name: String, _ level: Int) -> JSONText {
        .object([("pcode", .string(pcode)), ("name", .string(name + " (fictional)")), ("level", .int(level))])
    }

    // MARK: organisations.json

    func organisationsJSON() -> String {
        var rng = SplitMix64.stream(seed, "organisations-\(services)")
        let types = [("ngo", 55.0), ("government", 20.0), ("un", 10.0), ("community", 15.0)]
        var items: [JSONText] = []
        for i in 0..<organisations {
            var m: [(String, JSONText)] = [
                ("id", .string("org.\(pad(i, 5))")), ("name", .string("Organisation \(i + 1) (fictional)")),
                ("type", .string(rng.weighted(types))),
            ]
            if rng.chance(0.6) {
                m.append(("contact", .object([("role", .string("intake desk")), ("phone", .string("+000 555 \(pad(i % 10000, 4))"))])))
            }
            items.append(.object(m))
        }
        return listDocument(key: "organisations", items)
    }

    // MARK: services.json

    func servicesJSON() -> String {
        var rng = SplitMix64.stream(seed, "services-\(services)")
        let weights = Generator.categories.map { ($0.id, $0.weight) }
        var items: [JSONText] = []
        items.reserveCapacity(services)
        var n = 0
        for (category, count) in Generator.national {
            for _ in 0..<count where n < services {
                items.append(service(n, category: category, areas: [Generator.country], region: nil, rng: &rng))
                n += 1
            }
        }
        while n < services {
            let category = rng.weighted(weights)
            let d = rng.below(districts)
            let r = d % regions
            var areas: [String]
            let placement = rng.unit()
            if placement < 0.08 {
                areas = [regionCode(r)]
            } else if placement < 0.16 {
                areas = [subdistrictCode(d, rng.below(Generator.subdistrictsPerDistrict))]
            } else {
                areas = [districtCode(d)]
                // Some district teams also cover a neighbouring district or two in their region.
                if rng.chance(0.10) {
                    let others = districtsOfRegion(r).filter { $0 != d }
                    for _ in 0..<min(others.count, rng.int(1...2)) {
                        let o = districtCode(rng.pick(others))
                        if !areas.contains(o) { areas.append(o) }
                    }
                }
            }
            items.append(service(n, category: category, areas: areas, region: r, rng: &rng))
            n += 1
        }
        return listDocument(key: "services", items)
    }

    private func service(_ i: Int, category: String, areas: [String], region: Int?, rng: inout SplitMix64) -> JSONText {
        let national = region == nil
        let cat = Generator.categories.first { $0.id == category }!
        var m: [(String, JSONText)] = [
            ("id", .string("svc.\(pad(i, 6))")),
            ("organisation", .string("org.\(pad(rng.below(organisations), 5))")),
            ("name", .string("\(cat.name) point \(i + 1)")),
            ("category", .string(category)),
            ("areas", .strings(areas)),
        ]
        // Modality.
        var modality: [String]
        if national { modality = ["phone", "remote"] } else {
            let x = rng.unit()
            modality = x < 0.05 ? ["phone"] : x < 0.15 ? ["mobile"] : ["in-person"]
            if modality == ["in-person"], rng.chance(0.3) { modality.append("phone") }
        }
        m.append(("modality", .strings(modality)))
        // Hours: some 24/7, mostly weekday timetables, some unrecorded.
        let h = rng.unit()
        if national || category == "police" || (category == "shelter.safe" && rng.chance(0.8)) || h < 0.12 {
            m.append(("hours", .object([("alwaysOpen", .bool(true))])))
        } else if h < 0.85 {
            let day = rng.pick(["08:00-16:00", "08:00-17:00", "09:00-15:00", "08:30-16:30"])
            var periods = rng.chance(0.08) ? ["08:00-12:00", "13:00-16:00"] : [day]
            if category == "health.primary" && rng.chance(0.2) { periods = ["07:00-19:00"] }
            var weekly: [(String, JSONText)] = ["mon", "tue", "wed", "thu", "fri"].map { ($0, .strings(periods)) }
            if rng.chance(0.25) { weekly.append(("sat", .strings(["09:00-13:00"]))) }
            if rng.chance(0.03) { weekly.append(("sun", .strings(["22:00-06:00"]))) }
            m.append(("hours", .object([("weekly", .object(weekly))])))
        }
        // Languages: English and/or the region's language, sometimes a third.
        var langs: [String] = []
        let local = region.map(regionLanguage) ?? "fr"
        if national || rng.chance(0.55) { langs.append("en") }
        if national || langs.isEmpty || rng.chance(0.7) { langs.append(local) }
        if rng.chance(0.2) {
            let other = rng.pick(Generator.languages)
            if !langs.contains(other) { langs.append(other) }
        }
        m.append(("languages", .strings(langs)))
        if national || rng.chance(0.2) { m.append(("interpretation", .bool(true))) }
        // Eligibility, by category, plus a few restrictive services.
        var e: [(String, JSONText)] = []
        switch category {
        case "gbv.case-management", "gbv.pss":
            if rng.chance(0.6) { e.append(("sexes", .strings(["female"]))) }
        case "shelter.safe":
            e.append(("sexes", .strings(rng.chance(0.9) ? ["female"] : ["male"])))
            if rng.chance(0.7) { e.append(("minAge", .int(18))) }
        case "cp.case-management", "cp.ftr", "cp.alternative-care":
            e.append(("maxAge", .int(17)))
        case "livelihoods":
            if rng.chance(0.6) { e.append(("minAge", .int(rng.pick([16, 18])))) }
        case "mhpss.specialised":
            if rng.chance(0.3) { e.append(("minAge", .int(18))) }
        default:
            if rng.chance(0.05) { e.append(("minAge", .int(10))); e.append(("maxAge", .int(24))) }
        }
        if rng.chance(0.05) {
            e.append(("populationGroups", .strings(rng.chance(0.5) ? ["refugee"] : ["idp", "returnee"])))
        }
        if rng.chance(0.04) {
            // Restriction by legal status: allowed, but a non-discrimination gap for coordinators.
            e.append(("legalStatuses", .strings(rng.chance(0.5) ? ["citizen"] : ["citizen", "refugee", "regular-migrant"])))
        }
        if !e.isEmpty { m.append(("eligibility", .object(e))) }
        if rng.chance(0.3) { m.append(("accessibility", .strings(rng.chance(0.8) ? ["wheelchair"] : ["wheelchair", "sign-language"]))) }
        if rng.chance(0.5) { m.append(("staffSexes", .strings(rng.chance(0.6) ? ["female", "male"] : ["female"]))) }
        if category == "health.cmr" && rng.chance(0.6) { m.append(("features", .strings(["forensic-evidence"]))) }
        // Intake.
        let selfReferral: Bool
        switch category {
        case "shelter.safe", "cp.alternative-care": selfReferral = rng.chance(0.1)
        case "mhpss.specialised": selfReferral = rng.chance(0.3)
        default: selfReferral = national || rng.chance(0.75)
        }
        var required = ["age", "sex", "area"]
        if rng.chance(0.6) { required.insert("caseCode", at: 0) }
        switch category {
        case "gbv.case-management", "health.cmr": required.append(rng.chance(0.5) ? "gbv.incidentType" : "gbv.hoursSinceIncident")
        case "cp.case-management", "cp.ftr", "cp.alternative-care": required.append("child.separation")
        case "mhpss.specialised": required.append("mhpss.risk")
        case "ct.assistance": required.append("trafficking.indicators")
        default: if rng.chance(0.3) { required.append("languages") }
        }
        m.append(("intake", .object([("selfReferral", .bool(selfReferral)), ("requiredFields", .strings(required))])))
        let status = rng.unit()
        m.append(("status", .string(national ? "open" : status < 0.88 ? "open" : status < 0.97 ? "waitlist" : "closed")))
        // Duties and qualification.
        let reports = category == "police" || category.hasPrefix("cp.")
            || (category.hasPrefix("health.") && rng.chance(0.3)) || rng.chance(0.05)
        if reports { m.append(("mandatoryReporting", .strings(["child-abuse"]))) }
        if cat.sensitive && rng.chance(0.8) { m.append(("sensitiveDataQualified", .bool(true))) }
        if category == "shelter.safe" {
            m.append(("address", .object([("text", .string("Shelter \(i + 1), address withheld (fictional)")), ("confidential", .bool(true))])))
        } else if !national && rng.chance(0.4) {
            m.append(("address", .object([("text", .string("Building \(i + 1), \(areas[0]) (fictional)")), ("confidential", .bool(false))])))
        }
        if rng.chance(0.2) { m.append(("focalPoint", .object([("role", .string("referral focal point"))]))) }
        if rng.chance(0.95) {
            // Verified within about 400 days of 2026-11-28: a quarter of the entries are stale.
            let day = daysSince1970(2026, 11, 28) - rng.below(400)
            m.append(("lastVerified", .string(dateText(day))))
        }
        m.append(("interventionType", .string(rng.chance(0.9) ? "responsive" : "remedial")))
        if rng.chance(0.6) { m.append(("cost", .string(rng.chance(0.95) ? "free" : "small fee"))) }
        return .object(m)
    }

    /// Writes the context folder and returns its size in bytes.
    func write(to folder: String) throws -> Int {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder + "/pathways", withIntermediateDirectories: true)
        var files: [(String, String)] = [
            ("context.json", contextJSON()), ("organisations.json", organisationsJSON()), ("services.json", servicesJSON()),
        ]
        for (name, text) in BenchPathways.files { files.append(("pathways/" + name, text)) }
        var bytes = 0
        for (name, text) in files {
            let data = Data(text.utf8)
            bytes += data.count
            try data.write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        return bytes
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

func pad2(_ n: Int) -> String { pad(n, 2) }

func daysSince1970(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

func dateText(_ z0: Int) -> String {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp + (mp < 10 ? 3 : -9)
    return "\(yoe + era * 400 + (m <= 2 ? 1 : 0))-\(pad2(m))-\(pad2(d))"
}
