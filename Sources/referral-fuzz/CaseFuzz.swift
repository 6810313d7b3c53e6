import Foundation
import ReferralCore

/// The default mode: the input is a case. The parser, every decoder and the case loader run on
/// it, a case that loads is routed, and the no-echo property is checked on every refusal: no
/// finding repeats four characters in a row of the input unless they are the tool's own words
/// (`EchoCheck`). A breach stops the fuzzer like a crash.
enum CaseFuzz {
    /// The tool's own words for the fixture directory, learnt once.
    static let allowed: Set<EchoCheck.Window> = FuzzHarness.directory.map(EchoCheck.allowedText) ?? []

    static func run(_ bytes: [UInt8]) {
        let file = SourceFile(name: "fuzz.json", bytes: bytes)
        if let node = try? JSONParser.parse(bytes) {
            let decoder = StrictDecoder()
            _ = try? decoder.decode(ContextDocument.self, from: node, file: file)
            _ = try? decoder.decode(ServiceDocument.self, from: node, file: file)
            _ = try? decoder.decode(PathwayDocument.self, from: node, file: file)
            _ = try? StrictDecoder(echoValues: false).decode(CaseDocument.self, from: node, file: file)
        }
        guard let d = FuzzHarness.directory else { return }
        switch CaseLoader.load(bytes: bytes, name: "fuzz.json", directory: d) {
        case .success(let c):
            let at = RoutingTime(epochSeconds: 1_795_000_000, utcOffsetMinutes: d.context.utcOffsetMinutes)
            _ = canonicalJSON(Router(directory: d).route(c, at: at))
        case .failure(let f):
            let echoes = EchoCheck.echoes(of: bytes, in: f.diagnostics, allowed: allowed)
            if !echoes.isEmpty {
                fatalError("a finding repeats the case: \(echoes) in \(f.diagnostics.map(\.rendered))")
            }
            for d in f.diagnostics { _ = d.rendered }
        }
    }
}

/// `FUZZ_MODE=directory-parser`: the input is a directory file, parsed and decoded in memory as
/// every kind of directory document (context, pathway, and each element of a services or
/// organisations list, or the whole input as one). Fast enough for millions of runs; the full
/// loader, builders and router on fuzzed files are `FUZZ_DIRECTORY=1`.
enum DirectoryParserFuzz {
    static func run(_ bytes: [UInt8]) {
        let file = SourceFile(name: "fuzz.json", bytes: bytes)
        let node: JSONNode
        do {
            node = try JSONParser.parse(bytes)
        } catch {
            _ = file.place("$", offset: error.offset).description
            return
        }
        let decoder = StrictDecoder()
        func attempt<T: Decodable>(_ type: T.Type, _ n: JSONNode, _ path: String) {
            do {
                _ = try decoder.decode(type, from: n, file: file, path: path)
            } catch {
                for d in error.diagnostics { _ = d.rendered }
            }
        }
        attempt(ContextDocument.self, node, "$")
        attempt(PathwayDocument.self, node, "$")
        attempt(ServiceDocument.self, node, "$")
        attempt(OrganisationDocument.self, node, "$")
        guard case .object(let members) = node.value else { return }
        for m in members where m.key == "services" || m.key == "organisations" {
            guard case .array(let items) = m.value.value else { continue }
            for (i, item) in items.prefix(64).enumerated() {
                if m.key == "services" {
                    attempt(ServiceDocument.self, item, "$.services[\(i)]")
                } else {
                    attempt(OrganisationDocument.self, item, "$.organisations[\(i)]")
                }
            }
        }
    }
}
