import ReferralCore

/// An import profile checked against a context: every table keyed the way values are compared
/// (`TextCleaner.key`: lower case, straight quotes, single spaces), every id it names known to the
/// context. Built by `ImportProfile.load`, or `builtIn` when no profile is given (an HSDS file this
/// tool exported).
public struct ImportProfile: Sendable {
    public let dataset: String
    public let idPrefix: String
    let delimiter: UInt8
    let listSeparators: [Character]
    /// Generic CSV: each field's columns, and where the profile names them.
    var columns: [(field: SourceField, names: [String], place: ImportPlace)]
    let ignoreColumns: Set<String>
    let categoryExact: [String: String]
    /// Prefix → category, longest prefix first.
    let categoryPrefixes: [(String, String)]
    let categoryOverrides: [String: [String]]
    let severalCategories: SeveralCategories
    let areas: [String: String]
    let postcodes: [(String, String)]
    let areaFromAddress: Bool
    let languages: [String: String]
    let languageAccessNeeds: [String: String]
    let interpretation: Set<String>
    let ageGroups: [String: AgeRangeDocument]
    let sexes: [String: [Sex]]
    let accessNeeds: [String: String]
    let populationGroups: [String: String]
    let statuses: [String: StatusTarget]
    let dateOrder: DateOrder?
    let nullValues: Set<String>
    let confidentialMarkers: [String]
    let confidentialCategories: Set<String>
    let publicRecords: Set<String>
    let defaults: DefaultsDocument
    /// The profile file as given, for findings about its defaults.
    let file: String?

    static let defaultNullValues = ["none", "n/a", "na", "null", "-", "--", "not applicable", "unknown", "nil"]
    static let defaultMarkers = ["confidential", "undisclosed", "withheld", "not disclosed", "confidentially located",
                                 "secret location", "location withheld", "do not publish"]
    static let builtInStatuses: [String: StatusTarget] = [
        "open": .open, "active": .open, "waitlist": .waitlist, "waiting list": .waitlist, "full": .waitlist,
        "closed": .closed, "inactive": .closed, "temporarily closed": .closed, "defunct": .skip,
    ]
    static let builtInSexes: [String: [Sex]] = [
        "female": [.female], "f": [.female], "male": [.male], "m": [.male], "all": [], "any": [], "both": [], "everyone": [],
    ]

    /// No profile: for an HSDS export of this tool, whose records carry everything in attributes.
    public static func builtIn(dataset: String, context: Context) -> ImportProfile {
        let doc = ProfileDocument(formatVersion: 1, dataset: dataset)
        return ImportProfile(doc, context: context, file: nil)
    }

    init(_ d: ProfileDocument, context: Context, file: String?) {
        dataset = d.dataset
        idPrefix = d.idPrefix ?? String(Self.slug(d.dataset).prefix(32))
        delimiter = d.csv?.delimiter.flatMap { $0 == "\\t" ? 9 : $0.utf8.first } ?? UInt8(ascii: ",")
        listSeparators = (d.csv?.listSeparators ?? [",", ";"]).compactMap(\.first)
        columns = []
        ignoreColumns = Set(d.ignoreColumns ?? [])
        var exact: [String: String] = [:], prefixes: [(String, String)] = []
        for (k, v) in d.categories ?? [:] {
            if k.hasSuffix("*") { prefixes.append((TextCleaner.key(String(k.dropLast())), v)) } else { exact[TextCleaner.key(k)] = v }
        }
        categoryExact = exact
        categoryPrefixes = prefixes.sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0 < $1.0 }
        categoryOverrides = d.categoryOverrides ?? [:]
        severalCategories = d.severalCategories ?? .error
        func keyed<V>(_ t: [String: V]?) -> [String: V] {
            var out: [String: V] = [:]
            for (k, v) in t ?? [:] { out[TextCleaner.key(k)] = v }
            return out
        }
        areas = keyed(d.areas)
        postcodes = keyed(d.postcodes).map { ($0.key.replacingOccurrences(of: " ", with: ""), $0.value) }
            .sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0 < $1.0 }
        areaFromAddress = d.areaFromAddress ?? false
        languages = keyed(d.languages)
        var needs = keyed(d.languageAccessNeeds)
        // Built in: these are never languages. They become access needs only if the context
        // names them (or has no list of access needs).
        for (k, v) in ["sign language": "sign-language", "asl": "sign-language", "tty": "tty", "tdd": "tty"]
        where needs[k] == nil && (context.accessNeeds == nil || context.accessNeeds?[v] != nil) {
            needs[k] = v
        }
        languageAccessNeeds = needs
        interpretation = Set((d.interpretation ?? []).map(TextCleaner.key))
            .union(["language line", "interpretation", "interpreter", "interpreters", "interpreter available",
                    "interpretation available", "translation", "translation available"])
        ageGroups = keyed(d.ageGroups)
        sexes = Self.builtInSexes.merging(keyed(d.sexes)) { $1 }
        accessNeeds = keyed(d.accessNeeds)
        populationGroups = keyed(d.populationGroups)
        statuses = Self.builtInStatuses.merging(keyed(d.statuses)) { $1 }
        dateOrder = d.dates?.order
        nullValues = Set((d.nullValues ?? Self.defaultNullValues).map(TextCleaner.key))
        confidentialMarkers = (d.confidential?.markers ?? Self.defaultMarkers).map(TextCleaner.key)
        confidentialCategories = Set(d.confidential?.categories
            ?? context.categories.keys.filter { $0.hasPrefix("shelter") || $0.hasPrefix("gbv") })
        publicRecords = Set(d.confidential?.publicRecords ?? [])
        defaults = d.defaults ?? DefaultsDocument()
        self.file = file
    }

    /// `<idPrefix>.<rest>`, at most 64 characters (the directory's limit for ids): a longer one keeps
    /// its start and ends with 8 hexadecimal digits of the SHA-1 of the whole, so it stays unique
    /// and the same on every import.
    func id(_ rest: String) -> String {
        let full = idPrefix + "." + rest
        if full.count <= 64 { return full }
        let hash = SHA1.digest(Array(full.utf8)).prefix(4).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        return String(full.prefix(55)) + "-" + hash
    }

    /// A name safe to put in an id: letters, digits, `-`, `_` and `.`; anything else becomes `-`.
    static func slug(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var dash = false
        for ch in s.unicodeScalars {
            var v = ch.value
            if v >= 0x41 && v <= 0x5A { v += 32 }   // A-Z → a-z
            let keep = (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || v == 0x5F || v == 0x2E
            if keep {
                if dash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                dash = false
                out.append(UInt8(v))
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "x" : String(decoding: out, as: UTF8.self)
    }


    /// The place of a field of the profile, for findings about defaults.
    func place(_ path: String) -> ImportPlace { ImportPlace(file: file ?? "(built-in profile)", path: path) }

    // MARK: loading

    /// Reads, decodes and checks the profile at `path` against `context`. Every problem is
    /// reported with its line, column and JSON path.
    public static func load(path: String, context: Context) -> Result<ImportProfile, LoadFailure> {
        let bytes: [UInt8]
        switch InputReader.read(path: path, limit: InputLimits.caseBytes * 16) {
        case .success(let b): bytes = b
        case .failure(let f): return .failure(LoadFailure([f.diagnostic(file: path)]))
        }
        let file = SourceFile(name: path, bytes: bytes)
        let node: JSONNode
        do {
            node = try JSONParser.parse(bytes)
        } catch {
            return .failure(LoadFailure([Diagnostic(
                .error, code: .jsonSyntax, place: file.place("$", offset: error.offset), message: error.message,
                help: "fix the JSON syntax at this line and column")]))
        }
        let doc: ProfileDocument
        do {
            doc = try StrictDecoder().decode(ProfileDocument.self, from: node, file: file)
        } catch {
            return .failure(error)
        }
        var check = ProfileCheck(root: Locator(file: file, node: node, path: "$"), context: context)
        check.run(doc)
        if !check.diags.isEmpty { return .failure(LoadFailure(Diagnostic.sortedForReport(check.diags))) }
        var p = ImportProfile(doc, context: context, file: path)
        let cols = (doc.columns?.mapped ?? []).map { f, names in
            (field: f, names: names, place: ImportPlace(file: path, path: "$.columns.\(f.rawValue)",
                                                        line: check.root["columns"][f.rawValue].place.line))
        }
        p.columns = cols
        return .success(p)
    }
}

/// The checks of a profile against its context, each located in the profile file.
struct ProfileCheck {
    let root: Locator
    let context: Context
    var diags: [Diagnostic] = []

    mutating func error(_ code: Diagnostic.Code, _ at: Locator, _ message: String, help: String? = nil) {
        diags.append(Diagnostic(.error, code: code, place: at.place, message: message, help: help))
    }

    mutating func known(_ id: String, in known: some Collection<String>, _ at: Locator, what: String) {
        if known.contains(id) { return }
        var help = "the context defines it in context.json, or fix the spelling"
        if let near = closestMatch(to: id, in: known) { help = "did you mean '\(near)'?" }
        error(.profileUnknownReference, at, "unknown \(what) '\(id)'", help: help)
    }

    /// Two keys of one table that compare equal (`Women` and `women `) are ambiguous.
    mutating func keys(_ table: [String: some Any]?, _ name: String) {
        var seen: [String: String] = [:]
        for k in (table ?? [:]).keys.sorted() {
            let key = TextCleaner.key(k.hasSuffix("*") ? String(k.dropLast()) + "*" : k)
            if let first = seen[key] {
                error(.profileAmbiguousKey, root[name][k], "'\(k)' and '\(first)' are the same key once case and spaces are ignored",
                      help: "keep one of them")
            }
            seen[key] = k
        }
    }

    mutating func run(_ d: ProfileDocument) {
        if d.formatVersion != 1 {
            error(.formatVersion, root["formatVersion"], "format version \(d.formatVersion) is not supported",
                  help: "this version reads formatVersion 1")
        }
        if d.dataset.allSatisfy(\.isWhitespace) {
            error(.profileInvalid, root["dataset"], "the dataset name is empty", help: "name the source, for example city-211-2026")
        }
        if let p = d.idPrefix, p.isEmpty || p != ImportProfile.slug(p) || p.count > 32 {
            error(.profileInvalid, root["idPrefix"], "an id prefix is 1 to 32 lower-case letters, digits, '-', '_' and '.'",
                  help: "for example '\(ImportProfile.slug(p).prefix(32))'")
        }
        if let delim = d.csv?.delimiter, delim != "\\t", delim.utf8.count != 1 || delim == "\"" {
            error(.profileInvalid, root["csv"]["delimiter"], "a delimiter is one character (a comma, ';', '|' or \\t for a tab)")
        }
        for (i, sep) in (d.csv?.listSeparators ?? []).enumerated() where sep.count != 1 {
            error(.profileInvalid, root["csv"]["listSeparators"][i], "a list separator is one character")
        }
        let cats = context.categories.keys
        for (k, v) in d.categories ?? [:] { known(v, in: cats, root["categories"][k], what: "category") }
        for (k, list) in d.categoryOverrides ?? [:] {
            for (i, v) in list.enumerated() { known(v, in: cats, root["categoryOverrides"][k][i], what: "category") }
        }
        for (k, v) in d.areas ?? [:] { known(v, in: context.areas.keys, root["areas"][k], what: "area") }
        for (k, v) in d.postcodes ?? [:] { known(v, in: context.areas.keys, root["postcodes"][k], what: "area") }
        let langs = context.languages.map(\.code)
        for (k, v) in d.languages ?? [:] { known(v, in: langs, root["languages"][k], what: "language") }
        if let needs = context.accessNeeds {
            for (k, v) in d.languageAccessNeeds ?? [:] { known(v, in: needs.keys, root["languageAccessNeeds"][k], what: "access need") }
            for (k, v) in d.accessNeeds ?? [:] { known(v, in: needs.keys, root["accessNeeds"][k], what: "access need") }
        }
        for (k, v) in d.populationGroups ?? [:] {
            known(v, in: context.populationGroups.keys, root["populationGroups"][k], what: "population group")
        }
        for (k, r) in d.ageGroups ?? [:] {
            let lo = r.minAge ?? 0, hi = r.maxAge ?? 130
            if lo < 0 || hi > 130 || lo > hi || (r.minAge == nil && r.maxAge == nil) {
                error(.profileInvalid, root["ageGroups"][k], "ages must be within 0-130, minAge no greater than maxAge",
                      help: "write {\"minAge\": 14, \"maxAge\": 24}; leave one out for an open range")
            }
        }
        for t in ["categories", "areas", "postcodes", "languages", "languageAccessNeeds", "ageGroups", "sexes", "accessNeeds",
                  "populationGroups", "statuses"]
        {
            switch t {
            case "categories": keys(d.categories, t)
            case "areas": keys(d.areas, t)
            case "postcodes": keys(d.postcodes, t)
            case "languages": keys(d.languages, t)
            case "languageAccessNeeds": keys(d.languageAccessNeeds, t)
            case "ageGroups": keys(d.ageGroups, t)
            case "sexes": keys(d.sexes, t)
            case "accessNeeds": keys(d.accessNeeds, t)
            case "populationGroups": keys(d.populationGroups, t)
            default: keys(d.statuses, t)
            }
        }
        for (i, c) in (d.confidential?.categories ?? []).enumerated() {
            known(c, in: cats, root["confidential"]["categories"][i], what: "category")
        }
        let defaults = root["defaults"]
        if let f = d.defaults {
            for (i, l) in (f.languages ?? []).enumerated() { known(l, in: langs, defaults["languages"][i], what: "language") }
            for (i, a) in (f.areas ?? []).enumerated() { known(a, in: context.areas.keys, defaults["areas"][i], what: "area") }
            if let c = f.category { known(c, in: cats, defaults["category"], what: "category") }
            let duties = context.rules.mandatoryReporting.map(\.id)
            for (i, m) in (f.mandatoryReporting ?? []).enumerated() {
                known(m, in: duties, defaults["mandatoryReporting"][i], what: "reporting duty")
            }
            if f.modality?.isEmpty == true { error(.profileInvalid, defaults["modality"], "list at least one modality") }
            for (c, byCat) in f.byCategory ?? [:] {
                known(c, in: cats, defaults["byCategory"][c], what: "category")
                for (i, m) in (byCat.mandatoryReporting ?? []).enumerated() {
                    known(m, in: duties, defaults["byCategory"][c]["mandatoryReporting"][i], what: "reporting duty")
                }
            }
        }
        let mapped = Set((d.columns?.mapped ?? []).flatMap(\.1))
        for (i, c) in (d.ignoreColumns ?? []).enumerated() where mapped.contains(c) {
            error(.profileInvalid, root["ignoreColumns"][i], "column '\(c)' is both ignored and mapped", help: "remove it from one list")
        }
    }
}
