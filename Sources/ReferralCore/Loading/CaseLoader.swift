/// A case that passed every check: anonymised, well-formed and consistent with the directory.
public struct Case: Sendable {
    public let document: CaseDocument
    public var code: String { document.caseCode }
    public var age: AgeValue { document.age }
    public var concerns: ConcernsDocument { document.concerns }
    public var consent: ConsentDocument { document.consent }
    public var preferences: PreferencesDocument { document.preferences ?? PreferencesDocument() }
    public let languages: Set<String>
    public let accessNeeds: Set<String>
    public let populationGroups: Set<String>
    public let pathways: Set<String>

    init(_ d: CaseDocument) {
        document = d
        languages = Set(d.languages)
        accessNeeds = Set(d.accessNeeds ?? [])
        populationGroups = Set(d.populationGroups ?? [])
        pathways = Set(d.concerns.pathways)
    }

    /// The value of a shareable field, as it goes into a referral packet; nil when the case has none.
    public func value(of field: CaseField) -> String? {
        let c = concerns
        func list(_ a: [String]) -> String? { a.isEmpty ? nil : a.sorted().joined(separator: ", ") }
        func flag(_ b: Bool?) -> String? { b.map { $0 ? "yes" : "no" } }
        switch field {
        case .caseCode: return code
        case .age: return age.description
        case .sex: return document.sex.rawValue
        case .area: return document.area
        case .languages: return list(document.languages)
        case .accessNeeds: return list(document.accessNeeds ?? [])
        case .populationGroups: return list(document.populationGroups ?? [])
        case .legalStatus: return document.legalStatus
        case .concerns: return list(c.pathways)
        case .gbvIncidentType: return c.gbvIncidentType?.rawValue
        case .gbvHoursSinceIncident: return c.hoursSinceIncident.map { formatHours($0) }
        case .traffickingIndicators: return list((c.traffickingIndicators ?? []).map(\.rawValue))
        case .mhpssRisk:
            var parts: [String] = []
            if c.suicidePlan == true { parts.append("suicide plan") }
            if c.psychosisSigns == true { parts.append("psychosis signs") }
            if c.suicidePlan == nil && c.psychosisSigns == nil { return nil }
            return parts.isEmpty ? "none reported" : parts.joined(separator: ", ")
        case .mhpssDistress: return c.distress?.rawValue
        case .childSeparation: return c.separation?.rawValue
        case .childCaregiverSuspected: return flag(c.caregiverSuspected)
        case .imminentRiskToLife: return flag(c.imminentRiskToLife)
        case .preferences:
            let p = preferences
            var parts: [String] = []
            if p.noPolice == true { parts.append("no police") }
            if p.noForensicEvidence == true { parts.append("no forensic evidence collection") }
            if let s = p.staffSex { parts.append("\(s.rawValue) staff") }
            if p.remoteOnly == true { parts.append("remote only") }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }
    }
}

/// `41`, `41.5`; safe for any value (a huge or non-finite number never traps).
func formatHours(_ h: Double) -> String {
    guard h.isFinite, abs(h) < 1e15 else { return String(format: "%.0f", h) }
    return h == h.rounded() ? "\(Int(h))" : String(format: "%.1f", h)
}

/// Reads an anonymised case, refusing identifying data and checking it against the directory.
///
/// The order is deliberate: syntax first, then the scan for identifying data (on the raw tree, so
/// a name is refused whatever field it hides in), then strict decoding, then references. No
/// message produced here repeats a value from the case.
public enum CaseLoader {
    public static func load(bytes: [UInt8], name: String, directory: Directory) -> Result<Case, LoadFailure> {
        var diags: [Diagnostic] = []
        let file = SourceFile(name: name, bytes: bytes)
        guard let root = FileReader.parse(file, diags: &diags, echo: false) else {
            return .failure(LoadFailure(diags))
        }
        let found = IdentifyingDataScanner.scan(root, file: file)
        if !found.isEmpty { return .failure(LoadFailure(found)) }

        let doc: CaseDocument
        do {
            doc = try StrictDecoder(echoValues: false).decode(CaseDocument.self, from: root, file: file)
        } catch {
            return .failure(error)
        }
        let loc = Locator(file: file, node: root, path: "$")
        diags.append(contentsOf: check(doc, loc, directory))
        if !diags.isEmpty { return .failure(LoadFailure(Diagnostic.sortedForReport(diags))) }
        return .success(Case(doc))
    }

    static func check(_ d: CaseDocument, _ l: Locator, _ dir: Directory) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let ctx = dir.context
        func unknown(_ code: Diagnostic.Code, _ at: Locator, _ what: String, _ value: String, _ known: some Collection<String>) {
            // Vocabulary values are codes, not personal data, but stay cautious: suggest, never echo.
            var help = "use one of the \(what)s defined in \(ctx.file)"
            if let near = closestMatch(to: value, in: known) { help = "did you mean '\(near)'?" }
            out.append(Diagnostic(.error, code: code,
                                  place: at.place, message: "unknown \(what)", help: help))
        }
        if d.formatVersion != supportedFormatVersion {
            out.append(Diagnostic(.error, code: .formatVersion, place: l["formatVersion"].place,
                                  message: "format version \(d.formatVersion) is not supported",
                                  help: "this engine reads formatVersion \(supportedFormatVersion)"))
        }
        if !isValidCaseCode(d.caseCode) {
            out.append(Diagnostic(.error, code: .caseCode, place: l["caseCode"].place,
                                  message: "a case code is 3 to 40 letters, digits and dashes",
                                  help: "use the pseudonymous code from the case-management system, never a name"))
        }
        if ctx.areas[d.area] == nil { unknown(.caseUnknownArea, l["area"], "area", d.area, ctx.areas.keys) }
        let langs = Set(ctx.languages.map(\.code))
        for (i, x) in d.languages.enumerated() where !langs.contains(x) { unknown(.caseUnknownLanguage, l["languages"][i], "language", x, langs) }
        if d.languages.isEmpty {
            out.append(Diagnostic(.error, code: .caseNoLanguage, place: l["languages"].place,
                                  message: "list at least one language the person speaks",
                                  help: "language is what makes a service usable: ask, or use the context's main language"))
        }
        if let needs = ctx.accessNeeds {
            for (i, x) in (d.accessNeeds ?? []).enumerated() where needs[x] == nil {
                unknown(.caseUnknownAccessNeed, l["accessNeeds"][i], "access need", x, needs.keys)
            }
        }
        for (i, x) in (d.populationGroups ?? []).enumerated() where ctx.populationGroups[x] == nil {
            unknown(.caseUnknownPopulationGroup, l["populationGroups"][i], "population group", x, ctx.populationGroups.keys)
        }
        if let s = d.legalStatus, ctx.legalStatuses[s] == nil { unknown(.caseUnknownLegalStatus, l["legalStatus"], "legal status", s, ctx.legalStatuses.keys) }
        let pathways = Set(dir.pathways.map(\.id))
        for (i, x) in d.concerns.pathways.enumerated() where !pathways.contains(x) {
            unknown(.caseUnknownPathway, l["concerns"]["pathways"][i], "pathway", x, pathways)
        }
        for (i, x) in (d.consent.referToCategories ?? []).enumerated() where ctx.categories[x] == nil {
            unknown(.caseUnknownCategory, l["consent"]["referToCategories"][i], "category", x, ctx.categories.keys)
        }
        for (i, x) in (d.consent.referToOrganisations ?? []).enumerated() where dir.organisations[x] == nil {
            unknown(.caseUnknownOrganisation, l["consent"]["referToOrganisations"][i], "organisation", x, dir.organisations.keys)
        }
        if let h = d.concerns.hoursSinceIncident, !(0...RoutingTime.maxHours).contains(h) {
            out.append(Diagnostic(.error, code: .caseHours, place: l["concerns"]["hoursSinceIncident"].place,
                                  message: "hours since the incident must be between 0 and 1000000",
                                  help: "give the hours since the incident as of the routing time; leave it out if unknown"))
        }
        return out
    }

    static func isValidCaseCode(_ s: String) -> Bool {
        let scalars = s.unicodeScalars
        guard (3...40).contains(scalars.count) else { return false }
        return scalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !IdentifyingDataScanner.looksLikePhone(s)
    }
}

/// Finds identifying data anywhere in a case: by field name (name, phone, e-mail, birth date,
/// address, document number, GPS…) and by value shape (e-mail, phone number, date, coordinates).
///
/// Findings name the place and the kind of data, never the value.
enum IdentifyingDataScanner {
    /// Substrings of normalised field names (lowercase, letters and digits only).
    static let keyFragments: [(String, String)] = [
        ("name", "a name"), ("phone", "a phone number"), ("mobile", "a phone number"), ("telephone", "a phone number"),
        ("email", "an e-mail address"), ("birth", "a date of birth"), ("dob", "a date of birth"),
        ("address", "an address"), ("street", "an address"), ("passport", "a document number"),
        ("document", "a document number"), ("nationalid", "a document number"), ("idnumber", "a document number"),
        ("idcard", "a document number"), ("gps", "a GPS position"), ("latitude", "a GPS position"),
        ("longitude", "a GPS position"), ("coordinates", "a GPS position"), ("geolocation", "a GPS position"),
    ]
    /// Whole field names that are too short to match as fragments.
    static let exactKeys: [String: String] = [
        "lat": "a GPS position", "lon": "a GPS position", "lng": "a GPS position", "tel": "a phone number",
        "dateofbirth": "a date of birth", "id": "a document number", "ssn": "a document number",
    ]

    static func scan(_ root: JSONNode, file: SourceFile) -> [Diagnostic] {
        var out: [Diagnostic] = []
        walk(root, path: "$", file: file, out: &out)
        return out
    }

    private static func refuse(_ place: SourcePlace, _ kind: String, byName: Bool) -> Diagnostic {
        Diagnostic(
            .error, code: .caseIdentifyingData, place: place,
            message: byName ? "identifying data refused: this field would hold \(kind)"
                : "identifying data refused: this value looks like \(kind)",
            help: "the router takes anonymised cases only: remove it (the case was not stored)")
    }

    private static func walk(_ node: JSONNode, path: String, file: SourceFile, out: inout [Diagnostic]) {
        switch node.value {
        case .object(let members):
            for m in members {
                let p = path + pathComponent(safeKey(m.key))
                let norm = String(m.key.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
                if let kind = exactKeys[norm] ?? keyFragments.first(where: { norm.contains($0.0) })?.1 {
                    out.append(refuse(file.place(p, offset: m.keyOffset), kind, byName: true))
                    continue
                }
                walk(m.value, path: p, file: file, out: &out)
            }
        case .array(let items):
            for (i, item) in items.enumerated() { walk(item, path: path + "[\(i)]", file: file, out: &out) }
        case .string(let s):
            if let kind = kindOfValue(s) { out.append(refuse(file.place(path, offset: node.offset), kind, byName: false)) }
        default:
            break
        }
    }

    /// A field name shown in a path is itself input: keep it short and plain.
    private static func safeKey(_ k: String) -> String { k.count <= 40 ? k : String(k.prefix(40)) + "…" }

    static func kindOfValue(_ s: String) -> String? {
        if s.contains("@"), s.split(separator: "@").count == 2, s.contains(".") { return "an e-mail address" }
        if looksLikeDate(s) { return "a date" }
        if looksLikePhone(s) { return "a phone number" }
        if looksLikeCoordinates(s) { return "a GPS position" }
        // No field of a case takes free text; a long value with spaces is most likely a name or a note.
        if s.count > 40 || s.split(separator: " ").count >= 3 { return "free text (which may identify the person)" }
        return nil
    }

    /// Seven or more digits, possibly separated by spaces, dots, dashes or brackets.
    static func looksLikePhone(_ s: String) -> Bool {
        var run = 0
        var best = 0
        for ch in s.unicodeScalars {
            if ("0"..."9").contains(ch) {
                run += 1
                best = max(best, run)
            } else if ch == " " || ch == "-" || ch == "." || ch == "(" || ch == ")" || ch == "+" || ch == "/" {
                continue
            } else {
                run = 0
            }
        }
        return best >= 7
    }

    static func looksLikeDate(_ s: String) -> Bool {
        let digitsAndSeps = s.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "-" || $0 == "/" || $0 == "." }
        let groups = s.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        return digitsAndSeps && groups.count == 3 && groups.contains { $0.count == 4 } && groups.allSatisfy { !$0.isEmpty }
    }

    static func looksLikeCoordinates(_ s: String) -> Bool {
        let parts = s.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
        return parts.count == 2 && parts.allSatisfy { Double($0) != nil && $0.contains(".") }
    }
}
