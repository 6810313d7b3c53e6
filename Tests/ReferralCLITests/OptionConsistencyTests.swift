import Foundation
import Testing

@testable import referral

/// The same option means the same thing on every command (issue 13, item 7). A command added to
/// `allSpecs` is checked here without a line of test of its own.
@Suite struct OptionConsistencyTests {
    static let shared = [SharedOptions.pathways, SharedOptions.context, SharedOptions.at, SharedOptions.noColor,
                         SharedOptions.brief, SharedOptions.allowPartial]

    @Test func sharedOptionsAreDeclaredOnce() {
        for spec in allSpecs {
            for o in spec.options {
                if let s = Self.shared.first(where: { $0.name == o.name }) {
                    #expect(o.valueName == s.valueName && o.help == s.help && o.choices == s.choices,
                            "'referral \(spec.name) --\(o.name)' differs from SharedOptions.\(o.name)")
                }
                if o.name == "format" {
                    let choices = o.choices ?? []
                    #expect(!choices.isEmpty && o.help.hasPrefix("output format (default: \(choices[0]))"),
                            "'referral \(spec.name) --format' must be SharedOptions.format(…)")
                }
            }
            #expect(Set(spec.options.map(\.name)).count == spec.options.count, "\(spec.name) lists an option twice")
        }
    }

    @Test func everyCommandTakesNoColorAndHelp() {
        for spec in allSpecs {
            #expect(spec.option("no-color") != nil, "'referral \(spec.name)' must accept --no-color")
            let a = Referral.run([spec.name, "--help"])
            #expect(a.code == Exit.ok)
            #expect(a.stdout.contains("--no-color"))
            #expect(Referral.run(["help", spec.name]).stdout == a.stdout)
            #expect(Referral.run(["--help", spec.name]).stdout == a.stdout)
            #expect(lookUpCommand(spec.name) != nil, "'\(spec.name)' is listed but not dispatched")
        }
    }

    /// A command that reads the pathway data takes both --pathways and --context.
    @Test func dataCommandsTakePathwaysAndContext() {
        for spec in allSpecs where spec.option("pathways") != nil || spec.option("context") != nil {
            #expect(spec.option("pathways") != nil && spec.option("context") != nil, "\(spec.name)")
        }
        for name in ["route", "explain", "list", "validate", "graph"] {
            #expect(lookUpCommand(name)?.spec.option("pathways") != nil, "\(name) must take --pathways")
        }
    }

    @Test func helpOfHelp() {
        let main = Referral.run(["help"])
        for args in [["help", "--help"], ["help", "help"], ["--help", "--help"], ["help", "-h"]] {
            let r = Referral.run(args)
            #expect(r.code == Exit.ok, "\(args)")
            #expect(r.stdout == main.stdout, "\(args)")
        }
        let typo = Referral.run(["help", "rout"])
        #expect(typo.code == Exit.usage)
        #expect(typo.stderr.contains("did you mean 'route'?"))
        let extra = Referral.run(["help", "route", "list"])
        #expect(extra.code == Exit.usage)
    }

    /// `validate` took its folder only as an argument, and refused --pathways although its own
    /// error said "pass the folder with --pathways".
    @Test func validateTakesPathwaysLikeEveryCommand() {
        let a = Referral.run(["validate", Repo.fixtureDirectory, "--at", Repo.at])
        let b = Referral.run(["validate", "--pathways", Repo.fixtureDirectory, "--at", Repo.at])
        #expect(a.code == Exit.ok)
        #expect(b.stdout == a.stdout)
        let both = Referral.run(["validate", "Pathways", "--pathways", Repo.fixtureDirectory])
        #expect(both.code == Exit.usage)
        #expect(both.stderr.contains("the folder is given twice"))
    }

    /// `--no-color` was refused by `list`.
    @Test(arguments: [["list", "pathways"], ["validate"], ["graph", "gbv"]])
    func noColorIsAcceptedEverywhere(_ args: [String]) {
        let r = Referral.run(args + ["--pathways", Repo.fixtureDirectory, "--no-color", "--at", Repo.at]
            .filter { args.first == "validate" || ($0 != "--at" && $0 != Repo.at) })
        #expect(r.code == Exit.ok, "\(args): \(r.stderr)")
        #expect(plain(r.stdout))
    }
}
