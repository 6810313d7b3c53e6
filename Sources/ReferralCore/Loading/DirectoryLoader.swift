import Foundation

/// Loads a context folder (`context.json`, `organisations.json`, `services.json` and the pathway
/// files the context names) into a validated `Directory`, collecting every finding with its place.
///
/// Loading never crashes and never stops at the first problem. In strict mode (the default) any
/// error means no directory; otherwise a malformed organisation or service is reported and left
/// out, and the rest is still usable — the way a coordinator wants to see a half-finished file.
public struct DirectoryLoader: Sendable {
    public struct Options: Sendable {
        public var strict: Bool
        public init(strict: Bool = true) { self.strict = strict }
    }

    public struct Result: Sendable {
        /// Nil when errors prevent a usable directory.
        public var directory: Directory?
        /// Every finding, in report order.
        public var diagnostics: [Diagnostic]
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    public var options: Options
    public init(options: Options = .init()) { self.options = options }

    /// Finds the context folder in `path`: the folder itself if it holds `context.json`, else its
    /// one sub-folder that does (or the one named `contextID`).
    public static func contextFolder(in path: String, contextID: String? = nil) -> Swift.Result<String, LoadFailure> {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            return .failure(LoadFailure([Diagnostic(
                .error, code: .fileMissing, place: SourcePlace(file: path),
                message: "no such directory", help: "pass the folder that holds the pathway data with --pathways")]))
        }
        if contextID == nil, fm.fileExists(atPath: path + "/context.json") { return .success(path) }
        let subs = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted().filter {
            fm.fileExists(atPath: path + "/" + $0 + "/context.json")
        }
        if let contextID {
            if subs.contains(contextID) { return .success(path + "/" + contextID) }
            var help = "contexts here: " + (subs.isEmpty ? "none" : subs.joined(separator: ", "))
            if let near = closestMatch(to: contextID, in: subs) { help = "did you mean '\(near)'? " + help }
            return .failure(LoadFailure([Diagnostic(
                .error, code: .fileUnknownContext, place: SourcePlace(file: path), id: contextID,
                message: "no context folder '\(contextID)'", help: help)]))
        }
        if subs.count == 1 { return .success(path + "/" + subs[0]) }
        return .failure(LoadFailure([Diagnostic(
            .error, code: subs.isEmpty ? .fileNoContext : .fileSeveralContexts, place: SourcePlace(file: path),
            message: subs.isEmpty ? "no context.json here or in any sub-folder"
                : "several contexts here: \(subs.joined(separator: ", "))",
            help: subs.isEmpty ? "point --pathways at a folder with a context.json (see Pathways/README.md)"
                : "choose one with --context")]))
    }

    /// Loads the context folder at `folder`. File names in findings are relative to `displayRoot`
    /// when given (so that messages match what the user typed).
    public func load(folder: String, displayRoot: String? = nil) -> Result {
        var b = Builder(folder: folder, displayRoot: displayRoot ?? folder, strict: options.strict)
        return b.run()
    }
}

/// Reads a file into a `SourceFile` and parses it, turning failures into located findings.
struct FileReader {
    static func read(path: String, name: String, diags: inout [Diagnostic]) -> (SourceFile, JSONNode)? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diags.append(Diagnostic(.error, code: .fileMissing, place: SourcePlace(file: name),
                                    message: "cannot read the file", help: "check that it exists and is readable"))
            return nil
        }
        let file = SourceFile(name: name, bytes: [UInt8](data))
        return parse(file, diags: &diags).map { (file, $0) }
    }

    static func parse(_ file: SourceFile, diags: inout [Diagnostic], echo: Bool = true) -> JSONNode? {
        do {
            return try JSONParser.parse(file.bytes)
        } catch {
            diags.append(Diagnostic(
                .error, code: .jsonSyntax, place: file.place("$", offset: error.offset), message: error.message,
                help: "fix the JSON syntax at this line and column",
                related: error.related.map { file.place("$", offset: $0) }))
            return nil
        }
    }
}

private struct Builder {
    let folder: String
    let displayRoot: String
    let strict: Bool
    var diags: [Diagnostic] = []
    let decoder = StrictDecoder()

    init(folder: String, displayRoot: String, strict: Bool) {
        self.folder = folder
        self.displayRoot = displayRoot
        self.strict = strict
    }

    mutating func error(_ code: Diagnostic.Code, _ at: Locator, id: String? = nil, _ message: String, help: String? = nil,
                        related: SourcePlace? = nil)
    {
        diags.append(Diagnostic(.error, code: code, place: at.place, id: id, message: message, help: help, related: related))
    }

    mutating func warning(_ code: Diagnostic.Code, _ at: Locator, id: String? = nil, _ message: String, help: String? = nil) {
        diags.append(Diagnostic(.warning, code: code, place: at.place, id: id, message: message, help: help))
    }

    func displayName(_ path: String) -> String {
        let std = (path as NSString).standardizingPath
        let root = (displayRoot as NSString).standardizingPath
        if std == root { return (std as NSString).lastPathComponent }
        let base = (root as NSString).deletingLastPathComponent
        if !base.isEmpty, std.hasPrefix(base + "/") { return String(std.dropFirst(base.count + 1)) }
        return std
    }

    mutating func decode<T: Decodable>(_ type: T.Type, _ loc: Locator) -> T? {
        guard let node = loc.node else { return nil }
        do {
            return try decoder.decode(type, from: node, file: loc.file, path: loc.path)
        } catch {
            diags.append(contentsOf: error.diagnostics)
            return nil
        }
    }

    /// Decodes the file's top level and checks its format version.
    mutating func readDocument<T: Decodable>(_ type: T.Type, path: String, version: (T) -> Int) -> (T, Locator)? {
        let name = displayName(path)
        guard let (file, node) = FileReader.read(path: path, name: name, diags: &diags) else { return nil }
        let loc = Locator(file: file, node: node, path: "$")
        guard let doc = decode(type, loc) else { return nil }
        if version(doc) != supportedFormatVersion {
            error(.formatVersion, loc["formatVersion"], "format version \(version(doc)) is not supported",
                  help: "this engine reads formatVersion \(supportedFormatVersion)")
            return nil
        }
        return (doc, loc)
    }

    mutating func run() -> DirectoryLoader.Result {
        let contextPath = folder + "/context.json"
        let ctx = readDocument(ContextDocument.self, path: contextPath, version: \.formatVersion)
        let context = ctx.flatMap { buildContext($0.0, $0.1) }

        let orgs = readList(path: folder + "/organisations.json", key: "organisations", OrganisationDocument.self)
        let svcs = readList(path: folder + "/services.json", key: "services", ServiceDocument.self)

        var pathwayDocs: [(PathwayDocument, Locator)] = []
        if let (doc, loc) = ctx {
            for (i, rel) in doc.pathways.enumerated() {
                let p = rel.hasPrefix("/") ? rel : folder + "/" + rel
                if !FileManager.default.fileExists(atPath: p) {
                    error(.fileMissing, loc["pathways"][i], id: rel, "pathway file '\(rel)' does not exist",
                          help: "paths are relative to the folder of context.json")
                    continue
                }
                if let d = readDocument(PathwayDocument.self, path: p, version: \.formatVersion) { pathwayDocs.append(d) }
            }
        }

        guard let context else { return finish(nil) }

        let organisations = buildOrganisations(orgs)
        let services = buildServices(svcs, context: context, organisations: organisations)
        let pathways = buildPathways(pathwayDocs, context: context)

        let hasErrors = diags.contains { $0.severity == .error }
        if hasErrors && strict { return finish(nil) }
        let warnings = Diagnostic.sortedForReport(diags.filter { $0.severity != .error })
        return finish(Directory(context: context, organisations: organisations, services: services,
                                pathways: pathways, diagnostics: warnings))
    }

    func finish(_ d: Directory?) -> DirectoryLoader.Result {
        DirectoryLoader.Result(directory: d, diagnostics: Diagnostic.sortedForReport(diags))
    }

    /// Reads `{ "formatVersion": 1, key: [ … ] }` and decodes each element on its own.
    mutating func readList<T: Decodable>(path: String, key: String, _ type: T.Type) -> [(T, Locator)] {
        let name = displayName(path)
        guard let (file, node) = FileReader.read(path: path, name: name, diags: &diags) else { return [] }
        let root = Locator(file: file, node: node, path: "$")
        // The envelope is read by hand: two known fields, everything else is an unknown field.
        guard case .object(let members) = node.value else {
            error(.jsonWrongType, root, "expected an object with formatVersion and \(key)")
            return []
        }
        for m in members where m.key != "formatVersion" && m.key != key {
            let near = closestMatch(to: m.key, in: ["formatVersion", key])
            diags.append(Diagnostic(.error, code: .jsonUnknownField, place: file.place("$" + pathComponent(m.key), offset: m.keyOffset),
                                    message: "unknown field '\(m.key)'", help: near.map { "did you mean '\($0)'?" }))
        }
        guard let version = decode(Int.self, root["formatVersion"]) else {
            if root["formatVersion"].node == nil { error(.jsonMissingField, root, "missing required field 'formatVersion'") }
            return []
        }
        if version != supportedFormatVersion {
            error(.formatVersion, root["formatVersion"], "format version \(version) is not supported",
                  help: "this engine reads formatVersion \(supportedFormatVersion)")
            return []
        }
        guard let listNode = root[key].node else {
            error(.jsonMissingField, root, "missing required field '\(key)'")
            return []
        }
        guard case .array(let items) = listNode.value else {
            error(.jsonWrongType, root[key], "expected an array, found \(listNode.kindName)")
            return []
        }
        var out: [(T, Locator)] = []
        for i in items.indices {
            let loc = root[key][i]
            if let v = decode(type, loc) { out.append((v, loc)) }
        }
        return out
    }

    // MARK: context

    mutating func buildContext(_ doc: ContextDocument, _ loc: Locator) -> Context? {
        let before = diags.count
        let offset = parseUTCOffset(doc.utcOffset)
        if offset == nil {
            error(.contextUtcOffset, loc["utcOffset"], "utcOffset must look like +03:00 or -05:30")
        }
        if doc.id.isEmpty { error(.contextId, loc["id"], "the context id must not be empty") }

        var languages: [String: Locator] = [:]
        for (i, l) in doc.languages.enumerated() {
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
            if a.pcode.isEmpty || !a.pcode.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || ("A"..."Z").contains($0) || ("a"..."z").contains($0) }) {
                error(.areaPcode, l, id: a.pcode, "a P-code is letters and digits only")
            }
            if let first = areaLocs[a.pcode] {
                error(.dupArea, l, id: a.pcode, "P-code '\(a.pcode)' is listed twice", related: first.place)
            } else {
                areaLocs[a.pcode] = l
                byLevel[a.level, default: []].append(a.pcode)
            }
        }
        var areas: [String: Area] = [:]
        for (i, a) in doc.areas.enumerated() where areas[a.pcode] == nil {
            var parent: String?
            if a.level < 0 {
                error(.areaLevel, loc["areas"][i]["level"], id: a.pcode, "level must be 0 or more")
            } else if a.level > 0 {
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

        var categories: [String: CategoryDocument] = [:]
        var catLocs: [String: Locator] = [:]
        for (i, c) in doc.categories.enumerated() {
            let l = loc["categories"][i]["id"]
            if let first = catLocs[c.id] {
                error(.dupCategory, l, id: c.id, "category '\(c.id)' is listed twice", related: first.place)
            } else {
                catLocs[c.id] = l
                categories[c.id] = c
            }
        }
        func vocabulary(_ list: [VocabularyEntry]?, _ key: String, _ duplicateCode: Diagnostic.Code) -> [String: String] {
            var out: [String: String] = [:]
            for (i, e) in (list ?? []).enumerated() {
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
        let needs = doc.accessNeeds.map { vocabulary($0, "accessNeeds", .dupAccessNeeds) }

        checkRules(doc.rules, loc["rules"], categories: Set(categories.keys), groups: Set(groups.keys))

        guard diags.count == before || !diags[before...].contains(where: { $0.severity == .error }),
            let offset
        else { return nil }
        return Context(
            id: doc.id, name: doc.name, fictional: doc.fictional ?? false, utcOffsetMinutes: offset,
            reportingLevel: doc.reportingLevel ?? 2, languages: doc.languages, areas: areas, categories: categories,
            populationGroups: groups, legalStatuses: statuses, accessNeeds: needs, rules: doc.rules, file: loc.file.name)
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
        for (key, hours) in [("emergency", r.responseHours.emergency), ("urgent", r.responseHours.urgent),
                             ("routine", r.responseHours.routine)] where !(0...1_000_000).contains(hours) {
            error(.rulesResponseHours, loc["responseHours"][key], "response hours must be between 0 and 1000000")
        }
    }

    mutating func unknown(_ code: Diagnostic.Code, _ at: Locator, _ id: String, _ what: String, _ known: some Collection<String>,
                          help extra: String? = nil)
    {
        var help = extra ?? "define it first, or fix the spelling"
        if let near = closestMatch(to: id, in: known) { help = "did you mean '\(near)'?" }
        error(code, at, id: id, "unknown \(what) '\(id)'", help: help)
    }

    // MARK: organisations and services

    mutating func buildOrganisations(_ list: [(OrganisationDocument, Locator)]) -> [String: Organisation] {
        var out: [String: Organisation] = [:]
        var locs: [String: Locator] = [:]
        for (o, l) in list {
            if let first = locs[o.id] {
                error(.dupOrganisation, l["id"], id: o.id, "organisation id '\(o.id)' is used twice", related: first["id"].place)
                continue
            }
            locs[o.id] = l
            out[o.id] = Organisation(id: o.id, name: o.name, type: o.type, contact: o.contact)
        }
        return out
    }

    mutating func buildServices(_ list: [(ServiceDocument, Locator)], context: Context,
                                organisations: [String: Organisation]) -> [Service]
    {
        var out: [Service] = []
        var locs: [String: Locator] = [:]
        let duties = Set(context.rules.mandatoryReporting.map(\.id))
        let languages = Set(context.languages.map(\.code))
        for (s, l) in list {
            let before = diags.filter { $0.severity == .error }.count
            if let first = locs[s.id] {
                error(.dupService, l["id"], id: s.id, "service id '\(s.id)' is used twice", related: first["id"].place)
                continue
            }
            locs[s.id] = l
            if organisations[s.organisation] == nil {
                unknown(.refUnknownOrganisation, l["organisation"], s.organisation, "organisation", organisations.keys)
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
                } else if let w = h.weekly {
                    switch WeeklyHours.parse(w) {
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
            if s.sensitiveDataQualified == true, let category, category.sensitive != true {
                warning(.serviceSensitiveIgnored, l["sensitiveDataQualified"], id: s.id,
                        "category '\(s.category)' may not hold sensitive data, so this service receives none",
                        help: "mark the category sensitive in context.json if its services may hold sensitive data")
            }
            if diags.filter({ $0.severity == .error }).count != before { continue }
            out.append(Service(
                id: s.id, organisation: s.organisation, name: s.name, category: s.category, areas: s.areas,
                modality: s.modality, hours: hours, languages: s.languages, interpretation: s.interpretation ?? false,
                eligibility: e, accessibility: s.accessibility ?? [], staffSexes: s.staffSexes, features: s.features ?? [],
                selfReferral: s.intake.selfReferral, requiredFields: s.intake.requiredFields, status: s.status,
                mandatoryReporting: s.mandatoryReporting ?? [],
                sensitiveDataQualified: s.sensitiveDataQualified == true && category?.sensitive == true,
                address: s.address, focalPoint: s.focalPoint, lastVerifiedDay: verifiedDay, lastVerified: s.lastVerified,
                interventionType: s.interventionType, cost: s.cost, place: l.place))
        }
        return out
    }

    // MARK: pathways

    mutating func buildPathways(_ docs: [(PathwayDocument, Locator)], context: Context) -> [Pathway] {
        var out: [Pathway] = []
        var ids: [String: Locator] = [:]
        let pathwayIDs = Set(docs.map(\.0.id))
        for (p, l) in docs {
            if let first = ids[p.id] {
                error(.dupPathway, l["id"], id: p.id, "pathway id '\(p.id)' is used twice", related: first["id"].place)
                continue
            }
            ids[p.id] = l
            let before = diags.filter { $0.severity == .error }.count
            checkCondition(p.appliesWhen, l["appliesWhen"], context: context, pathways: pathwayIDs)
            var stepIndex: [String: Int] = [:]
            var steps: [Step] = []
            for (i, s) in p.steps.enumerated() {
                let sl = l["steps"][i]
                if stepIndex[s.id] != nil {
                    error(.dupStep, sl["id"], id: s.id, "step id '\(s.id)' is used twice in pathway '\(p.id)'",
                          related: l["steps"][stepIndex[s.id]!]["id"].place)
                    continue
                }
                if context.categories[s.category] == nil {
                    unknown(.refUnknownCategory, sl["category"], s.category, "category", context.categories.keys)
                }
                if let w = s.when { checkCondition(w, sl["when"], context: context, pathways: pathwayIDs) }
                for (j, e) in (s.escalate ?? []).enumerated() {
                    checkCondition(e.when, sl["escalate"][j]["when"], context: context, pathways: pathwayIDs)
                }
                for (j, w) in (s.windows ?? []).enumerated() where !(w.hours > 0 && w.hours <= RoutingTime.maxHours) {
                    error(.stepWindow, sl["windows"][j]["hours"], id: w.id, "a time window must be between 0 and 1000000 hours")
                }
                stepIndex[s.id] = steps.count
                steps.append(Step(
                    id: s.id, name: s.name, category: s.category, when: s.when, urgency: s.urgency, windows: s.windows ?? [],
                    escalate: s.escalate ?? [], terminal: s.terminal ?? false, optional: s.optional ?? false, note: s.note,
                    place: sl.place))
            }
            var entry: [Int] = []
            for (i, e) in p.entry.enumerated() {
                if let idx = stepIndex[e] { entry.append(idx) } else {
                    unknown(.refUnknownStep, l["entry"][i], e, "step", stepIndex.keys)
                }
            }
            if p.entry.isEmpty { error(.pathwayNoEntry, l["entry"], id: p.id, "a pathway needs at least one entry step") }
            var links = [[Pathway.Link]](repeating: [], count: steps.count)
            for (i, k) in p.links.enumerated() {
                let kl = l["links"][i]
                let from = stepIndex[k.from]
                let to = stepIndex[k.to]
                if from == nil { unknown(.refUnknownStep, kl["from"], k.from, "step", stepIndex.keys) }
                if to == nil { unknown(.refUnknownStep, kl["to"], k.to, "step", stepIndex.keys) }
                if let w = k.when { checkCondition(w, kl["when"], context: context, pathways: pathwayIDs) }
                if let from, let to { links[from].append(Pathway.Link(to: to, when: k.when, place: kl.place)) }
            }
            if diags.filter({ $0.severity == .error }).count != before { continue }
            out.append(Pathway(id: p.id, name: p.name, appliesWhen: p.appliesWhen, steps: steps, entry: entry,
                               links: links, file: l.file.name))
        }
        return out
    }

    mutating func checkCondition(_ c: ConditionDocument, _ l: Locator, context: Context, pathways: Set<String>) {
        for (i, concern) in (c.concerns ?? []).enumerated() where !pathways.contains(concern) {
            unknown(.refUnknownPathway, l["concerns"][i], concern, "pathway", pathways,
                    help: "concerns name pathway ids")
        }
        for (i, g) in (c.populationGroups ?? []).enumerated() where context.populationGroups[g] == nil {
            unknown(.refUnknownGroup, l["populationGroups"][i], g, "population group", context.populationGroups.keys)
        }
        for (i, sub) in (c.anyOf ?? []).enumerated() {
            checkCondition(sub, l["anyOf"][i], context: context, pathways: pathways)
        }
        if let n = c.not { checkCondition(n.value, l["not"], context: context, pathways: pathways) }
    }
}

