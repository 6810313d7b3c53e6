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
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private let codeRule: CaseCodeRule
    /// The names and vocabularies, fetched once per case (a `static let` costs a `swift_once` per use).
    private let t: Tables
    /// The items of the list being read (`list()`).
    private var spans: [Range<Int>] = []

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

    // MARK: values

    private mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            i += 1
        }
    }

    private mutating func expect(_ c: UInt8) throws(Miss) {
        guard i < b.count, b[i] == c else { throw Miss() }
        i += 1
    }

    private mutating func literal(_ word: StaticString) throws(Miss) {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw Miss() }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { throw Miss() }
        i += n
    }

    /// A string of printable ASCII without escapes: its content's range.
    private mutating func plain() throws(Miss) -> Range<Int> {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw Miss() }
        let end = TapeParser.plainRun(b, from: i + 1)
        guard end < b.count, b[end] == UInt8(ascii: "\"") else { throw Miss() }
        defer { i = end + 1 }
        return (i + 1)..<end
    }

    private mutating func string() throws(Miss) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[try plain()]), as: UTF8.self)
    }

    private mutating func value<E: ByteMatched>(_ table: RawValueTable<E>) throws(Miss) -> E {
        guard let e = table.match(b, try plain()) else { throw Miss() }
        return e
    }

    private mutating func bool() throws(Miss) -> Bool {
        guard i < b.count else { throw Miss() }
        if b[i] == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// An array of plain strings: their contents' ranges, in `spans` (kept from list to list, so
    /// that reading a list allocates only the list made of it).
    private mutating func list() throws(Miss) {
        spans.removeAll(keepingCapacity: true)
        try expect(UInt8(ascii: "["))
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1
            return
        }
        while true {
            skipSpace()
            spans.append(try plain())
            skipSpace()
            guard i < b.count else { throw Miss() }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                return
            }
            guard b[i] == UInt8(ascii: ",") else { throw Miss() }
            i += 1
        }
    }

    private mutating func strings() throws(Miss) -> [String] {
        try list()
        let b = b
        return spans.map { String(decoding: UnsafeBufferPointer(rebasing: b[$0]), as: UTF8.self) }
    }

    private mutating func values<E: ByteMatched>(_ table: RawValueTable<E>) throws(Miss) -> [E] {
        try list()
        var out: [E] = []
        out.reserveCapacity(spans.count)
        for r in spans {
            guard let e = table.match(b, r) else { throw Miss() }
            out.append(e)
        }
        return out
    }

    /// A number in JSON's grammar (as `TapeParser.number` reads it): its range, and whether it has
    /// neither a fraction nor an exponent.
    private mutating func number() throws(Miss) -> (range: Range<Int>, whole: Bool) {
        let start = i
        func isDigit(_ at: Int) -> Bool { at < b.count && b[at] >= 0x30 && b[at] <= 0x39 }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { throw Miss() }
        if b[i] == 0x30 {
            i += 1
            if isDigit(i) { throw Miss() }
        } else {
            while isDigit(i) { i += 1 }
        }
        var whole = true
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { throw Miss() }
            while isDigit(i) { i += 1 }
            whole = false
        }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { throw Miss() }
            while isDigit(i) { i += 1 }
            whole = false
        }
        return (start..<i, whole)
    }

    /// A whole number written as plain digits (at most 18, as `TokenReader.intValue` reads them
    /// directly); `1.0` or `1e0` are left to the decoder.
    private mutating func integer() throws(Miss) -> Int {
        let (r, whole) = try number()
        let negative = b[r.lowerBound] == UInt8(ascii: "-")
        let digits = r.count - (negative ? 1 : 0)
        guard whole, digits <= 18 else { throw Miss() }
        var value = 0
        for k in (r.upperBound - digits)..<r.upperBound { value = value * 10 + Int(b[k] - 0x30) }
        return negative ? -value : value
    }

    private mutating func double() throws(Miss) -> Double {
        let r = try number().range
        if let x = Self.shortDecimal(UnsafeBufferPointer(rebasing: b[r])) { return x }
        guard let x = Double(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)), x.isFinite else {
            throw Miss()
        }
        return x
    }

    static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { x, _ in x * 10 } }

    /// A number of at most 15 digits without an exponent (`442.5`, `-3`), as `Double(text)` reads
    /// it: its digits as a whole number divided by a power of ten, both exact in a `Double`, so the
    /// one rounding of the division is the correctly rounded value of the text; nil for any other.
    static func shortDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var m: Int64 = 0, digits = 0, fraction = 0, point = false
        for (k, c) in text.enumerated() {
            if c >= 0x30 && c <= 0x39 {
                m = m * 10 + Int64(c - 0x30)
                digits += 1
                if point { fraction += 1 }
            } else if c == UInt8(ascii: ".") && !point {
                point = true
            } else if !(c == UInt8(ascii: "-") && k == 0) {
                return nil
            }
            if digits > 15 { return nil }
        }
        let x = Double(m) / powersOfTen[fraction]
        return text.first == UInt8(ascii: "-") ? -x : x
    }

    /// An age in years, or a band of one to three digits each side (`15-17`), within 0...130.
    private mutating func age() throws(Miss) -> AgeValue {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else {
            let years = try integer()
            guard (0...130).contains(years) else { throw Miss() }
            return AgeValue(years: years)
        }
        var low = 0, high = 0, dash = false, digits = 0
        for k in try plain() {
            let c = b[k]
            if c >= 0x30 && c <= 0x39 && digits < 3 {
                high = high * 10 + Int(c - 0x30)
                digits += 1
            } else if c == UInt8(ascii: "-") && !dash && digits > 0 {
                (low, high, dash, digits) = (high, 0, true, 0)
            } else {
                throw Miss()
            }
        }
        guard dash, digits > 0, low <= high, high <= 130 else { throw Miss() }
        return AgeValue(min: low, max: high)
    }
}
