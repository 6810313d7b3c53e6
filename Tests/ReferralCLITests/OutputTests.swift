import Foundation
import ReferralCore
import Testing

@testable import referral

/// The text a person reads (issue 13, item 7): the width of the terminal, phone numbers whole,
/// every critical warning and critical note in the brief, a consent headline that never says
/// "valid" when nothing can be referred.
@Suite struct OutputTests {
    static let cases = Repo.shippedCaseNames().map { "Pathways/demo/cases/" + $0 }

    /// `route` on `path` at the test time, with `width` columns.
    static func route(_ path: String, width: Int = 100, extra: [String] = []) -> RunResult {
        var env = Referral.environment()
        env.width = width
        return Referral.run(["route", path, "--at", Repo.at] + extra, env: env)
    }

    /// Text with its line breaks and indentation folded into single spaces.
    static func folded(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func widthComesFromColumnsThenTheTerminal() {
        #expect(Environment.outputWidth(columnsVariable: "80", terminalColumns: 120) == 80)
        #expect(Environment.outputWidth(columnsVariable: nil, terminalColumns: 120) == 120)
        #expect(Environment.outputWidth(columnsVariable: "wide", terminalColumns: 132) == 132)
        #expect(Environment.outputWidth(columnsVariable: nil, terminalColumns: nil) == 100)
        #expect(Environment.outputWidth(columnsVariable: "5", terminalColumns: nil) == 40)
        #expect(Environment.outputWidth(columnsVariable: "999999999999999999999", terminalColumns: nil) == 100)
        #expect(Environment.outputWidth(columnsVariable: "100000", terminalColumns: nil) == 1000)
    }

    /// Output was always 100 columns whatever the terminal.
    @Test(arguments: [60, 80, 132])
    func textFollowsTheWidth(_ width: Int) {
        let r = Self.route("Pathways/demo/cases/gbv-adult-rape-within-72h.json", width: width)
        #expect(r.code == Exit.ok)
        let lines = r.stdout.split(separator: "\n")
        // Only a single unbreakable word (an e-mail, an id) may stand out; the banner is fixed.
        let long = lines.filter { $0.count > width && $0.trimmingCharacters(in: .whitespaces).contains(" ") && !$0.hasPrefix("*") }
        #expect(long.isEmpty, "\(long.prefix(3))")
        if width > 100 { #expect(lines.contains { $0.count > 100 }) }
        let help = Referral.run(["route", "--help"], env: { var e = Referral.environment(); e.width = width; return e }())
        // The options are wrapped (the examples after them are commands, kept whole).
        let options = help.stdout.components(separatedBy: "Options:\n")[1].components(separatedBy: "\n\n")[0]
        #expect(options.split(separator: "\n").allSatisfy { $0.count <= width }, "\(options)")
    }

    /// 52 of 124 option lines in the brief plans broke a phone number across two lines.
    @Test func phoneNumbersAreNeverBrokenAcrossLines() throws {
        let dir = try #require(DirectoryLoader().load(folder: "Pathways/demo").directory)
        var phones = Set(dir.organisations.values.compactMap { $0.contact?.phone })
        phones.formUnion(dir.services.compactMap { $0.focalPoint?.phone })
        #expect(phones.count > 10)
        var seen = 0
        for path in Self.cases {
            for width in stride(from: 40, through: 120, by: 9) {
                for extra in [[], ["--brief"]] {
                    let out = Self.route(path, width: width, extra: extra).stdout
                    let flat = Self.folded(out)
                    for p in phones where flat.contains(p) {
                        seen += 1
                        #expect(out.components(separatedBy: p).count == flat.components(separatedBy: p).count,
                                "\(p) broken in \(path) at \(width) columns \(extra)")
                    }
                }
            }
        }
        #expect(seen > 100)
    }

    @Test func wordsKeepPhoneNumbersTogether() {
        #expect(unbreakableWords("call +000 10 555 0101, or write") == ["call", "+000 10 555 0101,", "or", "write"])
        #expect(unbreakableWords("(020) 7946-0958 now") == ["(020) 7946-0958", "now"])
        #expect(unbreakableWords("within 72 hours and 5 days") == ["within", "72", "hours", "and", "5", "days"])
        #expect(wrap("a +000 10 555 0101 b", width: 8, indent: "") == "a\n+000 10 555 0101\nb")
    }

    /// The brief omitted the step notes and child warnings that matter most on a call.
    @Test(arguments: cases)
    func briefCarriesEveryCriticalWarning(_ path: String) throws {
        let full = Self.route(path, extra: ["--format", "json"])
        let plan = try JSONDecoder().decode(RoutePlan.self, from: Data(full.stdout.utf8))
        let text = Self.folded(Self.route(path, extra: ["--brief"]).stdout)
        let json = try JSONDecoder().decode(BriefPlan.self, from: Data(Self.route(path, extra: ["--brief", "--format", "json"]).stdout.utf8))
        var critical = plan.warnings.filter { $0.level == .critical }
        for s in plan.steps {
            critical += s.warnings.filter { $0.level == .critical }
            critical += s.options.flatMap(\.warnings).filter { $0.level == .critical }
        }
        for w in critical {
            #expect(text.contains(Self.folded(w.message)), "\(path): the brief text lacks [\(w.rule)] \(w.message)")
            let inJSON = json.critical.contains(w) || json.steps.contains { $0.critical.contains(w) }
            #expect(inJSON, "\(path): the brief JSON lacks [\(w.rule)]")
        }
    }

    @Test func criticalNotesOfTheShippedPathwaysReachTheBrief() {
        let suicide = Self.folded(Self.route("Pathways/demo/cases/mhpss-suicide-plan.json", extra: ["--brief"]).stdout)
        #expect(suicide.contains("Do not leave a person with a suicide plan alone"))
        let child = Self.folded(Self.route("Pathways/demo/cases/cp-unaccompanied-child-14.json", extra: ["--brief"]).stdout)
        #expect(child.contains("never promise a child secrecy"))
    }

    /// The consent headline said "valid" when nothing could be referred; a consent that names
    /// nothing is "no referral consent yet" (issue 8).
    @Test func consentHeadlineNeverSaysValidWhenNothingIsReferred() {
        let path = "Pathways/demo/cases/gbv-hotline-no-consent.json"
        let full = Self.route(path).stdout
        #expect(!full.contains("CONSENT: valid"))
        #expect(full.contains("CONSENT: NO REFERRAL CONSENT YET"))
        let brief = Self.route(path, extra: ["--brief"]).stdout
        #expect(!brief.contains("consent valid"))
        #expect(brief.contains("NO REFERRAL CONSENT YET"))
        #expect(Self.route("Pathways/demo/cases/gbv-adult-rape-within-72h.json").stdout.contains("CONSENT: valid"))
        // Emergency referrals under the risk-to-life exception are not "consent valid" either.
        let risk = "Pathways/demo/cases/mhpss-imminent-risk-no-consent.json"
        #expect(!Self.route(risk, extra: ["--brief"]).stdout.contains("consent valid"))
        #expect(Self.folded(Self.route(risk).stdout).contains("only emergency referrals are made, without consent"))
    }
}
