// The case format's schema: `CaseFieldType` (every field a case may have, with its type: what the
// identifying-data gate and the redaction point read) and `GateSchema` (the same tree with each
// object's field names as bytes, as the gate walks it). The gate itself is in CaseGate.swift.

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

/// The schema with each object's field names as bytes, so the gate matches a plain key without
/// making a `String` of it (built once).
final class GateSchema: Sendable {
    let type: CaseFieldType
    /// The type without its payload (switching on `type` copies the payload).
    let shape: Shape
    /// Strings: what the value is checked against; closed vocabularies also as bytes.
    let valueKind: CaseFieldType.ValueKind?
    let valueBytes: [[UInt8]]

    enum Shape: Sendable { case object, array, string, number, bool, age }
    /// Objects: the fields (the schema's own dictionary, for "did you mean"), then as parallel
    /// arrays their names' bytes and their schemas.
    let fields: [String: CaseFieldType]
    let keys: [String]
    let names: [[UInt8]]
    let children: [GateSchema]
    /// Arrays: the items' schema.
    let element: GateSchema?

    init(_ type: CaseFieldType) {
        self.type = type
        switch type {
        case .object: shape = .object
        case .array: shape = .array
        case .string: shape = .string
        case .number: shape = .number
        case .bool: shape = .bool
        case .age: shape = .age
        }
        if case .string(let kind) = type {
            valueKind = kind
            if case .enumeration(let values) = kind { valueBytes = values.map { Array($0.utf8) } } else { valueBytes = [] }
        } else {
            (valueKind, valueBytes) = (nil, [])
        }
        switch type {
        case .object(let f):
            fields = f
            keys = f.keys.sorted()
            names = keys.map { Array($0.utf8) }
            children = keys.map { GateSchema(f[$0]!) }
            element = nil
        case .array(let e):
            (fields, keys, names, children, element) = ([:], [], [], [], GateSchema(e))
        default:
            (fields, keys, names, children, element) = ([:], [], [], [], nil)
        }
    }

    static let root = GateSchema(CaseFieldType.schema)

    /// The schema of the field whose key is token `k`, or nil when the object has no such field.
    func field(_ k: Int, _ t: [JSONToken], _ bytes: [UInt8]) -> GateSchema? {
        let tok = t[k]
        guard tok.isPlain else {
            // Escapes or non-ASCII: compared as text, as a dictionary look-up does.
            let key = t.string(k, in: bytes)
            return keys.firstIndex(of: key).map { children[$0] }
        }
        return Self.find(Int(tok.start) + 1, Int(tok.end) - 1, in: names, bytes).map { children[$0] }
    }

    /// The position in `list` of the bytes `from..<to` of `bytes`, or nil.
    static func find(_ from: Int, _ to: Int, in list: [[UInt8]], _ bytes: [UInt8]) -> Int? {
        let count = to - from
        search: for (j, name) in list.enumerated() where name.count == count {
            for n in 0..<count where bytes[from + n] != name[n] { continue search }
            return j
        }
        return nil
    }
}
