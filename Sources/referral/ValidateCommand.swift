import Foundation
import ReferralCore

/// `referral validate [DIR]`: the coordinator's report. Loads every context under DIR, runs every
/// check of `Validator` (structure, coverage, data quality) and renders the report. Exit 1 when
/// there is any error (or any warning with --strict).
enum ValidateCommand: Command {
    static let spec = CommandSpec(
        name: "validate",
        summary: "check the pathway data: every problem with its place, coverage gaps by area and population",
        positionals: [PositionalSpec("DIR", optional: true, help: "the same as --pathways DIR")],
        options: [
            SharedOptions.pathways, SharedOptions.context,
            SharedOptions.format(ReportFormat.allCases.map(\.rawValue), "html is a self-contained page for offline use"),
            OptionSpec("strict", help: "count warnings (coverage gaps, stale entries…) as errors for the exit code"),
            SharedOptions.at,
        ],
        discussion: """
            Loads everything (a broken service does not hide the others) and checks:
              structure     unknown ids, duplicates, syntax; per pathway: unreachable steps, cycles,
                            dead ends, steps whose category no service offers
              coverage      per step × district × population (girls, women, boys, men, each
                            population group and legal status): an open, eligible service? a 24/7
                            option for emergency steps? the main languages in every district?
              data quality  entries not verified in time, missing contact or hours, closed
                            services in a pathway, legal-status restrictions, reporting duties
            Text prints each finding as
              file:line:column (json.path): severity[code]: message
                help: what to do about it
            then a coverage matrix and a summary. JSON is one report object (an array of them when
            DIR holds several contexts); Markdown pastes into a cluster report; HTML is one page with
            inline CSS and SVG (no scripts, nothing fetched) for one context. Exits with 1 when there
            is any error (with --strict: any error or warning), 0 otherwise.

            Examples:
              referral validate Pathways --at 2026-11-28T14:00:00+02:00
              referral validate Pathways --format html > report.html
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        try Inputs.checkTime(args.value("at"), command: spec.name)
        let format = ReportFormat(rawValue: args.value("format") ?? "text") ?? .text
        if let dir = args.positional(0), let option = args.value("pathways"), dir != option {
            throw CLIError.usage("the folder is given twice ('\(dir)' and --pathways '\(option)')",
                                 help: "give it once, as DIR or with --pathways", command: spec.name)
        }
        let root = args.positional(0) ?? args.value("pathways") ?? Inputs.defaultPathways
        let folders = try contextFolders(root, context: args.value("context"))
        if folders.count > 1 && format == .html {
            throw CLIError.usage("'\(root)' holds several contexts; an HTML report covers one",
                                 help: "choose one with --context", command: spec.name)
        }
        var reports: [ValidationReport] = []
        var note = ""
        for folder in folders {
            let load = DirectoryLoader(options: .init(strict: false)).load(folder: folder, displayRoot: root)
            let time: RoutingTime
            if let d = load.directory {
                let (t, why) = try Inputs.time(args.value("at"), directory: d, env: env)
                time = t
                if args.value("at") == nil { note = "referral: note: checked for \(t.iso8601) (\(why))\n" }
            } else {
                // Nothing to date-check without a directory; the report only carries the load errors.
                time = RoutingTime(epochSeconds: Int64(env.now().timeIntervalSince1970.rounded(.down)), utcOffsetMinutes: 0)
            }
            reports.append(Validator.validate(load, at: time))
        }
        let failed = reports.contains { $0.failed(strict: args.flag("strict")) }
        let code: ExitCode = failed ? .findings : .ok
        let stdout: String
        if format == .json && reports.count > 1 {
            stdout = jsonText(reports)
        } else {
            stdout = reports.map { ReportRenderer.render($0, format: format) }.joined(separator: "\n")
        }
        return CommandOutput(stdout: stdout, stderr: format == .text ? "" : note, exitCode: code)
    }

    /// `root` itself when it holds context.json, else every sub-folder that does (or the one named).
    static func contextFolders(_ root: String, context: String?) throws -> [String] {
        let fm = FileManager.default
        if context == nil, fm.fileExists(atPath: root + "/context.json") { return [root] }
        if context != nil {
            switch DirectoryLoader.contextFolder(in: root, contextID: context) {
            case .success(let f): return [f]
            case .failure(let f): throw CLIError.invalidInput("cannot find the pathway data in '\(root)'", diagnostics: f.diagnostics)
            }
        }
        let subs = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).sorted().filter {
            fm.fileExists(atPath: root + "/" + $0 + "/context.json")
        }
        if subs.isEmpty {
            // Let the engine say why, with its own code and help.
            switch DirectoryLoader.contextFolder(in: root, contextID: nil) {
            case .success(let f): return [f]
            case .failure(let f): throw CLIError.invalidInput("cannot find the pathway data in '\(root)'", diagnostics: f.diagnostics)
            }
        }
        return subs.map { root + "/" + $0 }
    }
}
