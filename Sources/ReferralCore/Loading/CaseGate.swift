/// The fields a case may have, with the type of each: what the identifying-data gate checks
/// values against, and what the redaction point shows of a place (a known field by name, any
/// other by its position). `CaseSchemaTests` checks it against `CaseDocument`.
indirect enum CaseFieldType: Sendable {
    case object([String: CaseFieldType])
    case array(CaseFieldType)
    case string(ValueKind)
    case number
    case bool
    /// A number of years, or a band such as "15-17".
    case age

    enum ValueKind: Sendable {
        case caseCode, area, language, accessNeed, populationGroup, legalStatus, pathway, category, organisation
        /// A time to the hour with its offset (`2026-11-28T14:00+02:00`): when the case was recorded.
        case hourTime
        /// A closed vocabulary of the format itself (sex, incident type…).
        case enumeration([String])
    }

    static func oneOf<E: FieldEnum>(_: E.Type) -> CaseFieldType { .string(.enumeration(E.allCases.map(\.rawValue))) }

    /// The whole case.
    static let schema: CaseFieldType = .object([
        "formatVersion": .number,
        "caseCode": .string(.caseCode),
        "age": .age,
        "sex": oneOf(Sex.self),
        "area": .string(.area),
        "languages": .array(.string(.language)),
        "accessNeeds": .array(.string(.accessNeed)),
        "populationGroups": .array(.string(.populationGroup)),
        "legalStatus": .string(.legalStatus),
        "recordedAt": .string(.hourTime),
        "concerns": .object([
            "pathways": .array(.string(.pathway)),
            "gbvIncidentType": oneOf(GBVIncidentType.self),
            "hoursSinceIncident": .number,
            "traffickingIndicators": .array(oneOf(TraffickingIndicator.self)),
            "suicidePlan": .bool,
            "suicidalThoughts": .bool,
            "psychosisSigns": .bool,
            "distress": oneOf(Distress.self),
            "separation": oneOf(Separation.self),
            "caregiverSuspected": .bool,
            "imminentRiskToLife": .bool,
            "injuries": .bool,
            "safetyRisk": oneOf(SafetyRisk.self),
            "bestInterestsDetermination": oneOf(BestInterestsDetermination.self),
        ]),
        "preferences": .object([
            "noPolice": .bool,
            "noForensicEvidence": .bool,
            "staffSex": oneOf(Sex.self),
            "remoteOnly": .bool,
            "excludeOrganisations": .array(.string(.organisation)),
            "wantsShelter": .bool,
        ]),
        "consent": .object([
            "givenBy": oneOf(ConsentGiver.self),
            "childAssent": .bool,
            "referToCategories": .array(.string(.category)),
            "referToOrganisations": .array(.string(.organisation)),
            "share": .array(oneOf(CaseField.self)),
            "mandatoryReportingExplained": .bool,
            "caregiverNotToBeContacted": .bool,
        ]),
    ])

    /// Every field name and closed-vocabulary value the format defines: words that belong to the
    /// format, not to a case.
    static let formatWords: Set<String> = {
        var out: Set<String> = []
        func collect(_ t: CaseFieldType) {
            switch t {
            case .object(let fields):
                for (k, v) in fields {
                    out.insert(k)
                    collect(v)
                }
            case .array(let e): collect(e)
            case .string(.enumeration(let values)): out.formUnion(values)
            default: break
            }
        }
        collect(schema)
        return out
    }()
}

/// The identifying-data gate: walks the parsed case against `CaseFieldType.schema` before anything
/// is decoded, so that personal data is refused wherever it hides and whatever else is wrong.
///
/// - A known field is checked by its type: a case code against the context's scheme
///   (`CaseCodeRule`), a vocabulary value against the context; a value that fails its type and
///   looks like personal data is refused as identifying, labelled by what it looks like.
/// - A field no case has is refused for being there: as identifying when its name or anything in
///   it looks like personal data, else as an unknown field.
///
/// Findings carry raw paths; `CaseRedaction` turns them into safe ones.
struct CaseGate {
    let directory: Directory
    let file: SourceFile
    let codeRule: CaseCodeRule
    var findings: [Diagnostic] = []

    init(directory: Directory, file: SourceFile) {
        self.directory = directory
        self.file = file
        self.codeRule = directory.context.rules.caseCode
    }

    static func check(_ root: JSONNode, file: SourceFile, directory: Directory) -> [Diagnostic] {
        var gate = CaseGate(directory: directory, file: file)
        gate.walk(root, CaseFieldType.schema, path: "$")
        return gate.findings
    }

    mutating func identifying(_ node: JSONNode, _ path: String, _ message: String, offset: Int? = nil) {
        findings.append(Diagnostic(
            .error, code: .caseIdentifyingData, place: file.place(path, offset: offset ?? node.offset),
            message: "identifying data refused: " + message,
            help: "the router takes anonymised cases only: remove it (the case was not stored)"))
    }

    mutating func walk(_ node: JSONNode, _ type: CaseFieldType, path: String) {
        switch (type, node.value) {
        case (.object(let fields), .object(let members)):
            for (i, m) in members.enumerated() {
                let p = path + pathComponent(m.key)
                if let t = fields[m.key] {
                    walk(m.value, t, path: p)
                } else {
                    unknownField(m, position: i, in: fields, path: p)
                }
            }
        case (.array(let element), .array(let items)):
            for (i, item) in items.enumerated() { walk(item, element, path: path + "[\(i)]") }
        case (.string(let kind), .string(let s)):
            knownString(s, kind, node, path)
        case (.age, .string(let s)):
            let band = s.split(separator: "-", omittingEmptySubsequences: false)
            if band.count == 2, band.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) { return }
            if let kind = IdentifyingShape.classify(s) { identifying(node, path, "this value looks like \(kind.rawValue)") }
        case (.number, .number), (.age, .number), (.bool, .bool), (_, .null):
            return
        default:
            // The wrong type for the field (the decoder says so); anything in it may still be
            // personal data.
            stray(node, path: path)
        }
    }

    mutating func knownString(_ s: String, _ kind: CaseFieldType.ValueKind, _ node: JSONNode, _ path: String) {
        let ctx = directory.context
        let known: Bool
        var names: VocabularyKind?
        switch kind {
        case .caseCode:
            switch codeRule.check(s) {
            case .accepted: return
            case .identifying(let k):
                identifying(node, path, "this value looks like \(k.rawValue), not a case code")
            case .wrongShape:
                findings.append(Diagnostic(
                    .error, code: .caseCode, place: file.place(path, offset: node.offset),
                    message: "the case code does not have the expected shape: \(codeRule.expected)",
                    help: "use the pseudonymous code from the case-management system, never a name"))
            }
            return
        case .area: (known, names) = (ctx.areas[s] != nil, .areas)
        case .language: (known, names) = (ctx.languages.contains { $0.code == s }, .languages)
        case .accessNeed: (known, names) = (ctx.accessNeeds?[s] != nil || ctx.accessNeeds == nil, .accessNeeds)
        case .populationGroup: (known, names) = (ctx.populationGroups[s] != nil, .groups)
        case .legalStatus: (known, names) = (ctx.legalStatuses[s] != nil, .statuses)
        case .pathway: known = directory.pathways.contains { $0.id == s }
        case .category: (known, names) = (ctx.categories[s] != nil, .categories)
        case .organisation: known = directory.organisations[s] != nil
        case .enumeration(let values): known = values.contains(s)
        case .hourTime:
            // A well-formed time is checked against the hour and the routing time after decoding
            // (case.recorded-at); a date or anything else personal is refused here.
            known = RecordedAt.looksLikeATime(s)
        }
        // The name of an area or a language where its code belongs is a typo, not personal data.
        if !known, !isName(s, in: names.map(ctx.entries) ?? []), let k = IdentifyingShape.classify(s) {
            identifying(node, path, "this value looks like \(k.rawValue)")
        }
    }

    /// A field no case has: refused for being there, labelled by what it looks like.
    mutating func unknownField(_ m: JSONMember, position: Int, in fields: [String: CaseFieldType], path: String) {
        if let k = IdentifyingShape.classify(m.key) {
            identifying(m.value, path, "a field whose name looks like \(k.rawValue)", offset: m.keyOffset)
            return
        }
        if let k = IdentifyingShape.kindOfFieldName(m.key) {
            identifying(m.value, path, "this field would hold \(k.rawValue)", offset: m.keyOffset)
            return
        }
        let kinds = Self.kinds(in: m.value)
        if !kinds.isEmpty {
            let what = kinds.map(\.rawValue).joined(separator: ", ")
            identifying(m.value, path, "a field that is not part of a case holds what looks like \(what)",
                        offset: m.keyOffset)
            return
        }
        var help = "remove it: a case has only the fields listed in Pathways/README.md"
        if let near = closestMatch(to: m.key, in: fields.keys) { help = "did you mean '\(near)'?" }
        findings.append(Diagnostic(.error, code: .jsonUnknownField, place: file.place(path, offset: m.keyOffset),
                                   message: "a field that is not part of a case (its name is not shown)", help: help))
    }

    /// Inside a value of the wrong type: every string and field name that looks like personal data.
    mutating func stray(_ node: JSONNode, path: String) {
        switch node.value {
        case .string(let s), .number(let s):
            if let k = IdentifyingShape.classify(s) { identifying(node, path, "this value looks like \(k.rawValue)") }
        case .array(let items):
            for (i, item) in items.enumerated() { stray(item, path: path + "[\(i)]") }
        case .object(let members):
            for m in members {
                let p = path + pathComponent(m.key)
                if let k = IdentifyingShape.classify(m.key) ?? IdentifyingShape.kindOfFieldName(m.key) {
                    identifying(m.value, p, "a field whose name looks like \(k.rawValue)", offset: m.keyOffset)
                } else {
                    stray(m.value, path: p)
                }
            }
        default:
            break
        }
    }

    /// The kinds of personal data anywhere in `node` (names of fields included), sorted.
    static func kinds(in node: JSONNode) -> [IdentifyingKind] {
        var out: Set<IdentifyingKind> = []
        var stack = [node]
        while let n = stack.popLast() {
            switch n.value {
            case .string(let s), .number(let s): if let k = IdentifyingShape.classify(s) { out.insert(k) }
            case .array(let items): stack.append(contentsOf: items)
            case .object(let members):
                for m in members {
                    if let k = IdentifyingShape.classify(m.key) ?? IdentifyingShape.kindOfFieldName(m.key) { out.insert(k) }
                    stack.append(m.value)
                }
            default: break
            }
        }
        return out.sorted()
    }
}
