import Foundation
import Testing
@testable import ReferralCore

/// The case loader's fast path (`CleanCaseReader`, then the checks) against the full loader
/// (parser, gate, decoder, checks): the same outcome for every input, byte for byte (the case's
/// document, or every finding), over the fuzz corpora, the example cases, the loading battery's
/// syntax and value mutations of cases that use every field, and seeded random edits of them.
@Suite("Clean case reader: the fast path against the full loader")
struct CleanCaseReaderTests {
    static let clock = "2026-11-28T14:00:00+02:00"

    /// A case's outcome as text: its document, or its findings.
    func outcome(_ bytes: [UInt8], _ d: Directory, at: RoutingTime?, fast: Bool) -> String {
        let loaded = fast ? CaseLoader.load(bytes: bytes, name: "case.json", directory: d, at: at)
            : CaseLoader.loadFully(SourceFile(name: "case.json", bytes: bytes), directory: d, at: at)
        switch loaded {
        case .success(let c):
            let recorded = c.recordedAt.map { "\($0.epochSeconds)" } ?? "-"
            return "ok \(recorded) " + String(decoding: encodedJSON(c.document), as: UTF8.self)
        case .failure(let f):
            return "refused\n" + f.diagnostics.map(\.rendered).joined(separator: "\n")
        }
    }

    /// Compares both paths over `inputs`; returns how many the fast path read and loaded.
    func compare(_ inputs: [Mutation], _ d: Directory, _ label: String) -> Int {
        var fast = 0
        for at in [nil, time(Self.clock, d)] {
            for m in inputs {
                let full = outcome(m.bytes, d, at: at, fast: false)
                let quick = outcome(m.bytes, d, at: at, fast: true)
                #expect(quick == full, "\(label): \(m.name)")
                if CleanCaseReader.read(m.bytes, codeRule: d.context.rules.caseCode) != nil, full.hasPrefix("ok") { fast += 1 }
            }
        }
        return fast
    }

    /// Seeded random edits of `base`: a byte deleted, doubled, or replaced by one that matters to
    /// JSON or to the reader's subset.
    func edits(_ base: [UInt8], count: Int, seed: UInt64) -> [Mutation] {
        var rng = SeededGenerator(seed: seed)
        let bytes = Array("{}[],:\"\\ 0123456789-.eE+tfnul\t\r\n\u{7F}".utf8) + [0x00, 0x1F, 0xC3, 0xA9, 0xEF, 0xBB, 0xBF]
        return (0..<count).map { n in
            var b = base
            let at = Int(rng.next() % UInt64(b.count))
            switch rng.next() % 3 {
            case 0: b.remove(at: at)
            case 1: b.insert(b[at], at: at)
            default: b[at] = bytes[Int(rng.next() % UInt64(bytes.count))]
            }
            return Mutation(name: "edit \(n) at \(at)", bytes: b)
        }
    }

    func files(_ dir: String) throws -> [Mutation] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted().filter { $0.hasSuffix(".json") || !$0.contains(".") }
            .compactMap { name in
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir), !isDir.boolValue else { return nil }
                return Mutation(name: name, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))))
            }
    }

    @Test func theFuzzCorporaAndTheExampleCasesGiveTheSameOutcome() throws {
        let corpus = try LoadingBattery.corpus() + files(Paths.repository.path + "/Tests/FuzzCorpus/cases") + files(Paths.cases)
        let basic = try loadDirectory(), demo = try loadDirectory(Paths.shipped + "/demo")
        _ = compare(corpus, basic, "basic")
        let read = compare(corpus, demo, "demo")
        // Every example case is plain: the fast path reads each one that loads.
        let examples = try files(Paths.shipped + "/demo/cases")
        for m in examples where outcome(m.bytes, demo, at: nil, fast: false).hasPrefix("ok") {
            #expect(CleanCaseReader.read(m.bytes, codeRule: demo.context.rules.caseCode) != nil, "\(m.name)")
        }
        #expect(read >= examples.count)
    }

    @Test func mutationsOfCasesWithEveryFieldGiveTheSameOutcome() throws {
        let demo = try loadDirectory(Paths.shipped + "/demo")
        let bases = try files(Paths.shipped + "/demo/cases").filter {
            ["gbv-psea-excluded-organisation.json", "ct-child-15-act-purpose.json", "gbv-deaf-survivor-rape-10h.json"].contains($0.name)
        }
        #expect(bases.count == 3)
        var inputs: [Mutation] = []
        for (k, base) in bases.enumerated() {
            inputs.append(base)
            inputs += Mutations.syntax(base.bytes, thorough: true) + Mutations.values(base.bytes, keep: { _ in true })
            inputs += edits(base.bytes, count: 300, seed: UInt64(k + 1))
        }
        let read = compare(inputs, demo, "demo")
        #expect(read >= bases.count * 2)

        let basic = try loadDirectory()
        let rich = Array(LoadingBattery.richCase.utf8)
        let richInputs = [Mutation(name: "rich", bytes: rich)] + Mutations.values(rich, keep: { _ in true })
            + edits(rich, count: 300, seed: 99)
        #expect(compare(richInputs, basic, "basic") >= 2)
    }

    @Test func aContextsOwnCaseCodeSchemeDecidesInBothPaths() throws {
        let r = try loadEditedFixture("context.json") {
            $0.replacingOccurrences(of: "\"rules\": {", with: "\"rules\": {\"caseCode\": {\"pattern\": \"[A-Z]{4}-[0-9]{4}\", \"example\": \"TEST-0042\"},")
        }
        let d = try #require(r.directory)
        #expect(!d.context.rules.caseCode.isDefault)
        let rich = LoadingBattery.richCase
        let inputs = ["TEST-0042", "TEST-42", "GBV-2026-0042", "Amina Hassan", "12-03-1998", "TEST-00421"].map { code in
            Mutation(name: code, bytes: Array(rich.replacingOccurrences(of: "TEST-0042", with: code).utf8))
        }
        #expect(compare(inputs, d, "own scheme") == 2)
    }

    /// Hours since the incident: the reader's short decimals are `Double(text)` to the bit.
    @Test func shortDecimalsAreReadAsDoubleReadsThem() {
        var rng = SeededGenerator(seed: 5)
        var texts = ["0", "-0", "0.1", "0.3", "442.5", "1000000", "999999999999999", "0.000000000000001", "123456789.123456",
                     "3.14159265358979", "9007199254740993", "1e3", "1.5E-2", "0.1000000000000000055511151231257827"]
        func digits(_ n: UInt64) -> String { (0..<n).map { _ in String(rng.next() % 10) }.joined() }
        for _ in 0..<20_000 {
            let whole = String(rng.next() % 9 + 1) + digits(rng.next() % 9)
            let fraction = rng.next() % 2 == 0 ? "" : "." + digits(rng.next() % 8 + 1)
            texts.append((rng.next() % 5 == 0 ? "-" : "") + whole + fraction)
        }
        var read = 0
        for t in texts {
            let bytes = Array(t.utf8)
            guard let x = bytes.withUnsafeBufferPointer({ CleanCaseReader.shortDecimal($0) }) else { continue }
            read += 1
            #expect(x.bitPattern == Double(t)!.bitPattern, "\(t)")
        }
        #expect(read >= 15_000)
    }

    /// The reader's field names are its documents' tables' (a field the reader does not know
    /// sends every case holding it to the full loader: correct, but slow).
    @Test func theReaderKnowsEveryFieldOfTheTables() {
        #expect(CleanCaseReader.caseFields.list == CaseDocument.table.names)
        #expect(CleanCaseReader.concernsFields.list == ConcernsDocument.table.names)
        #expect(CleanCaseReader.preferencesFields.list == PreferencesDocument.table.names)
        #expect(CleanCaseReader.consentFields.list == ConsentDocument.table.names)
    }
}
