import Foundation
import ReferralCore
import ReferralServer

/// `referral audit FILE`: what the audit log says over a period (referrals per service and
/// category, gaps by step and area, what kept services from being referred, by rule).
enum AuditCommand: Command {
    static let spec = CommandSpec(
        name: "audit",
        summary: "summarise an audit log: referrals per service and category, gaps by step and area, refusals by rule",
        positionals: [PositionalSpec("FILE", help: "an audit log written by 'referral serve --audit' or 'referral route --audit'")],
        options: [
            OptionSpec("since", value: "DAY", help: "only lines logged on or after DAY (YYYY-MM-DD, UTC)"),
            OptionSpec("until", value: "DAY", help: "only lines logged on or before DAY (YYYY-MM-DD, UTC)"),
            SharedOptions.format(["text", "json"]),
        ],
        discussion: """
            The log holds one JSON line per decision: ids and rule ids, never a value of a case.
            A line cut short by a crash is counted as unreadable and skipped.

            Example (which gaps did the hotline hit in November?):
              referral audit audit.jsonl --since 2026-11-01 --until 2026-11-30
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        for name in ["since", "until"] {
            if let d = args.value(name), parseDay(d) == nil {
                throw CLIError.usage("'\(d)' is not a day for '--\(name)'", help: "write it as YYYY-MM-DD, for example 2026-11-01",
                                     command: spec.name)
            }
        }
        let path = args.positionals[0]
        let log: [UInt8]
        switch InputReader.read(path: path, limit: AuditSummary.maxLogBytes) {
        case .success(let b): log = b
        case .failure(let f):
            throw CLIError.invalidInput("cannot read the audit log '\(path)'", diagnostics: [f.diagnostic(file: path)],
                                        help: "a log larger than 512 MiB can be summarised in parts (split it by month)")
        }
        let s = AuditSummary(log: log, since: args.value("since"), until: args.value("until"))
        if args.value("format") == "json" { return CommandOutput(stdout: jsonText(s)) }
        return CommandOutput(stdout: render(s, path: path))
    }

    static func render(_ s: AuditSummary, path: String) -> String {
        var t = TextBuilder()
        let period = [s.since.map { "from \($0)" }, s.until.map { "to \($0)" }].compactMap { $0 }.joined(separator: " ")
        t.line("AUDIT LOG \(path)" + (period.isEmpty ? "" : " (\(period))"))
        t.line("  decisions  \(s.decisions)   refused cases  \(s.refusedCases)   lines  \(s.lines)"
               + (s.unreadableLines > 0 ? "   unreadable (torn) lines  \(s.unreadableLines)" : ""))
        if let a = s.firstLoggedAt, let b = s.lastLoggedAt { t.line("  logged     \(a) to \(b)") }
        if !s.bySource.isEmpty { t.line("  from       " + s.bySource.map { "\($0.id) \($0.count)" }.joined(separator: ", ")) }
        t.line()
        t.line("GAPS HIT (step, area, cause)")
        if s.gaps.isEmpty { t.line("  none") }
        for g in s.gaps { t.line("  \(pad(String(g.count), 5)) \(g.pathway) / \(g.step)  \(g.area)  \(g.cause) (\(g.urgency))") }
        t.line()
        t.line("REFERRALS BY CATEGORY (referred, emergency, information only)")
        if s.referralsByCategory.isEmpty { t.line("  none") }
        for c in s.referralsByCategory {
            t.line("  \(pad(String(c.referred), 5)) \(pad(String(c.emergencyReferred), 4)) \(pad(String(c.informed), 5))  \(c.category)")
        }
        t.line()
        t.line("REFERRALS BY SERVICE (referred, emergency, information only)")
        if s.referralsByService.isEmpty { t.line("  none") }
        for c in s.referralsByService {
            t.line("  \(pad(String(c.referred), 5)) \(pad(String(c.emergencyReferred), 4)) \(pad(String(c.informed), 5))  \(c.service) (\(c.category))")
        }
        t.line()
        t.line("NOT REFERRED, BY DECIDING RULE (excluded, information only)")
        if s.notReferredByRule.isEmpty { t.line("  none") }
        for r in s.notReferredByRule { t.line("  \(pad(String(r.excluded), 5)) \(pad(String(r.informed), 5))  \(r.rule)") }
        if !s.refusedByCode.isEmpty {
            t.line()
            t.line("REFUSED CASES, BY FINDING")
            for c in s.refusedByCode { t.line("  \(pad(String(c.count), 5))  \(c.id)") }
        }
        return t.text
    }

    /// `route --audit FILE`: the decision's line, written and flushed before the plan is printed.
    static func append(_ plan: RoutePlan, directory: Directory, to path: String, env: Environment) throws {
        do {
            let log = try AuditLog(path: path)
            if let e = log.append(AuditRecord(plan, directory: directory, loggedAt: env.now(), source: "cli", dataVersion: nil)) {
                throw CLIError.invalidInput(e.message, help: e.help)
            }
        } catch let e as AuditLog.OpenError {
            throw CLIError.invalidInput(e.description, help: "give a file in a folder you can write to")
        }
    }

    static func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
}
