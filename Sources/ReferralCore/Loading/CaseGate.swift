// `CaseGate`, the identifying-data gate over a parsed case's tokens. The schema it walks
// (`CaseFieldType`, `GateSchema`) is in CaseSchema.swift.

/// The identifying-data gate: walks the parsed case against `CaseFieldType.schema` before anything
/// is decoded, so that personal data is refused wherever it hides and whatever else is wrong.
///
/// - A known field is checked by its type: a case code against the context's scheme
///   (`CaseCodeRule`), a vocabulary value against the context; a value that fails its type and
///   looks like personal data is refused as identifying, labelled by what it looks like.
/// - A field no case has is refused for being there: as identifying when its name or anything in
///   it looks like personal data, else as an unknown field.
///
/// It walks the parser's tokens: a value becomes a `String` only when it is checked, and the
/// JSON path of a value is written only when a finding names it. Findings carry raw paths;
/// `CaseRedaction` turns them into safe ones.
struct CaseGate {
    let directory: Directory
    let context: Context
    let file: SourceFile
    let codeRule: CaseCodeRule
    private let t: [JSONToken]
    private let bytes: [UInt8]
    /// At most ten findings of a kind are built (a case with 100,000 unknown keys says ten and a
    /// count, and spends nothing on the others' paths, places and suggestions). A box, so that
    /// a finding is built while the walk's state is read.
    private let sink = Sink()

    private final class Sink {
        var findings: [Diagnostic] = []
        var cap = DiagnosticCap()
    }
    /// The path to the value being walked, as steps: a key's token, or an item's position.
    private var steps: [Step] = []

    private enum Step {
        case key(Int)
        case index(Int)
    }

    init(directory: Directory, doc: JSONDocument) {
        self.directory = directory
        self.context = directory.context
        self.file = doc.file
        self.codeRule = directory.context.rules.caseCode
        self.t = doc.tokens
        self.bytes = doc.file.bytes
        steps.reserveCapacity(8)
    }

    /// The gate's findings, capped (`DiagnosticCap`).
    static func check(_ doc: JSONDocument, directory: Directory) -> [Diagnostic] {
        var gate = CaseGate(directory: directory, doc: doc)
        gate.walk(0, GateSchema.root)
        return gate.sink.findings + gate.sink.cap.summaries
    }

    private func add(_ code: Diagnostic.Code, _ make: () -> Diagnostic) {
        sink.cap.add(.error, code: code, file: file.name, to: &sink.findings, make)
    }

    /// The JSON path of the value being walked (`$.concerns.pathways[0]`).
    private var path: String {
        var p = "$"
        for s in steps {
            switch s {
            case .key(let k): p += pathComponent(t.string(k, in: bytes))
            case .index(let i): p += "[\(i)]"
            }
        }
        return p
    }

    private func text(_ i: Int) -> String { t[i].kind == .string ? t.string(i, in: bytes) : t.numberText(i, in: bytes) }

    func identifying(_ index: Int, _ message: @autoclosure () -> String, offset: Int? = nil) {
        add(.caseIdentifyingData) {
            Diagnostic(.error, code: .caseIdentifyingData, place: file.place(path, offset: offset ?? Int(t[index].start)),
                       message: "identifying data refused: " + message(),
                       help: "the router takes anonymised cases only: remove it (the case was not stored)")
        }
    }

    mutating func walk(_ index: Int, _ schema: GateSchema) {
        let tok = t[index]
        switch (schema.shape, tok.kind) {
        case (.object, .object):
            var k = index + 1, position = 0
            let end = Int(tok.next)
            while k < end {
                steps.append(.key(k))
                if let child = schema.field(k, t, bytes) {
                    walk(k + 1, child)
                } else {
                    unknownField(key: k, position: position, in: schema.fields)
                }
                steps.removeLast()
                k = Int(t[k + 1].next)
                position += 1
            }
        case (.array, .array):
            var k = index + 1, i = 0
            let end = Int(tok.next)
            while k < end {
                steps.append(.index(i))
                walk(k, schema.element!)
                steps.removeLast()
                k = Int(t[k].next)
                i += 1
            }
        case (.string, .string):
            // A closed vocabulary's value in plain ASCII is known by its bytes (ASCII texts are
            // equal as `String`s exactly when their bytes are).
            if tok.isPlain, !schema.valueBytes.isEmpty,
                GateSchema.find(Int(tok.start) + 1, Int(tok.end) - 1, in: schema.valueBytes, bytes) != nil
            {
                return
            }
            knownString(t.string(index, in: bytes), schema.valueKind!, index)
        case (.age, .string):
            if tok.isPlain && isAgeBand(Int(tok.start) + 1, Int(tok.end) - 1) { return }
            let s = t.string(index, in: bytes)
            let band = s.split(separator: "-", omittingEmptySubsequences: false)
            if band.count == 2, band.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) { return }
            if let kind = IdentifyingShape.classify(s) { identifying(index, "this value looks like \(kind.rawValue)") }
        case (.number, .number), (.age, .number), (.bool, .true), (.bool, .false), (_, .null):
            return
        default:
            // The wrong type for the field (the decoder says so); anything in it may still be
            // personal data.
            stray(index)
        }
    }

    /// `15-17` in ASCII: one to three digits, a dash, one to three digits (the common band; any
    /// other text goes through the general check).
    private func isAgeBand(_ from: Int, _ to: Int) -> Bool {
        var digits = 0, groups = 1
        for i in from..<to {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                digits += 1
                if digits > 3 { return false }
            } else if c == UInt8(ascii: "-") && digits > 0 && groups == 1 {
                groups = 2
                digits = 0
            } else {
                return false
            }
        }
        return groups == 2 && digits > 0
    }

    mutating func knownString(_ s: String, _ kind: CaseFieldType.ValueKind, _ index: Int) {
        let ctx = context
        let known: Bool
        var names: VocabularyKind?
        switch kind {
        case .caseCode:
            switch codeRule.check(s) {
            case .accepted: return
            case .identifying(let k):
                identifying(index, "this value looks like \(k.rawValue), not a case code")
            case .wrongShape:
                add(.caseCode) {
                    Diagnostic(.error, code: .caseCode, place: file.place(path, offset: Int(t[index].start)),
                               message: "the case code does not have the expected shape: \(codeRule.expected)",
                               help: "use the pseudonymous code from the case-management system, never a name")
                }
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
            identifying(index, "this value looks like \(k.rawValue)")
        }
    }

    /// A field no case has (key token `key`, its value after it): refused for being there,
    /// labelled by what it looks like.
    mutating func unknownField(key: Int, position: Int, in fields: [String: CaseFieldType]) {
        let name = t.string(key, in: bytes), keyOffset = Int(t[key].start)
        if let k = IdentifyingShape.classify(name) {
            identifying(key + 1, "a field whose name looks like \(k.rawValue)", offset: keyOffset)
            return
        }
        if let k = IdentifyingShape.kindOfFieldName(name) {
            identifying(key + 1, "this field would hold \(k.rawValue)", offset: keyOffset)
            return
        }
        let kinds = kinds(in: key + 1)
        if !kinds.isEmpty {
            let what = kinds.map(\.rawValue).joined(separator: ", ")
            identifying(key + 1, "a field that is not part of a case holds what looks like \(what)", offset: keyOffset)
            return
        }
        add(.jsonUnknownField) {
            var help = "remove it: a case has only the fields listed in Pathways/README.md"
            if let near = closestMatch(to: name, in: fields.keys) { help = "did you mean '\(near)'?" }
            return Diagnostic(.error, code: .jsonUnknownField, place: file.place(path, offset: keyOffset),
                              message: "a field that is not part of a case (its name is not shown)", help: help)
        }
    }

    /// Inside a value of the wrong type: every string and field name that looks like personal data.
    mutating func stray(_ index: Int) {
        let tok = t[index]
        switch tok.kind {
        case .string, .number:
            if let k = IdentifyingShape.classify(text(index)) { identifying(index, "this value looks like \(k.rawValue)") }
        case .array:
            var k = index + 1, i = 0
            while k < Int(tok.next) {
                steps.append(.index(i))
                stray(k)
                steps.removeLast()
                k = Int(t[k].next)
                i += 1
            }
        case .object:
            var k = index + 1
            while k < Int(tok.next) {
                steps.append(.key(k))
                let name = t.string(k, in: bytes)
                if let kind = IdentifyingShape.classify(name) ?? IdentifyingShape.kindOfFieldName(name) {
                    identifying(k + 1, "a field whose name looks like \(kind.rawValue)", offset: Int(t[k].start))
                } else {
                    stray(k + 1)
                }
                steps.removeLast()
                k = Int(t[k + 1].next)
            }
        default:
            break
        }
    }

    /// The kinds of personal data anywhere in the value at `index` (names of fields included),
    /// sorted.
    func kinds(in index: Int) -> [IdentifyingKind] {
        var out: Set<IdentifyingKind> = []
        var k = index
        let end = Int(t[index].next)
        // Every token of the value in order: keys are the string tokens right inside an object.
        var keys: Set<Int> = []
        while k < end {
            let tok = t[k]
            switch tok.kind {
            case .string where keys.contains(k):
                let name = t.string(k, in: bytes)
                if let kind = IdentifyingShape.classify(name) ?? IdentifyingShape.kindOfFieldName(name) { out.insert(kind) }
            case .string, .number:
                if let kind = IdentifyingShape.classify(text(k)) { out.insert(kind) }
            case .object:
                var m = k + 1
                while m < Int(tok.next) {
                    keys.insert(m)
                    m = Int(t[m + 1].next)
                }
            default: break
            }
            k += 1
        }
        return out.sorted()
    }
}
