import Foundation
import Testing
@testable import ReferralCore

/// The hand-written decoders (services, organisations, cases) against the generic `Codable`
/// decoder: the same value or exactly the same findings, on every mutation of rich documents,
/// on every field of the tables given a value of every JSON type, and on the shipped and
/// fuzz-corpus files.
@Suite("Hand-written decoders: against Codable")
struct HandDecoderTests {
    enum Outcome: Equatable {
        case value(String)
        case failure([Diagnostic])
    }

    static func encode<T: Encodable>(_ v: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: (try? e.encode(v)) ?? Data(), as: UTF8.self)
    }

    static func outcomes<T: Codable>(_ type: T.Type, _ bytes: [UInt8], echo: Bool) -> (Outcome, Outcome)? {
        let file = SourceFile(name: "t.json", bytes: bytes)
        guard let doc = try? JSONDocument.parse(file) else { return nil }
        let d = StrictDecoder(echoValues: echo)
        func run(_ body: () throws(LoadFailure) -> T) -> Outcome {
            do { return .value(encode(try body())) } catch { return .failure(error.diagnostics) }
        }
        let hand = run { () throws(LoadFailure) in try d.decode(T.self, in: doc, at: 0, path: "$.x") }
        let generic = run { () throws(LoadFailure) in try d.decodeGeneric(T.self, in: doc, at: 0, path: "$.x", byHand: false) }
        return (hand, generic)
    }

    static func check<T: Codable>(_ type: T.Type, _ bytes: [UInt8], _ what: @autoclosure () -> String) {
        for echo in [true, false] {
            guard let (hand, generic) = outcomes(type, bytes, echo: echo) else { return }
            #expect(hand == generic, "\(T.self) \(what()) (echo \(echo))")
        }
    }

    static let richService = Array(LoadingBattery.richService.utf8)
    static let richOrganisation = Array(LoadingBattery.richOrganisation.utf8)
    static let richCase = Array(LoadingBattery.richCase.utf8)

    @Test func everyMutationOfARichServiceOrganisationAndCase() {
        for m in Mutations.values(Self.richService, keep: { _ in true }) { Self.check(ServiceDocument.self, m.bytes, m.name) }
        for m in Mutations.values(Self.richOrganisation, keep: { _ in true }) { Self.check(OrganisationDocument.self, m.bytes, m.name) }
        for m in Mutations.values(Self.richCase, keep: { _ in true }) { Self.check(CaseDocument.self, m.bytes, m.name) }
        for band in ["\"15-17\"", "\"15-\"", "\"+15-17\"", "\"17-15\"", "\"a-b\"", "131", "-1", "16.0", "1.6e1", "16.5", "true", "[]"] {
            let text = LoadingBattery.richCase.replacingOccurrences(of: "\"age\": 16", with: "\"age\": \(band)")
            Self.check(CaseDocument.self, Array(text.utf8), "age \(band)")
        }
    }

    /// Each field of each table given a value of each JSON type (and a misspelt twin), so a field
    /// added to a table is checked against `Codable` without anyone writing a test for it.
    @Test func everyTableFieldWithEveryKindOfValue() {
        func each<T: Codable>(_ type: T.Type, _ base: [UInt8], at prefix: String) {
            let sites = JSONSiteScanner.sites(base).filter { $0.kind == .object && $0.path.hasPrefix(prefix) }
            for site in sites {
                // Which table answers for this object: try every name of every table on it.
                for name in Self.allFieldNames {
                    for value in ["\"text\"", "12", "-1.5", "true", "null", "[]", "[\"a\", 1]", "{}", "{\"zz\": 1}", "\"08:00-16:00\""] {
                        let inserted = base.inserting("\"\(name)\": \(value), ", at: site.value.lowerBound + 1)
                        // An insertion that duplicates a key is a syntax error: skipped by `check`.
                        Self.check(type, inserted, "\(site.path).\(name) = \(value)")
                    }
                }
            }
        }
        each(ServiceDocument.self, Self.richService, at: "$")
        each(OrganisationDocument.self, Self.richOrganisation, at: "$")
        each(CaseDocument.self, Self.richCase, at: "$")
    }

    static var allFieldNames: Set<String> {
        var out = Set<String>()
        out.formUnion(ServiceDocument.table.names)
        out.formUnion(HoursDocument.table.names)
        out.formUnion(EligibilityDocument.table.names)
        out.formUnion(IntakeDocument.table.names)
        out.formUnion(AddressDocument.table.names)
        out.formUnion(ContactDocument.table.names)
        out.formUnion(SourceDocument.table.names)
        out.formUnion(OrganisationDocument.table.names)
        out.formUnion(CaseDocument.table.names)
        out.formUnion(ConcernsDocument.table.names)
        out.formUnion(PreferencesDocument.table.names)
        out.formUnion(ConsentDocument.table.names)
        out.formUnion(AreaDocument.table.names)
        out.formUnion(LanguageDocument.table.names)
        out.formUnion(CategoryDocument.table.names)
        return out.union(["mo", "weekly", "tue", "sun", "Mon"])
    }

    /// context.json is decoded generically, but its areas, languages, categories and vocabularies
    /// by hand: every mutation of the basic and shipped contexts gives the same as all-Codable.
    @Test func contextWithItsPartsByHand() throws {
        for path in [Paths.basic + "/context.json", Paths.shipped + "/demo/context.json"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let keep: (JSONSite) -> Bool = { s in
                s.path.split(separator: "[").dropFirst().allSatisfy { Int($0.prefix { $0 != "]" }) ?? 0 <= 1 }
            }
            Self.check(ContextDocument.self, bytes, path)
            for m in Mutations.values(bytes, keep: keep) { Self.check(ContextDocument.self, m.bytes, "\(path): \(m.name)") }
        }
    }

    @Test func shippedAndCorpusFiles() throws {
        for (file, key) in [("/demo/services.json", "services"), ("/demo/organisations.json", "organisations")] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Paths.shipped + file)))
            let doc = try JSONDocument.parse(SourceFile(name: file, bytes: bytes))
            let list = try #require(doc.tokens.member(key, of: 0, in: bytes))
            for item in doc.tokens.items(of: list) {
                let element = Array(bytes[Int(doc.tokens[item].start)..<Int(doc.tokens[item].end)])
                if key == "services" { Self.check(ServiceDocument.self, element, file) } else { Self.check(OrganisationDocument.self, element, file) }
            }
        }
        for input in try LoadingBattery.corpus() {
            Self.check(CaseDocument.self, input.bytes, input.name)
            Self.check(ServiceDocument.self, input.bytes, input.name)
        }
    }

    /// The opening hours read straight into minute ranges equal `WeeklyHours.parse`.
    @Test func hoursStraightIntoMinuteRangesEqualWeeklyHoursParse() throws {
        var rng = SeededGenerator(seed: 11)
        let pieces = ["08:00", "16:30", "24:00", "00:00", "23:59", "25:00", "8:00", "+8:00", "08:60", "08:0", "22:00", "06:00", "ab:cd"]
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "mo", "Mon", "lundi", "m\\u006fn", "fri"]
        for _ in 0..<3000 {
            var members: [String] = []
            for _ in 0..<(1 + rng.next() % 4) {
                let day = days[Int(rng.next() % UInt64(days.count))]
                var periods: [String] = []
                for _ in 0..<(rng.next() % 3) {
                    let a = pieces[Int(rng.next() % UInt64(pieces.count))], b = pieces[Int(rng.next() % UInt64(pieces.count))]
                    periods.append("\"" + (rng.next() % 9 == 0 ? a + "--" + b : a + "-" + b) + "\"")
                }
                members.append("\"\(day)\": [\(periods.joined(separator: ", "))]")
            }
            let text = "{\"weekly\": {" + members.joined(separator: ", ") + "}}"
            let file = SourceFile(name: "h.json", bytes: Array(text.utf8))
            guard let doc = try? JSONDocument.parse(file) else { continue }  // a repeated day: a syntax error
            let hours = try StrictDecoder().decode(HoursDocument.self, in: doc, at: 0)
            let weekly = try #require(hours.weekly)
            switch (try #require(hours.weeklyRanges), WeeklyHours.parse(weekly)) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
            case (.failure(let a), .failure(let b)): #expect(a.message == b.message, "\(text)")
            default: Issue.record("one succeeded, the other did not: \(text)")
            }
        }
    }
}
