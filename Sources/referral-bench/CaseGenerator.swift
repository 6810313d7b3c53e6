/// Anonymised, fictional cases for the benchmark: codes and numbers only, in the engine's case
/// format, spread over the generated sub-districts the way a hotline's calls would be.
extension Generator {
    /// Categories a person might agree to be referred to, by concern.
    static let consentCategories: [String: [String]] = [
        "gbv": ["gbv.case-management", "gbv.pss", "health.cmr", "shelter.safe", "police", "legal.aid", "livelihoods"],
        "mhpss": ["mhpss.focused", "mhpss.specialised"],
        "counter-trafficking": ["ct.assistance", "shelter.safe", "health.primary", "legal.aid", "documentation"],
        "child-protection": ["cp.case-management", "cp.ftr", "cp.alternative-care", "mhpss.focused"],
    ]

    /// `count` case files as JSON text, case codes `BENCH-000001` … (never seven digits in a
    /// row: the engine would take that for a phone number).
    func casesJSON(count: Int) -> [String] {
        var rng = SplitMix64.stream(seed, "cases-\(services)")
        var out: [String] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            out.append(caseJSON(i, rng: &rng).text + "\n")
        }
        return out
    }

    private func caseJSON(_ i: Int, rng: inout SplitMix64) -> JSONText {
        let d = rng.below(districts)
        let r = d % regions
        let area = rng.chance(0.9) ? subdistrictCode(d, rng.below(Generator.subdistrictsPerDistrict)) : districtCode(d)
        // Age: a quarter children, a few older people, a few recorded as a band only.
        let ageGroup = rng.unit()
        let years = ageGroup < 0.25 ? rng.int(0...17) : ageGroup < 0.95 ? rng.int(18...59) : rng.int(60...85)
        let age: JSONText
        if rng.chance(0.05) {
            let lo = years - years % 5
            age = .string(years < 18 ? (years >= 15 ? "15-17" : "\(lo)-\(min(lo + 4, 14))") : "\(max(lo, 18))-\(lo + 4)")
        } else {
            age = .int(years)
        }
        let child = years < 18
        let sex = rng.weighted([("female", 70.0), ("male", 28.0), ("other", 2.0)])
        var langs = [regionLanguage(r)]
        if rng.chance(0.4) { langs.append("en") }
        if rng.chance(0.05) {
            let other = rng.pick(Generator.languages)
            if !langs.contains(other) { langs.append(other) }
        }
        var m: [(String, JSONText)] = [
            ("formatVersion", .int(1)), ("caseCode", .string("BENCH-\(pad(i + 1, 6))")), ("age", age),
            ("sex", .string(sex)), ("area", .string(area)), ("languages", .strings(langs)),
        ]
        if rng.chance(0.05) { m.append(("accessNeeds", .strings(["wheelchair"]))) }
        if rng.chance(0.7) { m.append(("populationGroups", .strings([rng.pick(Generator.populationGroups)]))) }
        if rng.chance(0.8) { m.append(("legalStatus", .string(rng.weighted(
            [("citizen", 40.0), ("refugee", 20.0), ("asylum-seeker", 10.0), ("regular-migrant", 10.0), ("irregular", 15.0),
             ("stateless", 5.0)])))) }
        // Concerns: GBV most often, then MHPSS, then trafficking; children also get child protection.
        var pathways: [String] = []
        let x = rng.unit()
        if x < 0.55 { pathways.append("gbv") } else if x < 0.85 { pathways.append("mhpss") } else { pathways.append("counter-trafficking") }
        if rng.chance(0.15) {
            let extra = rng.pick(["gbv", "mhpss"])
            if !pathways.contains(extra) { pathways.append(extra) }
        }
        if child { pathways.append("child-protection") }
        var concerns: [(String, JSONText)] = [("pathways", .strings(pathways))]
        if pathways.contains("gbv") {
            concerns.append(("gbvIncidentType", .string(rng.weighted(
                [("rape", 30.0), ("sexual-assault", 15.0), ("physical-assault", 25.0), ("forced-marriage", 5.0),
                 ("denial-of-resources", 10.0), ("psychological-abuse", 15.0)]))))
            if rng.chance(0.85) { concerns.append(("hoursSinceIncident", .double(Double(rng.below(2000)) / 4))) }
        }
        if pathways.contains("counter-trafficking") {
            concerns.append(("traffickingIndicators", .strings(rng.chance(0.6) ? ["act", "means", "purpose"] : ["act", "purpose"])))
        }
        if pathways.contains("mhpss") {
            concerns.append(("distress", .string(rng.pick(["mild", "moderate", "severe"]))))
            if rng.chance(0.08) { concerns.append(("suicidePlan", .bool(true))) }
            if rng.chance(0.04) { concerns.append(("psychosisSigns", .bool(true))) }
        }
        if child {
            concerns.append(("separation", .string(rng.weighted([("none", 75.0), ("separated", 15.0), ("unaccompanied", 10.0)]))))
            if rng.chance(0.06) { concerns.append(("caregiverSuspected", .bool(true))) }
        }
        if rng.chance(0.02) { concerns.append(("imminentRiskToLife", .bool(true))) }
        m.append(("concerns", .object(concerns)))
        var prefs: [(String, JSONText)] = []
        if rng.chance(0.4) { prefs.append(("noPolice", .bool(true))) }
        if rng.chance(0.1) { prefs.append(("noForensicEvidence", .bool(true))) }
        if rng.chance(0.3) { prefs.append(("staffSex", .string("female"))) }
        if rng.chance(0.05) { prefs.append(("remoteOnly", .bool(true))) }
        if !prefs.isEmpty { m.append(("preferences", .object(prefs))) }
        // Consent: usually from the right person; sometimes not (the router must notice).
        var consent: [(String, JSONText)] = []
        let giver: String
        if !child || years >= 15 { giver = rng.chance(0.97) ? "self" : "caregiver" } else {
            giver = rng.weighted([("caregiver", 85.0), ("trusted-adult", 10.0), ("self", 5.0)])
        }
        consent.append(("givenBy", .string(giver)))
        if child && years >= 6 && years <= 14 && rng.chance(0.9) { consent.append(("childAssent", .bool(true))) }
        var cats: [String] = []
        for p in pathways {
            for c in Generator.consentCategories[p]! where rng.chance(0.8) && !cats.contains(c) { cats.append(c) }
        }
        if rng.chance(0.05) { cats = [] }  // consent to information only
        consent.append(("referToCategories", .strings(cats)))
        var share = ["caseCode", "age", "sex", "area"]
        for f in ["languages", "gbv.incidentType", "gbv.hoursSinceIncident", "child.separation", "mhpss.risk",
                  "trafficking.indicators"] where rng.chance(0.6) { share.append(f) }
        consent.append(("share", .strings(share)))
        if rng.chance(0.6) { consent.append(("mandatoryReportingExplained", .bool(true))) }
        m.append(("consent", .object(consent)))
        return .object(m)
    }
}
