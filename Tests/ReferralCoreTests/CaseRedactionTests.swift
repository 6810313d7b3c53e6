import Foundation
import Testing

@testable import ReferralCore

/// One redaction point (issue 13, item 1): whatever is wrong with a case, no finding repeats a key
/// or value of it, and places name unknown fields by position.
@Suite struct CaseRedactionTests {
    let directory: Directory
    let allowed: Set<EchoCheck.Window>
    init() throws {
        directory = try loadDirectory()
        allowed = EchoCheck.allowedText(directory)
    }

    func findings(_ text: String) -> [Diagnostic] {
        if case .failure(let f) = CaseLoader.load(bytes: Array(text.utf8), name: "case.json", directory: directory) {
            return f.diagnostics
        }
        return []
    }

    /// The adult case with `insert` added after `"age": 24,`.
    func with(_ insert: String) -> String {
        adultCase.replacingOccurrences(of: "\"age\": 24,", with: "\"age\": 24, " + insert)
    }

    /// Found by the fuzzer: an unknown incident type whose text holds 'type', a word of the tool's
    /// own "unknown GBV incident type"; the echo check learns every closed vocabulary's message.
    @Test func anUnknownVocabularyValueIsNotTakenForAnEcho() throws {
        let file = Paths.repository.appendingPathComponent("Tests/FuzzCorpus/cases/case-echo-check-vocabulary.json")
        let bytes = Array(try Data(contentsOf: file))
        guard case .failure(let f) = CaseLoader.load(bytes: bytes, name: "fuzz.json", directory: directory) else {
            Issue.record("the case was accepted")
            return
        }
        #expect(f.diagnostics.map(\.code).contains(.jsonUnknownValue))
        #expect(EchoCheck.echoes(of: bytes, in: f.diagnostics, allowed: allowed) == [], "\(f.diagnostics.map(\.rendered))")
    }


    /// Keys holding a name, alone, before a syntax error, duplicated, a megabyte long, and clean
    /// but unknown: each refused, none repeated.
    @Test(arguments: [
        "{\"Amina Hassan\": 3}",
        "{\"Amina Hassan\" 3}",
        "{\"Zenobia Quarrington\": 1, \"Zenobia Quarrington\": 2}",
        "{\"formatVersion\": 1, \"Quarrington\": }",
        "{\"formatVersion\": 1,\n \"Zenobia Quarrington 0712 345 678\": true}",
        "{\"concerns\": {\"Quarrington\": {\"Zenobia\": \"Q\"}}}",
        "[\"Zenobia Quarrington\"]",
        "{\"caseCode\": \"Zenobia\\u0020Quarrington\"}",
        "{\"a\": \"\\uD800Quarrington\"}",
        "{\"Quarrington\u{0001}\": 1}",
        "{\"sex\": \"Quarrington\", \"area\": \"Quarringtonia\", \"languages\": [\"Zenobiaish\"]}",
    ])
    func nothingOfTheCaseIsRepeated(_ text: String) {
        let f = findings(text)
        #expect(!f.isEmpty)
        #expect(EchoCheck.echoes(of: Array(text.utf8), in: f, allowed: allowed) == [], "\(f.map(\.rendered))")
        let all = f.map(\.rendered).joined()
        #expect(!all.contains("Zenob") && !all.contains("Quarr"))
    }

    @Test func megabyteKeyIsNeitherRepeatedNorTruncatedIntoTheMessage() {
        let key = String(repeating: "Qz", count: 500_000)
        let f = findings(with("\"\(key)\": 1,"))
        let d = f.first
        #expect(d?.code == .jsonUnknownField || d?.code == .caseIdentifyingData)
        #expect(d?.place.path == "$.#4")
        #expect(f.map(\.rendered).joined().count < 1000)
    }

    /// A clean but unknown field: refused as unknown, by position, with a suggestion from the format.
    @Test func unknownFieldIsPlacedByPositionWithASuggestion() throws {
        let f = findings(with("\"languagez\": [\"fr\"],"))
        let d = try #require(f.first)
        #expect(d.code == .jsonUnknownField)
        #expect(d.place.path == "$.#4")
        #expect(d.help == "did you mean 'languages'?")
        #expect(!d.rendered.contains("languagez"))
        let nested = try #require(findings(adultCase.replacingOccurrences(of: "\"gbvIncidentType\"", with: "\"gbvIncidentTyp\"")).first)
        #expect(nested.place.path == "$.concerns.#2")
        #expect(nested.help == "did you mean 'gbvIncidentType'?")
    }

    /// What the decoder and the parser say goes through the same point: a bad value's type, a
    /// duplicated key, a syntax error after a key.
    @Test func decoderAndParserFindingsAreRedactedToo() throws {
        let dup = try #require(findings("{\"Quarrington\": 1, \"Quarrington\": 2}").first)
        #expect(dup.code == .jsonSyntax)
        #expect(dup.message.hasPrefix("duplicate field") && !dup.message.contains("Quarr"))
        let after = try #require(findings("{\"Quarrington\" 3}").first)
        #expect(after.code == .jsonSyntax)
        #expect(after.message.hasPrefix("expected ':'") && !after.message.contains("Quarr"))
        let type = try #require(findings(adultCase.replacingOccurrences(of: "\"age\": 24", with: "\"age\": [24]")).first)
        #expect(type.code == .jsonWrongType)
        #expect(type.place.path == "$.age")
    }

    @Test func pathsKeepKnownFieldsAndNumberTheOthers() throws {
        let root = try JSONParser.parse(Array("{\"age\":1,\"Amina\":{\"x\":[{\"y\":2}]},\"concerns\":{\"pathways\":[\"a\"],\"b c\":1}}".utf8))
        #expect(CaseRedaction.safePath("$.Amina.x[0].y", root: root) == "$.#2.#1[0].#1")
        #expect(CaseRedaction.safePath("$[\"Amina\"]", root: root) == "$.#2")
        #expect(CaseRedaction.safePath("$.concerns[\"b c\"]", root: root) == "$.concerns.#2")
        #expect(CaseRedaction.safePath("$.concerns.pathways[0]", root: root) == "$.concerns.pathways[0]")
        #expect(CaseRedaction.safePath("$.nothing.here", root: root) == "$")
        #expect(CaseRedaction.safePath("$[\"a\\\"b\"]", root: nil) == "$")
        #expect(CaseRedaction.safePath("garbage", root: root) == "$")
        #expect(CaseRedaction.safePath("$.caseCode", root: nil) == "$.caseCode")
    }

    @Test func quotedWordsStayOnlyWhenTheyBelongToTheFormat() {
        let words: Set<String> = ["languages", "ZZ0101"]
        #expect(CaseRedaction.scrub("unknown field 'Amina' (did you mean 'languages'?)", words)
            == "unknown field (did you mean 'languages'?)")
        #expect(CaseRedaction.scrub("expected ':' after field name 'Amina Hassan' but found '3'", words)
            == "expected ':' after field name but found '3'")
        #expect(CaseRedaction.scrub("the case's area is 'ZZ0101'", words) == "the case's area is 'ZZ0101'")
    }

    /// The check itself can fail: a message that repeats a value is caught.
    @Test func theEchoCheckCatchesAnEcho() {
        let bytes = Array("{\"name\": \"Quarrington\"}".utf8)
        let echo = Diagnostic(.error, code: .jsonUnknownField, place: SourcePlace(file: "x"), message: "unknown field 'Quarrington'")
        #expect(EchoCheck.echoes(of: bytes, in: [echo], allowed: allowed).contains("Quar"))
        let clean = Diagnostic(.error, code: .jsonUnknownField, place: SourcePlace(file: "x"), message: "unknown field")
        #expect(EchoCheck.echoes(of: bytes, in: [clean], allowed: allowed).isEmpty)
    }
}

/// The gate's and the redaction's schema is the case format's: a field added to `CaseDocument`
/// without its line in `CaseFieldType.schema` would be refused as unknown, and the reverse shown.
@Suite struct CaseSchemaTests {
    @Test func schemaListsExactlyTheFieldsOfACase() throws {
        let full = CaseDocument(
            formatVersion: 1, caseCode: "X-1", age: AgeValue(years: 3), sex: .female, area: "A", languages: ["l"],
            accessNeeds: ["n"], populationGroups: ["g"], legalStatus: "s", recordedAt: "2026-11-28T14:00+02:00",
            concerns: ConcernsDocument(pathways: ["p"], gbvIncidentType: .rape, hoursSinceIncident: 1,
                                       traffickingIndicators: [.act], suicidePlan: true, suicidalThoughts: true,
                                       psychosisSigns: true, distress: .mild, separation: .separated,
                                       caregiverSuspected: true, imminentRiskToLife: true, injuries: true,
                                       safetyRisk: .high, bestInterestsDetermination: .pending),
            preferences: PreferencesDocument(noPolice: true, noForensicEvidence: true, staffSex: .female, remoteOnly: true,
                                             excludeOrganisations: ["o"], wantsShelter: true),
            consent: ConsentDocument(givenBy: .self, childAssent: true, referToCategories: ["c"],
                                     referToOrganisations: ["o"], share: [.age], mandatoryReportingExplained: true,
                                     caregiverNotToBeContacted: true))
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(full)) as? [String: Any])
        func keys(_ o: [String: Any], _ t: CaseFieldType, _ path: String) {
            guard case .object(let fields) = t else { Issue.record("\(path) is an object in the format"); return }
            #expect(Set(o.keys) == Set(fields.keys), "\(path)")
            for (k, v) in o {
                if let inner = v as? [String: Any], let ft = fields[k] { keys(inner, ft, path + "." + k) }
            }
        }
        keys(object, CaseFieldType.schema, "$")
    }
}

/// A case with very many unknown keys: ten findings and a count, in linear time.
@Suite struct CaseCapTests {
    @Test func manyUnknownKeysAreCappedAndRedacted() throws {
        let directory = try loadDirectory()
        let keys = (0..<20_000).map { "\"k\($0)\": 1" }.joined(separator: ",")
        let text = adultCase.replacingOccurrences(of: "\"age\": 24,", with: "\"age\": 24, \(keys),")
        guard case .failure(let f) = CaseLoader.load(bytes: Array(text.utf8), name: "case.json", directory: directory) else {
            Issue.record("accepted")
            return
        }
        // Ten of each kind (unknown field; "k12345" also looks like a document number) and a count.
        let summaries = f.diagnostics.filter { $0.message.hasPrefix("… and ") }
        #expect(!summaries.isEmpty && f.diagnostics.count <= 2 * 11)
        let hidden = summaries.compactMap { Int($0.message.split(separator: " ")[2].replacingOccurrences(of: ",", with: "")) }
        #expect(hidden.reduce(0, +) + f.diagnostics.count - summaries.count == 20_000)
        #expect(f.diagnostics.allSatisfy { $0.id == nil && !$0.place.path.contains("k1") })
    }
}
