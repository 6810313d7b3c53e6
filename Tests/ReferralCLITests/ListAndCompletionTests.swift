import Foundation
import ReferralCore
import Testing

@testable import referral

/// `referral list areas|languages|categories|groups|statuses|access-needs`, suggestions by name,
/// and `referral completion bash|zsh` (issue 13, item 7).
@Suite struct VocabularyListTests {
    @Test(arguments: VocabularyKind.allCases)
    func everyVocabularyListsInTextAndJSON(_ kind: VocabularyKind) throws {
        let text = Referral.run(["list", kind.rawValue])
        #expect(text.code == Exit.ok, "\(text.stderr)")
        let json = Referral.run(["list", kind.rawValue, "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let ids = list.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted())
        let directory = try #require(DirectoryLoader().load(folder: "Pathways/demo").directory)
        #expect(ids == directory.context.entries(kind).map(\.id))
        for id in ids { #expect(text.stdout.contains("  " + id)) }
    }

    @Test func areasShowTheirPlaceInTheTree() throws {
        let json = Referral.run(["list", "areas", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let aldren = try #require(list.first { $0["id"] as? String == "XV0101" })
        #expect(aldren["name"] as? String == "Aldren")
        #expect(aldren["level"] as? Int == 2)
        #expect(aldren["parent"] as? String == "XV01")
        #expect(Referral.run(["list", "areas"]).stdout.contains("\n      XV0101  Aldren"))
    }

    /// "unknown area 'Aldren'" did not suggest XV0101 although Aldren is its name.
    @Test(arguments: [
        ("--area", "Aldren", "XV0101"), ("--area", "aldren", "XV0101"), ("--area", "Aldrn", "XV0101"), ("--area", "XV011", "XV01"),
        ("--category", "Clinical management of rape", "health.cmr"), ("--category", "health.cm", "health.cmr"),
    ])
    func typosSuggestByNameAndById(_ option: String, _ value: String, _ id: String) {
        let r = Referral.run(["list", "services", option, value])
        #expect(r.code == Exit.invalidInput)
        #expect(r.stderr.contains("did you mean '\(id)'"), "\(r.stderr)")
    }

    /// In a case too, with nothing of the case repeated, and not called identifying data.
    @Test func caseWithAnAreaNameGetsTheCode() throws {
        let text = try String(contentsOfFile: "Pathways/demo/cases/gbv-adult-rape-within-72h.json", encoding: .utf8)
            .replacingOccurrences(of: "\"area\": \"XV0101\"", with: "\"area\": \"Aldren\"")
            .replacingOccurrences(of: "\"languages\": [\"vl\"]", with: "\"languages\": [\"Arabic\"]")
        let r = Referral.run(["route", "-", "--at", Repo.at], stdin: text)
        #expect(r.code == Exit.invalidInput)
        #expect(r.stderr.contains("error[case.unknown-area]: unknown area\n  help: did you mean 'XV0101'?"), "\(r.stderr)")
        #expect(r.stderr.contains("error[case.unknown-language]: unknown language\n  help: did you mean 'ar'?"))
        #expect(!r.stderr.contains("identifying"))
        #expect(!r.stderr.contains("Aldren") && !r.stderr.contains("Arabic"))
    }

    @Test func filtersBelongToServices() {
        let r = Referral.run(["list", "areas", "--area", "XV01"])
        #expect(r.code == Exit.usage)
        #expect(r.stderr.contains("--category and --area filter services, not areas"))
        let typo = Referral.run(["list", "area"])
        #expect(typo.code == Exit.usage)
        #expect(typo.stderr.contains("did you mean 'areas'?"))
    }
}

@Suite struct CompletionTests {
    /// Runs the script in bash with the words typed so far; returns the completions.
    static func complete(_ shell: String, _ words: [String]) throws -> [String] {
        let script = Referral.run(["completion", shell]).stdout
        let path = NSTemporaryDirectory() + "referral-completion-\(UUID().uuidString).sh"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "source '\(path)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _referral; printf '%s\\n' \"${COMPREPLY[@]}\""]
        p.currentDirectoryURL = Repo.root
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
    func bashCompletesCommandsOptionsAndValues() throws {
        #expect(try Self.complete("bash", ["referral", "va"]) == ["validate"])
        #expect(try Self.complete("bash", ["referral", "list", "c"]) == ["categories"])
        #expect(try Self.complete("bash", ["referral", "route", "x.json", "--format", ""]) == ["text", "json"])
        #expect(try Self.complete("bash", ["referral", "validate", "--format", "m"]) == ["markdown"])
        #expect(try Self.complete("bash", ["referral", "route", "--no"]) == ["--no-color"])
        #expect(try Self.complete("bash", ["referral", "completion", ""]) == ["bash", "zsh"])
        #expect(try Self.complete("bash", ["referral", "route", "Pathways/demo/cases/gbv-adult-rape-w"])
            == ["Pathways/demo/cases/gbv-adult-rape-within-72h.json"])
    }

    /// Every command and every option of every command is in the script.
    @Test func scriptsKnowEveryCommandAndOption() {
        for shell in CompletionCommand.shells {
            let s = Referral.run(["completion", shell])
            #expect(s.code == Exit.ok)
            for spec in allSpecs {
                #expect(s.stdout.contains("        \(spec.name))"))
                for o in spec.options { #expect(s.stdout.contains("--\(o.name)"), "\(shell) \(spec.name) --\(o.name)") }
            }
        }
        #expect(Referral.run(["completion", "fish"]).code == Exit.usage)
    }
}
