/// A case that passed every check: anonymised, well-formed and consistent with the directory.
public struct Case: Sendable {
    /// The case as given, except that hours since the incident are as of the routing time once
    /// the router has placed the case in time (`at(_:)`).
    public private(set) var document: CaseDocument
    /// When the facts were recorded (`recordedAt`); nil when the case does not say.
    public let recordedAt: RoutingTime?
    /// Hours since the incident as recorded: as of `recordedAt`, or of the routing time without it.
    let recordedHours: Double?
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
        recordedAt = d.recordedAt.flatMap(RecordedAt.parse)
        recordedHours = d.concerns.hoursSinceIncident
        // An empty list makes an empty set without allocating one.
        func set(_ list: [String]?) -> Set<String> { list.map { $0.isEmpty ? [] : Set($0) } ?? [] }
        languages = set(d.languages)
        accessNeeds = set(d.accessNeeds)
        populationGroups = set(d.populationGroups)
        pathways = set(d.concerns.pathways)
    }

    /// The case at routing time `t`: the hours since the incident recorded at `recordedAt` plus
    /// the time since then, so a saved case routed later keeps its time windows. Without
    /// `recordedAt`, the hours are as of the routing time (the case as given).
    public func at(_ t: RoutingTime) -> Case {
        guard let r = recordedAt, let h = recordedHours else { return self }
        var c = self
        let elapsed = h + Double(t.epochSeconds - r.epochSeconds) / 3600
        c.document.concerns.hoursSinceIncident = min(max(elapsed, 0), RoutingTime.maxHours)
        return c
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
            if c.suicidalThoughts == true { parts.append("suicidal thoughts") }
            if c.psychosisSigns == true { parts.append("psychosis signs") }
            if c.suicidePlan == nil && c.suicidalThoughts == nil && c.psychosisSigns == nil { return nil }
            return parts.isEmpty ? "none reported" : parts.joined(separator: ", ")
        case .riskNature:
            var parts: [String] = []
            if c.imminentRiskToLife == true { parts.append("imminent risk to life") }
            if c.suicidePlan == true { parts.append("suicide plan") }
            if c.suicidalThoughts == true { parts.append("suicidal thoughts") }
            if c.psychosisSigns == true { parts.append("signs of psychosis") }
            if c.injuries == true { parts.append("injuries") }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
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
            if p.wantsShelter == true { parts.append("asks for shelter") }
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
/// The one entry point for every front end (the command line, the server): syntax first, then the
/// identifying-data gate on the parsed tokens (`CaseGate`: a name is refused whatever field it
/// hides in, and before anything else is said about the case), then strict decoding, then the
/// references. Every finding leaves through `CaseRedaction.redact`, the one redaction point: no
/// message, place or id repeats a key or value of the case.
public enum CaseLoader {
    /// Loads a case for routing at `at` (a time of recording after it is refused); without `at`,
    /// the time of recording is checked for its shape only.
    public static func load(bytes: [UInt8], name: String, directory: Directory, at: RoutingTime? = nil)
        -> Result<Case, LoadFailure>
    {
        let file = SourceFile(name: name, bytes: bytes)
        // A plainly clean case is read in one pass (CleanCaseReader.swift); the checks that are
        // left decide whether it goes through as it is, else the full loader says why not.
        if let d = CleanCaseReader.read(bytes, codeRule: directory.context.rules.caseCode),
            check(d, Locator(file: file, offset: 0, path: "$"), directory, at: at).isEmpty
        {
            return .success(Case(d))
        }
        return loadFully(file, directory: directory, at: at)
    }

    /// The full loader: parser, gate, decoder, checks, redaction; whatever `load` does not take in
    /// its fast path. (Inlined into `load`, so that a profile of `load` holds all of it; the
    /// differential test calls it alone.)
    @inline(__always)
    static func loadFully(_ file: SourceFile, directory: Directory, at: RoutingTime?) -> Result<Case, LoadFailure> {
        var parsed: JSONDocument?
        switch loadUnredacted(file, directory: directory, at: at, parsed: &parsed) {
        case .success(let c):
            return .success(c)
        case .failure(let found):
            // Capped already (a case with 100,000 unknown keys says ten and a count), then
            // redacted; the tree is built only here, for the redaction to read the case's keys.
            let root = parsed.map { JSONNode(tokens: $0.tokens, 0, bytes: file.bytes) }
            let safe = CaseRedaction.redact(found.diagnostics, root: root, directory: directory)
            return .failure(LoadFailure(Diagnostic.sortedForReport(safe)))
        }
    }

    /// Everything but the redaction; never called from outside `loadFully`. The case is parsed once,
    /// into tokens that the gate, the decoder and the checks' locators all read. Findings come
    /// out capped: the gate caps its own before building them.
    private static func loadUnredacted(_ file: SourceFile, directory: Directory, at: RoutingTime?,
                                       parsed: inout JSONDocument?) -> Result<Case, LoadFailure>
    {
        var diags: [Diagnostic] = []
        guard let doc = FileReader.document(file, diags: &diags, echo: false) else { return .failure(LoadFailure(diags)) }
        parsed = doc
        let gate = CaseGate.check(doc, directory: directory)
        if !gate.isEmpty { return .failure(LoadFailure(gate)) }

        let d: CaseDocument
        do {
            d = try StrictDecoder(echoValues: false).decode(CaseDocument.self, in: doc, at: 0)
        } catch {
            return .failure(LoadFailure(DiagnosticCap.capped(error.diagnostics)))
        }
        diags.append(contentsOf: check(d, Locator(doc: doc, index: 0, path: "$"), directory, at: at))
        if !diags.isEmpty { return .failure(LoadFailure(DiagnosticCap.capped(diags))) }
        return .success(Case(d))
    }

    static func check(_ d: CaseDocument, _ l: Locator, _ dir: Directory, at: RoutingTime? = nil) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let ctx = dir.context
        func unknown(_ code: Diagnostic.Code, _ at: Locator, _ what: String, _ value: String, _ known: [VocabularyEntryView]) {
            // Suggest by id or by name ("Aldren" → XV0101); never repeat the value.
            let plural = what.hasSuffix("ory") ? what.dropLast() + "ies" : what.hasSuffix("s") ? what + "es" : what + "s"
            var help = "use one of the \(plural) defined in \(ctx.file)"
            if let near = suggestID(for: value, in: known) { help = "did you mean '\(near)'?" }
            out.append(Diagnostic(.error, code: code, place: at.place, message: "unknown \(what)", help: help))
        }
        if d.formatVersion != supportedFormatVersion {
            out.append(Diagnostic(.error, code: .formatVersion, place: l["formatVersion"].place,
                                  message: "this format version is not supported",
                                  help: "this engine reads formatVersion \(supportedFormatVersion)"))
        }
        // `index(forKey:)`: whether a key is there without copying its value out.
        if ctx.areas.index(forKey: d.area) == nil { unknown(.caseUnknownArea, l["area"], "area", d.area, ctx.entries(.areas)) }
        for (i, x) in d.languages.enumerated() where !ctx.languages.contains(where: { $0.code == x }) {
            unknown(.caseUnknownLanguage, l["languages"][i], "language", x, ctx.entries(.languages))
        }
        if d.languages.isEmpty {
            out.append(Diagnostic(.error, code: .caseNoLanguage, place: l["languages"].place,
                                  message: "list at least one language the person speaks",
                                  help: "language is what makes a service usable: ask, or use the context's main language"))
        }
        if let needs = ctx.accessNeeds {
            for (i, x) in (d.accessNeeds ?? []).enumerated() where needs[x] == nil {
                unknown(.caseUnknownAccessNeed, l["accessNeeds"][i], "access need", x, ctx.entries(.accessNeeds))
            }
        }
        for (i, x) in (d.populationGroups ?? []).enumerated() where ctx.populationGroups.index(forKey: x) == nil {
            unknown(.caseUnknownPopulationGroup, l["populationGroups"][i], "population group", x, ctx.entries(.groups))
        }
        if let s = d.legalStatus, ctx.legalStatuses.index(forKey: s) == nil {
            unknown(.caseUnknownLegalStatus, l["legalStatus"], "legal status", s, ctx.entries(.statuses))
        }
        // The lists "did you mean" reads are made only on a miss.
        for (i, x) in d.concerns.pathways.enumerated() where !dir.pathways.contains(where: { $0.id == x }) {
            let pathways = dir.pathways.map { VocabularyEntryView(id: $0.id, name: $0.name) }
            unknown(.caseUnknownPathway, l["concerns"]["pathways"][i], "pathway", x, pathways)
        }
        for (i, x) in (d.consent.referToCategories ?? []).enumerated() where ctx.categories.index(forKey: x) == nil {
            unknown(.caseUnknownCategory, l["consent"]["referToCategories"][i], "category", x, ctx.entries(.categories))
        }
        var organisations: [VocabularyEntryView] {
            dir.organisations.values.map { VocabularyEntryView(id: $0.id, name: $0.name) }.sorted { $0.id < $1.id }
        }
        for (i, x) in (d.consent.referToOrganisations ?? []).enumerated() where dir.organisations[x] == nil {
            unknown(.caseUnknownOrganisation, l["consent"]["referToOrganisations"][i], "organisation", x, organisations)
        }
        for (i, x) in (d.preferences?.excludeOrganisations ?? []).enumerated() where dir.organisations[x] == nil {
            unknown(.caseUnknownOrganisation, l["preferences"]["excludeOrganisations"][i], "organisation", x, organisations)
        }
        if let text = d.recordedAt {
            var place: SourcePlace { l["recordedAt"].place }
            if let t = RecordedAt.parse(text) {
                if let at, t.epochSeconds > at.epochSeconds {
                    out.append(Diagnostic(.error, code: .caseRecordedAt, place: place,
                                          message: "the case was recorded after the routing time",
                                          help: "check the time of recording and the routing time (--at)"))
                }
            } else {
                out.append(Diagnostic(.error, code: .caseRecordedAt, place: place,
                                      message: "recordedAt is the time the case was recorded, to the hour, with its offset",
                                      help: "write it as 2026-11-28T14:00+02:00: minutes and seconds 00, never a date of birth"))
            }
        }
        if d.consent.caregiverNotToBeContacted == true {
            // Only a child who may consent alone can ask that the caregiver not be contacted.
            let youngest = ctx.rules.consentByAge.first { $0.minAge <= d.age.min && d.age.min <= $0.maxAge }
            if youngest?.consentFrom.contains(.self) != true {
                out.append(Diagnostic(.error, code: .caseCaregiverNotContacted, place: l["consent"]["caregiverNotToBeContacted"].place,
                                      message: "at this age the child cannot consent alone, so the caregiver cannot be left out this way",
                                      help: "record it only from the age at which the context's consent rule lets the child consent (15 in most contexts); for a younger child whose caregiver must not be contacted, record caregiverSuspected or ask child protection"))
            }
        }
        if let h = d.concerns.hoursSinceIncident, !(0...RoutingTime.maxHours).contains(h) {
            out.append(Diagnostic(.error, code: .caseHours, place: l["concerns"]["hoursSinceIncident"].place,
                                  message: "hours since the incident must be between 0 and 1000000",
                                  help: "give the hours since the incident as of the routing time; leave it out if unknown"))
        }
        return out
    }
}

/// `recordedAt`: a time to the hour with its offset (`2026-11-28T14:00+02:00`, seconds `:00`
/// allowed). A time of recording, never a date: anything else is refused.
enum RecordedAt {
    /// The instant, or nil when the text is not a time to the hour.
    static func parse(_ text: String) -> RoutingTime? {
        guard let t = RoutingTime.parse(text, utcOffsetMinutes: 0) else { return nil }
        let s = Array(text.utf8)
        // YYYY-MM-DDTHH:MM then the offset, or :SS first; minutes and seconds must be 00.
        guard s[14] == 48, s[15] == 48 else { return nil }
        if s[16] == 58 { guard s[17] == 48, s[18] == 48, s.count > 19, s[19] != 46 else { return nil } }
        return t
    }

    /// Any ISO 8601 time with an offset (to the hour or not): the gate lets it through, the
    /// loader says what is wrong with it.
    static func looksLikeATime(_ text: String) -> Bool { RoutingTime.parse(text, utcOffsetMinutes: 0) != nil }
}
