import Foundation
@testable import ReferralCore

/// The broken-input battery of the loaders (issue 10): every kind of malformed, unknown, duplicate
/// and wrong-type input in every kind of file, plus the fuzz corpus, loaded and rendered as text.
///
/// Its output is a golden (`Golden/loading-battery-*.txt`): the parser, the decoders and the
/// loader may be rewritten for speed, but every diagnostic (code, message, place with line and
/// column, related place, help, id) must stay the same.
enum LoadingBattery {
    /// A rich service and case using every field of their formats, so that every field is mutated.
    static let richService = """
        {"id": "gamma.rich", "organisation": "org.alpha", "name": "Rich test service (fictional)", "category": "cp.case-management", \
        "areas": ["ZZ0101", "ZZ02"], "modality": ["in-person", "mobile"], \
        "hours": {"weekly": {"mon": ["08:00-12:00", "13:00-17:00"], "sat": ["22:00-06:00"]}}, "languages": ["en", "ar"], \
        "interpretation": false, "eligibility": {"minAge": 10, "maxAge": 17, "sexes": ["female", "male"], \
        "populationGroups": ["refugee"], "legalStatuses": ["refugee"], "note": "Girls and boys 10 to 17"}, "accessibility": ["wheelchair"], \
        "staffSexes": ["female"], "features": ["home-visits"], "intake": {"selfReferral": false, "requiredFields": ["caseCode", "age"]}, \
        "status": "waitlist", "mandatoryReporting": ["child-abuse"], "sensitiveDataQualified": true, \
        "address": {"text": "1 Test Road (fictional)", "confidential": false, "latitude": 12.5, "longitude": -3.25}, \
        "focalPoint": {"role": "intake desk", "phone": "+000 555 0199", "email": "rich@example.org"}, \
        "lastVerified": "2026-10-01", "interventionType": "responsive", "cost": "free", \
        "description": "Case management for children (fictional)", "website": "https://rich.example.org", \
        "source": {"dataset": "test-import", "recordId": "r-42", "place": "services.csv row 3"}}
        """

    static let richOrganisation = """
        {"id": "org.rich", "name": "Rich Test Organisation (fictional)", "type": "ngo", \
        "contact": {"role": "front desk", "phone": "+000 555 0142", "email": "desk@example.org"}, \
        "description": "Runs test services (fictional)", "website": "https://org.example.org", \
        "source": {"dataset": "test-import", "recordId": "o-7"}}
        """

    static let richCase = """
        {
          "formatVersion": 1, "caseCode": "TEST-0042", "age": 16, "sex": "female", "area": "ZZ0101",
          "languages": ["fr", "en"], "accessNeeds": ["wheelchair"], "populationGroups": ["refugee"], "legalStatus": "irregular",
          "concerns": {"pathways": ["gbv", "child-protection"], "gbvIncidentType": "rape", "hoursSinceIncident": 31.5,
                       "traffickingIndicators": ["act", "means"], "suicidePlan": false, "psychosisSigns": false,
                       "distress": "moderate", "separation": "separated", "caregiverSuspected": true, "imminentRiskToLife": false},
          "preferences": {"noPolice": true, "noForensicEvidence": true, "staffSex": "female", "remoteOnly": false},
          "consent": {"givenBy": "trusted-adult", "childAssent": true, "referToCategories": ["gbv.case-management"],
                      "referToOrganisations": ["org.alpha"], "share": ["caseCode", "age"], "mandatoryReportingExplained": true}
        }
        """

    static let directoryFiles = ["context.json", "organisations.json", "services.json", "pathways/gbv.json"]

    /// Which values of each file get value-level mutations: every field, but only the first two
    /// items of a list (and the rich service), so the battery stays a few thousand loads.
    static func keep(_ file: String) -> (JSONSite) -> Bool {
        { site in
            let indices = site.path.split(separator: "[").dropFirst().compactMap { Int($0.prefix { $0 != "]" }) }
            let depth = site.path.split(whereSeparator: { $0 == "." || $0 == "[" }).count
            if file == "services.json" {
                // The rich service fully; the first one (laid out over several lines) field by field.
                guard let first = indices.first else { return true }
                return first == 7 && indices.dropFirst().allSatisfy { $0 == 0 } || first == 0 && depth <= 3
            }
            if site.path.hasPrefix("$.areas") { return indices.allSatisfy { $0 <= 1 } }
            if file == "organisations.json" { return indices.first == 0 && depth <= 3 || indices.first == 3 }
            return indices.allSatisfy { $0 == 0 } || file == "pathways/gbv.json" && indices == [1]
        }
    }

    /// Each finding in full, except that beyond two of the same code (a cascade, such as every
    /// service naming an organisation of a broken file) the rest are summed up by a digest of
    /// their full text: still exact, and the golden stays readable.
    static func render(_ ds: [Diagnostic]) -> String {
        var seen: [Diagnostic.Code: Int] = [:]
        var rest: [Diagnostic.Code: [String]] = [:]
        var out: [String] = []
        for d in ds {
            let lines = d.rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let first = lines[0] + (d.id.map { " [id: \($0)]" } ?? "")
            let text = (["  " + first] + lines.dropFirst().map { "  " + $0 }).joined(separator: "\n")
            seen[d.code, default: 0] += 1
            if seen[d.code]! <= 2 { out.append(text) } else { rest[d.code, default: []].append(text) }
        }
        for (code, texts) in rest.sorted(by: { $0.key < $1.key }) {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in texts.joined(separator: "\n").utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            out.append("  + \(texts.count) more \(code) (digest \(String(h, radix: 16)))")
        }
        return out.joined(separator: "\n")
    }

    static func describe(_ r: DirectoryLoader.Result) -> String {
        guard let d = r.directory else { return "refused" }
        return "\(d.services.count) services, \(d.organisations.count) organisations, \(d.pathways.count) pathways"
    }

    /// The fixture for directory mutations: the basic fixture plus the rich service and organisation.
    final class Fixture {
        let root: String
        let folder: String
        var originals: [String: [UInt8]] = [:]

        init() throws {
            root = NSTemporaryDirectory() + "referral-battery-" + UUID().uuidString
            folder = root + "/fixture"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Paths.basic, toPath: folder)
            var services = try String(contentsOfFile: folder + "/services.json", encoding: .utf8)
            guard let end = services.range(of: "}\n  ]\n}", options: .backwards) else {
                throw FixtureError(description: "the basic services.json does not end as expected")
            }
            services.replaceSubrange(end, with: "},\n    " + richService + "\n  ]\n}")
            try services.write(toFile: folder + "/services.json", atomically: true, encoding: .utf8)
            var orgs = try String(contentsOfFile: folder + "/organisations.json", encoding: .utf8)
            guard let orgEnd = orgs.range(of: "}\n  ]\n}", options: .backwards) else {
                throw FixtureError(description: "the basic organisations.json does not end as expected")
            }
            orgs.replaceSubrange(orgEnd, with: "},\n    " + richOrganisation + "\n  ]\n}")
            try orgs.write(toFile: folder + "/organisations.json", atomically: true, encoding: .utf8)
            for f in directoryFiles { originals[f] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + f))) }
        }

        func with(_ file: String, _ bytes: [UInt8], _ body: () -> String) -> String {
            FileManager.default.createFile(atPath: folder + "/" + file, contents: Data(bytes))
            defer { FileManager.default.createFile(atPath: folder + "/" + file, contents: Data(originals[file]!)) }
            return body()
        }

        func loadBoth() -> String {
            let strict = DirectoryLoader(options: .init(strict: true)).load(folder: folder)
            let lenient = DirectoryLoader(options: .init(strict: false)).load(folder: folder)
            var out = "strict: \(describe(strict))\n" + render(strict.diagnostics)
            out += (strict.diagnostics.isEmpty ? "" : "\n") + "lenient: \(describe(lenient))"
            if lenient.diagnostics != strict.diagnostics { out += " (other findings)\n" + render(lenient.diagnostics) }
            return out
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Every mutation of one directory file, loaded strictly and leniently.
    static func directory(_ file: String) throws -> String {
        let fx = try Fixture()
        var out = "# clean fixture\n" + fx.loadBoth() + "\n"
        let text = fx.originals[file]!
        for m in Mutations.syntax(text, thorough: file == "services.json") + Mutations.values(text, keep: keep(file)) {
            out += "\n# \(file): \(m.name)\n" + fx.with(file, m.bytes) { fx.loadBoth() } + "\n"
        }
        return out
    }

    /// The fuzz corpus as each directory file, and the shipped directory.
    static func directoryCorpus() throws -> String {
        let fx = try Fixture()
        var out = ""
        for input in try corpus() where !input.name.hasPrefix("demo:") {
            for file in directoryFiles {
                out += "# corpus \(input.name) as \(file)\n" + fx.with(file, input.bytes) { fx.loadBoth() } + "\n\n"
            }
        }
        let shipped = DirectoryLoader().load(folder: Paths.shipped + "/demo", displayRoot: "Pathways/demo")
        out += "# shipped Pathways/demo\nstrict: \(describe(shipped))\n" + render(shipped.diagnostics) + "\n"
        return out
    }

    /// The fuzz corpus and the shipped example cases.
    static func corpus() throws -> [Mutation] {
        var out: [Mutation] = []
        for dir in [Paths.repository.path + "/Tests/FuzzCorpus", Paths.shipped + "/demo/cases"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
                // Sub-folders hold other fuzz modes' corpora (http/: raw requests).
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir), isDir.boolValue { continue }
                out.append(Mutation(name: (dir.hasSuffix("cases") ? "demo:" : "") + name, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))))
            }
        }
        return out
    }

    /// A case through the decoder alone (no echo) and through the whole case loader.
    static func loadCase(_ bytes: [UInt8], _ directory: Directory) -> String {
        let file = SourceFile(name: "case.json", bytes: bytes)
        var out = "decode: "
        do {
            let node = try JSONParser.parse(bytes)
            do {
                _ = try StrictDecoder(echoValues: false).decode(CaseDocument.self, from: node, file: file)
                out += "ok"
            } catch {
                out += "refused\n" + render(error.diagnostics)
            }
        } catch {
            out += "syntax error at \(file.place("$", offset: error.offset).description): \(error.message)"
        }
        switch CaseLoader.load(bytes: bytes, name: "case.json", directory: directory) {
        case .success(let c): out += "\nload: ok \(c.code)"
        case .failure(let f): out += "\nload: refused\n" + render(f.diagnostics)
        }
        return out
    }

    static func cases() throws -> String {
        let directory = try loadDirectory()
        let base = Array(richCase.utf8)
        var out = "# rich case\n" + loadCase(base, directory) + "\n"
        out += "\n# age band\n" + loadCase(Array(richCase.replacingOccurrences(of: "\"age\": 16", with: "\"age\": \"15-17\"").utf8), directory) + "\n"
        for m in Mutations.syntax(base, thorough: true) + Mutations.values(base, keep: { _ in true }) {
            out += "\n# case: \(m.name)\n" + loadCase(m.bytes, directory) + "\n"
        }
        for band in ["\"15-\"", "\"-17\"", "\"17-15\"", "\"15-17-19\"", "\"a-b\"", "\"15 - 17\"", "\"0-131\"", "131", "-1", "16.0", "16.5"] {
            let text = richCase.replacingOccurrences(of: "\"age\": 16", with: "\"age\": \(band)")
            out += "\n# case: age \(band)\n" + loadCase(Array(text.utf8), directory) + "\n"
        }
        for input in try corpus() { out += "\n# corpus \(input.name)\n" + loadCase(input.bytes, directory) + "\n" }
        return out
    }
}
