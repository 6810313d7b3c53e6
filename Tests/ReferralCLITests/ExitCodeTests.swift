import Foundation
import Testing

@testable import referral

/// Exit code 4 means a bug in the tool, and only that (issue 13, item 6): every wrong input,
/// however odd, is 2 (usage) or 3 (input), never 4, and never a trap.
@Suite struct ExitCodeTests {
    struct Unexpected: Error {}

    @Test func anInternalErrorIsFourAndSaysToReportIt() {
        let (message, code) = failureReport(Unexpected())
        #expect(code == .internalError)
        #expect(code.rawValue == 4)
        #expect(message.hasPrefix("referral: error: internal error"))
        #expect(message.contains("please report it"))
        #expect(failureReport(CLIError.internalError("the router found no service")).1 == .internalError)
        #expect(failureReport(CLIError.invalidInput("x")).1 == .invalidInput)
        #expect(failureReport(CLIError.usage("x", command: nil)).1 == .usage)
    }

    static let odd = ["", "-", "--", "---", "--=", "=", "-x", "\u{0}", "\u{1B}[31m", String(repeating: "a", count: 5000), "é", "..", "/",
                      "/dev/null", "/proc/self/status", "Pathways", "Pathways/demo/context.json"]

    /// Every command with odd arguments in every position: 0 to 3, never 4.
    @Test(arguments: odd)
    func oddArgumentsNeverGiveFour(_ a: String) {
        let c = "Pathways/demo/cases/gbv-adult-rape-within-72h.json"
        let lines: [[String]] = [
            [a], ["help", a], ["route", a], ["route", c, "--at", a], ["route", c, "--pathways", a], ["route", c, "--context", a],
            ["route", c, "--format", a], ["explain", a, "--case", c], ["explain", "moh.cmr-northmark", "--case", a],
            ["list", a], ["list", "services", "--area", a], ["list", "services", "--category", a], ["validate", a],
            ["validate", "--at", a], ["graph", a], ["graph", "gbv", "--format", a], ["completion", a], ["audit", a],
            ["route", "-", "--at", "2026-11-28T14:00:00+02:00"],
        ]
        for args in lines {
            let r = Referral.run(args, stdin: a)
            #expect((0...3).contains(r.code), "\(args.map { String($0.prefix(20)) }) gave \(r.code): \(r.stderr.prefix(300))")
            if r.code != 0 && r.code != 1 { #expect(r.stdout == "", "\(args.map { String($0.prefix(20)) }) wrote to stdout and failed") }
        }
    }
}
