import Foundation
import Testing
@testable import ReferralCore

/// A valid adult GBV case; tests change one thing at a time.
let adultCase = """
    {
      "formatVersion": 1,
      "caseCode": "TEST-0001",
      "age": 24,
      "sex": "female",
      "area": "ZZ0101",
      "languages": ["fr"],
      "populationGroups": ["refugee"],
      "legalStatus": "irregular",
      "concerns": {"pathways": ["gbv"], "gbvIncidentType": "rape", "hoursSinceIncident": 31},
      "preferences": {"noPolice": true, "staffSex": "female"},
      "consent": {
        "givenBy": "self",
        "referToCategories": ["gbv.case-management", "health.cmr", "shelter.safe", "livelihoods"],
        "share": ["caseCode", "age", "sex", "area", "gbv.incidentType", "gbv.hoursSinceIncident"],
        "mandatoryReportingExplained": false
      }
    }
    """

@Suite("Anonymised case input")
struct CaseLoaderTests {
    let directory: Directory
    init() throws { directory = try loadDirectory() }

    func failure(_ json: String) -> [Diagnostic] {
        if case .failure(let f) = CaseLoader.load(bytes: Array(json.utf8), name: "case.json", directory: directory) {
            return f.diagnostics
        }
        return []
    }

    @Test func validCaseLoads() throws {
        let c = try loadCase(adultCase, directory: directory)
        #expect(c.code == "TEST-0001")
        #expect(c.age == AgeValue(years: 24))
    }

    /// A field a case does not have is placed by its position (`$.#2`: the second field), never by
    /// its name.
    @Test(arguments: [
        ("\"firstName\": \"Amina\",", "$.#2", "a name"),
        ("\"phone\": \"+44 20 7946 0000\",", "$.#2", "a phone number"),
        ("\"dateOfBirth\": \"2001-04-03\",", "$.#2", "a date"),
        ("\"gps\": [12.1, 13.2],", "$.#2", "a GPS position"),
        ("\"passportNumber\": \"X1234567\",", "$.#2", "a document number"),
        ("\"homeAddress\": \"1 Long Road\",", "$.#2", "an address"),
    ])
    func identifyingFieldIsRefusedByNameWithoutEchoingTheValue(_ insert: String, _ path: String, _ kind: String) throws {
        let json = adultCase.replacingOccurrences(of: "\"formatVersion\": 1,", with: "\"formatVersion\": 1,\n  " + insert)
        let diags = failure(json)
        let d = try #require(diags.first)
        #expect(diags.count == 1)
        #expect(d.code == .caseIdentifyingData)
        #expect(d.place.path == path)
        #expect(d.place.line == 3)
        #expect(d.message.contains(kind))
        let parts = insert.split(separator: ":", maxSplits: 1)
        #expect(!d.place.path.contains(parts[0].trimmingCharacters(in: .init(charactersIn: "\""))))
        for token in parts[1].split(whereSeparator: { " \",[]".contains($0) }) where token.count > 2 {
            #expect(!d.rendered.contains(token), "the value was echoed: \(token)")
        }
    }

    @Test(arguments: [
        ("\"caseCode\": \"TEST-0001\"", "\"caseCode\": \"amina@example.org\"", "$.caseCode", "an e-mail address"),
        ("\"caseCode\": \"TEST-0001\"", "\"caseCode\": \"0790 123 4567\"", "$.caseCode", "a phone number"),
        ("\"area\": \"ZZ0101\"", "\"area\": \"12.3456, 45.6789\"", "$.area", "a GPS position"),
        ("\"languages\": [\"fr\"]", "\"languages\": [\"fr\", \"03/04/2001\"]", "$.languages[1]", "a date"),
        ("\"area\": \"ZZ0101\"", "\"area\": \"lives behind the old mosque\"", "$.area", "free text"),
    ])
    func identifyingValueIsRefusedWithoutEchoingIt(_ from: String, _ to: String, _ path: String, _ kind: String) throws {
        let d = try #require(failure(adultCase.replacingOccurrences(of: from, with: to)).first)
        #expect(d.code == .caseIdentifyingData)
        #expect(d.place.path == path)
        #expect(d.message.contains(kind))
        let value = to.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .init(charactersIn: " \"[]"))
        #expect(!d.rendered.contains(value))
    }

    @Test func unknownAreaSuggestsWithoutEchoing() throws {
        let d = try #require(failure(adultCase.replacingOccurrences(of: "\"area\": \"ZZ0101\"", with: "\"area\": \"ZZ0110\"")).first)
        #expect(d.code == .caseUnknownArea)
        #expect(d.place.path == "$.area")
        #expect(d.place.line == 6)
        #expect(!d.message.contains("ZZ0110"))
    }

    @Test func badEnumValueIsPlacedButNotEchoed() throws {
        let typo = try #require(failure(adultCase.replacingOccurrences(of: "\"sex\": \"female\"", with: "\"sex\": \"femal\"")).first)
        #expect(typo.code == .jsonUnknownValue)
        #expect(typo.place.path == "$.sex")
        #expect(!typo.rendered.contains("femal'"))
        // A name where a closed value belongs is identifying data, not a typo.
        let json = adultCase.replacingOccurrences(of: "\"sex\": \"female\"", with: "\"sex\": \"Fatima\"")
        let d = try #require(failure(json).first)
        #expect(d.code == .caseIdentifyingData)
        #expect(d.place.path == "$.sex")
        #expect(d.message.contains("a name"))
        #expect(!d.rendered.contains("Fatima"))
    }

    @Test func malformedCaseGivesLineAndColumn() throws {
        let d = try #require(failure("{\n  \"formatVersion\": 1,\n  \"caseCode\" \"X\"\n}").first)
        #expect(d.code == .jsonSyntax)
        #expect(d.place.line == 3)
        #expect(d.place.column == 14)
    }

    @Test func unknownConsentCategoryIsNamed() throws {
        let json = adultCase.replacingOccurrences(of: "\"shelter.safe\", \"livelihoods\"]", with: "\"shelter.saf\", \"livelihoods\"]")
        let d = try #require(failure(json).first)
        #expect(d.code == .caseUnknownCategory)
        #expect(d.place.path == "$.consent.referToCategories[2]")
        #expect(d.help == "did you mean 'shelter.safe'?")
    }

    @Test func accessNeedsAndLanguagesAreChecked() throws {
        let typo = adultCase.replacingOccurrences(of: "\"languages\": [\"fr\"],", with: "\"languages\": [\"fr\"], \"accessNeeds\": [\"wheelchiar\"],")
        let d = try #require(failure(typo).first)
        #expect(d.code == .caseUnknownAccessNeed)
        #expect(d.place.path == "$.accessNeeds[0]")
        #expect(d.help == "did you mean 'wheelchair'?")
        let none = try #require(failure(adultCase.replacingOccurrences(of: "\"languages\": [\"fr\"]", with: "\"languages\": []")).first)
        #expect(none.code == .caseNoLanguage)
    }

    @Test(arguments: ["1e300", "-1", "1000001"])
    func outOfRangeHoursSinceIncidentIsRefusedNotACrash(_ hours: String) throws {
        let json = adultCase.replacingOccurrences(of: "\"hoursSinceIncident\": 31", with: "\"hoursSinceIncident\": \(hours)")
        let d = try #require(failure(json).first)
        #expect(d.code == .caseHours)
        #expect(d.place.path == "$.concerns.hoursSinceIncident")
    }

    @Test func clockArithmeticNeverOverflows() {
        let t = RoutingTime(epochSeconds: 0, utcOffsetMinutes: 0)
        for h in [Double.infinity, -Double.infinity, .nan, 1e300, -1e300] { _ = t.adding(hours: h).iso8601 }
        #expect(t.adding(hours: 1e300).epochSeconds == Int64(1e9 * 3600))
        #expect(formatHours(1e300).hasPrefix("1000000000"))
        #expect(formatHours(41) == "41")
        #expect(formatHours(41.25) == "41.2" || formatHours(41.25) == "41.3")
    }

    @Test func ageBandIsAccepted() throws {
        let c = try loadCase(adultCase.replacingOccurrences(of: "\"age\": 24", with: "\"age\": \"15-17\""), directory: directory)
        #expect(c.age == AgeValue(min: 15, max: 17))
        let bad = try #require(failure(adultCase.replacingOccurrences(of: "\"age\": 24", with: "\"age\": \"17-15\"")).first)
        #expect(bad.code == .caseInvalidAge)
        #expect(bad.place.path == "$.age")
    }
}
