import Foundation
import Testing
@testable import ReferralCore

/// The flat-token parser against the parser it replaced (`ReferenceJSONParser`) and against
/// Foundation's `JSONSerialization`: over the fuzz corpus, the shipped data, the battery's
/// malformed files, generated directories and random mutations, the same tree or the same syntax
/// error (offset, message, related offset), with and without echo.
@Suite("Parser: new against reference")
struct ParserDifferentialTests {
    enum Outcome: Equatable {
        case tree(String)
        case error(Int, String, Int?)
    }

    /// A tree written out with every offset, so two trees compare as text.
    static func dump(_ n: JSONNode) -> String {
        switch n.value {
        case .null: "null@\(n.offset)"
        case .bool(let b): "\(b)@\(n.offset)"
        case .number(let s): "#\(s)@\(n.offset)"
        case .string(let s): "\(s.debugDescription)@\(n.offset)"
        case .array(let items): "[" + items.map(dump).joined(separator: ",") + "]@\(n.offset)"
        case .object(let m): "{" + m.map { "\($0.key.debugDescription)@\($0.keyOffset):" + dump($0.value) }.joined(separator: ",") + "}@\(n.offset)"
        }
    }

    static func new(_ b: [UInt8], echo: Bool = true) -> Outcome {
        do { return .tree(dump(try JSONParser.parse(b, echo: echo))) } catch { return .error(error.offset, error.message, error.related) }
    }

    static func reference(_ b: [UInt8], echo: Bool = true) -> Outcome {
        do { return .tree(dump(try ReferenceJSONParser.parse(b, echo: echo))) } catch {
            return .error(error.offset, error.message, error.related)
        }
    }

    /// Compares both parsers (both echo modes) and, on valid input, Foundation's values.
    static func check(_ b: [UInt8], _ what: @autoclosure () -> String) {
        for echo in [true, false] {
            let a = new(b, echo: echo), r = reference(b, echo: echo)
            #expect(a == r, "\(what()) (echo \(echo))")
        }
        if case .tree = new(b), let node = try? JSONParser.parse(b) {
            let start = startsWithByteOrderMark(b) ? 3 : 0
            let foundation = try? JSONSerialization.jsonObject(with: Data(b[start...]), options: [.fragmentsAllowed])
            // Foundation refuses numbers beyond Double's range, which JSON allows (decoders refuse them later).
            #expect(foundation.map { same(node, $0) } ?? hasHugeNumber(node), "Foundation differs on \(what())")
        }
    }

    static func hasHugeNumber(_ n: JSONNode) -> Bool {
        switch n.value {
        case .number(let s): (Double(s).map { !$0.isFinite }) ?? true
        case .array(let items): items.contains(where: hasHugeNumber)
        case .object(let m): m.contains { hasHugeNumber($0.value) }
        default: false
        }
    }

    static func same(_ n: JSONNode, _ f: Any) -> Bool {
        switch n.value {
        case .null: return f is NSNull
        case .bool(let b): return (f as? NSNumber)?.boolValue == b
        case .number(let s):
            guard let x = f as? NSNumber, let d = Double(s) else { return false }
            return d.isFinite ? abs(x.doubleValue - d) <= abs(d) * 1e-12 : true
        case .string(let s): return (f as? String) == s
        case .array(let items):
            guard let a = f as? [Any], a.count == items.count else { return false }
            return zip(items, a).allSatisfy { same($0, $1) }
        case .object(let m):
            guard let o = f as? [String: Any], o.count == m.count else { return false }
            return m.allSatisfy { member in o[member.key].map { same(member.value, $0) } ?? false }
        }
    }

    @Test func fuzzCorpusShippedDataAndFixtures() throws {
        var files: [String] = []
        for dir in [Paths.repository.path + "/Tests/FuzzCorpus", Paths.shipped + "/demo/cases", Paths.shipped + "/demo",
                    Paths.shipped + "/pathways", Paths.basic, Paths.basic + "/pathways"]
        {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".json") {
                files.append(dir + "/" + name)
            }
        }
        #expect(files.count > 30)
        for f in files {
            let b = [UInt8](try Data(contentsOf: URL(fileURLWithPath: f)))
            Self.check(b, f)
            guard b.count < 20_000, (try? ReferenceJSONParser.parse(b)) != nil else { continue }
            for m in Mutations.syntax(b, thorough: false) { Self.check(m.bytes, "\(f): \(m.name)") }
        }
    }

    @Test func valueMutationsOfTheBatteryFiles() throws {
        for f in ["services.json", "context.json", "pathways/gbv.json"] {
            let b = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Paths.basic + "/" + f)))
            for m in Mutations.values(b, keep: { _ in true }) { Self.check(m.bytes, "\(f): \(m.name)") }
        }
    }

    /// Random single-byte edits of valid files: almost all are syntax errors of every kind.
    @Test func randomByteEdits() throws {
        var rng = SeededGenerator(seed: 2026)
        let alphabet = Array("{}[],:\"\\ \n\t0123456789-+.eEtrufalsn\u{1}é😀".utf8) + [0xFF, 0xC3, 0xED, 0xF4, 0x80]
        let sources = [Paths.basic + "/services.json", Paths.basic + "/organisations.json", Paths.basic + "/pathways/gbv.json"]
        for path in sources {
            let base = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            for _ in 0..<1500 {
                var b = base
                for _ in 0...(Int(rng.next() % 3)) {
                    let at = Int(rng.next() % UInt64(b.count))
                    switch rng.next() % 3 {
                    case 0: b.remove(at: at)
                    case 1: b.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                    default: b[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    }
                }
                Self.check(b, "\(path) edited")
            }
        }
    }

    /// Objects with many keys take the hash-table path for duplicates: plain keys, escaped keys,
    /// canonically equivalent keys, a duplicate early and late.
    @Test func duplicateKeysInLargeObjects() {
        for n in [1, 15, 16, 17, 40, 300] {
            let keys = (0..<n).map { "\"k\($0)\": \($0)" }
            for extra in ["\"k3\"", "\"k\\u0033\"", "\"\\u00e9\"", "\"e\\u0301\"", "\"\\u212a\"", "\"K\"", "\"k\(n - 1)\"", "\"new\""] {
                for pair in [["\"\\u00e9\": 1"], ["\"K\": 1"], []] {
                    let text = "{" + (pair + keys + ["\(extra): true"]).joined(separator: ", ") + "}"
                    Self.check(Array(text.utf8), text.prefix(60) + "… (\(n) keys)")
                }
            }
        }
    }
}
