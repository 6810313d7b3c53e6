// `CleanCaseReader`, the case loader's fast path: the case's objects and their field names, read
// member by member. Its values (strings, lists, numbers, ages) are in CleanCaseReader+Values.swift.

/// The case loader's fast path: a case that is plainly clean is read straight from its bytes, in
/// one pass, into a `CaseDocument`; anything else is left to the full loader (parser, gate,
/// decoder), which alone reports findings.
///
/// "Plainly clean" is a strict subset of what the full loader accepts:
/// - well-formed JSON with no byte order mark, every string printable ASCII without escapes;
/// - every field one the format defines, each at most once (so no duplicate key), every required
///   one present and not null, every value of its field's type;
/// - the case code accepted by the context's scheme (`CaseCodeRule.check`), every closed
///   vocabulary's value one of its values, an age in years or a `15-17` band in range, the whole
///   numbers plain digits.
///
/// What the reader does not check itself (areas, languages and the other references, recordedAt,
/// the format version, the consent and hours rules) `CaseLoader.check` does afterwards, and any
/// finding sends the case to the full loader. A value the gate would refuse is either outside the
/// subset (a case code, a closed vocabulary, a field no case has) or a reference that `check`
/// finds unknown, so a case read here is one the gate passes; and the document is the decoder's
/// (`CleanCaseReaderTests` compares both paths over the fuzz corpus and generated cases).
struct CleanCaseReader {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    private let codeRule: CaseCodeRule
    /// The names and vocabularies, fetched once per case (a `static let` costs a `swift_once` per use).
    private let t: Tables
    /// The items of the list being read (`list()`).
    var spans: [Range<Int>] = []

    /// Anything outside the subset: the full loader decides.
    struct Miss: Error {}

    /// The case's document, or nil when the case is not plainly clean.
    static func read(_ bytes: [UInt8], codeRule: CaseCodeRule) -> CaseDocument? {
        bytes.withUnsafeBufferPointer { buf in
            var r = CleanCaseReader(b: buf, codeRule: codeRule, t: Tables.shared)
            do throws(Miss) { return try r.document() } catch { return nil }
        }
    }

    private init(b: UnsafeBufferPointer<UInt8>, codeRule: CaseCodeRule, t: Tables) {
        self.b = b
        self.codeRule = codeRule
        self.t = t
        spans.reserveCapacity(16)
    }

    final class Tables: Sendable {
        static let shared = Tables()
        let caseFields = CleanCaseReader.caseFields, concernsFields = CleanCaseReader.concernsFields
        let preferencesFields = CleanCaseReader.preferencesFields, consentFields = CleanCaseReader.consentFields
        let sex = Sex.rawTable, incidentType = GBVIncidentType.rawTable, indicator = TraffickingIndicator.rawTable
        let distress = Distress.rawTable, separation = Separation.rawTable, safetyRisk = SafetyRisk.rawTable
        let determination = BestInterestsDetermination.rawTable, giver = ConsentGiver.rawTable, field = CaseField.rawTable
    }

    // MARK: the case's objects

    /// The fields of each object, in the order of its field table (a test holds them to it).
    static let caseFields = Names(CaseDocument.table, [
        "formatVersion", "caseCode", "age", "sex", "area", "languages", "accessNeeds", "populationGroups",
        "legalStatus", "recordedAt", "concerns", "preferences", "consent",
    ])
    static let concernsFields = Names(ConcernsDocument.table, [
        "pathways", "gbvIncidentType", "hoursSinceIncident", "traffickingIndicators", "suicidePlan", "suicidalThoughts",
        "psychosisSigns", "distress", "separation", "caregiverSuspected", "imminentRiskToLife", "injuries", "safetyRisk",
        "bestInterestsDetermination",
    ])
    static let preferencesFields = Names(PreferencesDocument.table, [
        "noPolice", "noForensicEvidence", "staffSex", "remoteOnly", "excludeOrganisations", "wantsShelter",
    ])
    static let consentFields = Names(ConsentDocument.table, [
        "givenBy", "childAssent", "referToCategories", "referToOrganisations", "share", "mandatoryReportingExplained",
        "caregiverNotToBeContacted",
    ])

    private mutating func document() throws(Miss) -> CaseDocument {
        skipSpace()
        let d = try object(.blank, t.caseFields) { (r, d: inout CaseDocument, f) throws(Miss) in
            switch f {
            case 0: d.formatVersion = try r.integer()
            case 1: d.caseCode = try r.caseCode()
            case 2: d.age = try r.age()
            case 3: d.sex = try r.value(r.t.sex)
            case 4: d.area = try r.string()
            case 5: d.languages = try r.strings()
            case 6: d.accessNeeds = try r.strings()
            case 7: d.populationGroups = try r.strings()
            case 8: d.legalStatus = try r.string()
            case 9: d.recordedAt = try r.string()
            case 10: d.concerns = try r.object(.blank, r.t.concernsFields, Self.concern)
            case 11: d.preferences = try r.object(.blank, r.t.preferencesFields, Self.preference)
            default: d.consent = try r.object(.blank, r.t.consentFields, Self.consent)
            }
        }
        skipSpace()
        guard i == b.count else { throw Miss() }
        return d
    }

    /// An object of the case, from `{` to `}`: `field` reads the value of each member (given the
    /// field's position in `names`) into the document, which starts `blank`; a required field
    /// missing is a miss.
    private mutating func object<D>(
        _ blank: D, _ names: Names, _ field: (inout CleanCaseReader, inout D, Int) throws(Miss) -> Void
    ) throws(Miss) -> D {
        var d = blank
        var seen: UInt32 = 0
        try expect(UInt8(ascii: "{"))
        while let f = try member(names, &seen) { try field(&self, &d, f) }
        try names.requireAll(seen)
        return d
    }

    /// The case code, accepted by the context's scheme (from its bytes when it can).
    private mutating func caseCode() throws(Miss) -> String {
        let r = try plain()
        let code = String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
        guard codeRule.acceptsAtOnce(UnsafeBufferPointer(rebasing: b[r])) || codeRule.check(code) == .accepted else {
            throw Miss()
        }
        return code
    }

    // The members of the case's three inner objects, each by its field's position in the object's
    // `Names` (the case's own members are read in `document`).

    private static func concern(_ r: inout CleanCaseReader, _ c: inout ConcernsDocument, _ f: Int) throws(Miss) {
        switch f {
        case 0: c.pathways = try r.strings()
        case 1: c.gbvIncidentType = try r.value(r.t.incidentType)
        case 2: c.hoursSinceIncident = try r.double()
        case 3: c.traffickingIndicators = try r.values(r.t.indicator)
        case 4: c.suicidePlan = try r.bool()
        case 5: c.suicidalThoughts = try r.bool()
        case 6: c.psychosisSigns = try r.bool()
        case 7: c.distress = try r.value(r.t.distress)
        case 8: c.separation = try r.value(r.t.separation)
        case 9: c.caregiverSuspected = try r.bool()
        case 10: c.imminentRiskToLife = try r.bool()
        case 11: c.injuries = try r.bool()
        case 12: c.safetyRisk = try r.value(r.t.safetyRisk)
        default: c.bestInterestsDetermination = try r.value(r.t.determination)
        }
    }

    private static func preference(_ r: inout CleanCaseReader, _ p: inout PreferencesDocument, _ f: Int) throws(Miss) {
        switch f {
        case 0: p.noPolice = try r.bool()
        case 1: p.noForensicEvidence = try r.bool()
        case 2: p.staffSex = try r.value(r.t.sex)
        case 3: p.remoteOnly = try r.bool()
        case 4: p.excludeOrganisations = try r.strings()
        default: p.wantsShelter = try r.bool()
        }
    }

    private static func consent(_ r: inout CleanCaseReader, _ c: inout ConsentDocument, _ f: Int) throws(Miss) {
        switch f {
        case 0: c.givenBy = try r.value(r.t.giver)
        case 1: c.childAssent = try r.bool()
        case 2: c.referToCategories = try r.strings()
        case 3: c.referToOrganisations = try r.strings()
        case 4: c.share = try r.values(r.t.field)
        case 5: c.mandatoryReportingExplained = try r.bool()
        default: c.caregiverNotToBeContacted = try r.bool()
        }
    }

    /// An object's field names, found by their bytes (`ByteWords`). (A class: passed around
    /// without copying its arrays.)
    final class Names: Sendable {
        /// The names as given; those the document's table does not have are never found.
        let list: [String]
        private let words: ByteWords
        private let known: UInt32
        /// A bit per field the table requires.
        let required: UInt32

        init<D>(_ table: FieldTable<D>, _ names: [String]) {
            precondition(names.count <= 32)
            list = names
            words = ByteWords(names)
            var known: UInt32 = 0, required: UInt32 = 0
            for (n, name) in names.enumerated() {
                guard let field = table.fields.first(where: { $0.name == name }) else { continue }
                known |= 1 << UInt32(n)
                if field.isRequired { required |= 1 << UInt32(n) }
            }
            self.known = known
            self.required = required
        }

        /// The position of the name `b[range]`, or nil.
        func find(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
            guard let n = words.find(b, range), known & (1 << UInt32(n)) != 0 else { return nil }
            return n
        }

        func requireAll(_ seen: UInt32) throws(Miss) {
            guard seen & required == required else { throw Miss() }
        }
    }

    /// The next member of an object (the reader after `{` or after the last member's value):
    /// its field's position in `names`, with the reader at its value; nil after the closing
    /// brace. A field met twice, an unknown or non-plain name, or a required field that is null
    /// is a miss; an optional field that is null is skipped (left nil, as the decoder does).
    private mutating func member(_ names: Names, _ seen: inout UInt32) throws(Miss) -> Int? {
        while true {
            skipSpace()
            guard i < b.count else { throw Miss() }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                return nil
            }
            if seen != 0 {
                guard b[i] == UInt8(ascii: ",") else { throw Miss() }
                i += 1
                skipSpace()
            }
            let key = try plain()
            guard let f = names.find(b, key) else { throw Miss() }
            let bit = UInt32(1) << UInt32(f)
            guard seen & bit == 0 else { throw Miss() }
            seen |= bit
            skipSpace()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            guard i < b.count else { throw Miss() }
            guard b[i] == UInt8(ascii: "n") else { return f }
            guard names.required & bit == 0 else { throw Miss() }
            try literal("null")
        }
    }
}
