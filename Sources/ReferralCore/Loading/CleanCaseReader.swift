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
        var d = CaseDocument.blank
        var seen: UInt32 = 0
        let names = t.caseFields
        try expect(UInt8(ascii: "{"))
        while let f = try member(names, &seen) {
            switch f {
            case 0: d.formatVersion = try integer()
            case 1:
                let r = try plain()
                let code = String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
                guard codeRule.acceptsAtOnce(UnsafeBufferPointer(rebasing: b[r])) || codeRule.check(code) == .accepted else {
                    throw Miss()
                }
                d.caseCode = code
            case 2: d.age = try age()
            case 3: d.sex = try value(t.sex)
            case 4: d.area = try string()
            case 5: d.languages = try strings()
            case 6: d.accessNeeds = try strings()
            case 7: d.populationGroups = try strings()
            case 8: d.legalStatus = try string()
            case 9: d.recordedAt = try string()
            case 10: d.concerns = try concerns()
            case 11: d.preferences = try preferences()
            default: d.consent = try consent()
            }
        }
        try names.requireAll(seen)
        skipSpace()
        guard i == b.count else { throw Miss() }
        return d
    }

    private mutating func concerns() throws(Miss) -> ConcernsDocument {
        var c = ConcernsDocument.blank
        var seen: UInt32 = 0
        let names = t.concernsFields
        try expect(UInt8(ascii: "{"))
        while let f = try member(names, &seen) {
            switch f {
            case 0: c.pathways = try strings()
            case 1: c.gbvIncidentType = try value(t.incidentType)
            case 2: c.hoursSinceIncident = try double()
            case 3: c.traffickingIndicators = try values(t.indicator)
            case 4: c.suicidePlan = try bool()
            case 5: c.suicidalThoughts = try bool()
            case 6: c.psychosisSigns = try bool()
            case 7: c.distress = try value(t.distress)
            case 8: c.separation = try value(t.separation)
            case 9: c.caregiverSuspected = try bool()
            case 10: c.imminentRiskToLife = try bool()
            case 11: c.injuries = try bool()
            case 12: c.safetyRisk = try value(t.safetyRisk)
            default: c.bestInterestsDetermination = try value(t.determination)
            }
        }
        try names.requireAll(seen)
        return c
    }

    private mutating func preferences() throws(Miss) -> PreferencesDocument {
        var p = PreferencesDocument.blank
        var seen: UInt32 = 0
        let names = t.preferencesFields
        try expect(UInt8(ascii: "{"))
        while let f = try member(names, &seen) {
            switch f {
            case 0: p.noPolice = try bool()
            case 1: p.noForensicEvidence = try bool()
            case 2: p.staffSex = try value(t.sex)
            case 3: p.remoteOnly = try bool()
            case 4: p.excludeOrganisations = try strings()
            default: p.wantsShelter = try bool()
            }
        }
        try names.requireAll(seen)
        return p
    }

    private mutating func consent() throws(Miss) -> ConsentDocument {
        var c = ConsentDocument.blank
        var seen: UInt32 = 0
        let names = t.consentFields
        try expect(UInt8(ascii: "{"))
        while let f = try member(names, &seen) {
            switch f {
            case 0: c.givenBy = try value(t.giver)
            case 1: c.childAssent = try bool()
            case 2: c.referToCategories = try strings()
            case 3: c.referToOrganisations = try strings()
            case 4: c.share = try values(t.field)
            case 5: c.mandatoryReportingExplained = try bool()
            default: c.caregiverNotToBeContacted = try bool()
            }
        }
        try names.requireAll(seen)
        return c
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
