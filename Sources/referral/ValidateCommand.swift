import Foundation
import ReferralCore

/// `referral validate [DIR]`: loads every context under DIR and reports every finding with its
/// place. Exit 1 when there is any error.
enum ValidateCommand: Command {
    static let spec = CommandSpec(
        name: "validate",
        summary: "check the pathway data and report every problem with its place",
        positionals: [PositionalSpec("DIR", optional: true, help: "a context folder, or a folder of them (default: Pathways)")],
        options: [SharedOptions.context, SharedOptions.format],
        discussion: """
            Loads everything (a broken service does not hide the others) and prints each finding as
              file:line:column (json.path): error[code]: message
                help: what to do about it
            then a summary. Exits with 1 when there is any error, 0 otherwise (warnings do not fail).

            Example:
              referral validate Pathways
            """)

    struct Report: Codable {
        var folder: String
        var errors: Int
        var warnings: Int
        var services: Int?
        var organisations: Int?
        var pathways: Int?
        var diagnostics: [Diagnostic]
    }

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        let root = args.positional(0) ?? Inputs.defaultPathways
        let folders = try contextFolders(root, context: args.value("context"))
        var reports: [Report] = []
        for folder in folders {
            let r = DirectoryLoader(options: .init(strict: false)).load(folder: folder, displayRoot: root)
            let d = r.directory
            reports.append(Report(
                folder: folder, errors: r.errors.count,
                warnings: r.diagnostics.filter { $0.severity == .warning }.count,
                services: d?.services.count, organisations: d?.organisations.count, pathways: d?.pathways.count,
                diagnostics: r.diagnostics))
        }
        let failed = reports.contains { $0.errors > 0 }
        let code: ExitCode = failed ? .findings : .ok
        if args.value("format") == "json" { return CommandOutput(stdout: jsonText(reports), exitCode: code) }
        var t = TextBuilder()
        for r in reports {
            for d in r.diagnostics { t.line(d.rendered) }
            if !r.diagnostics.isEmpty { t.line() }
            var counts: [String] = []
            if let s = r.services { counts.append("\(s) services") }
            if let o = r.organisations { counts.append("\(o) organisations") }
            if let p = r.pathways { counts.append("\(p) pathways") }
            let loaded = counts.isEmpty ? "" : " (loaded " + counts.joined(separator: ", ") + ")"
            t.line("\(r.folder): \(r.errors) error\(r.errors == 1 ? "" : "s"), \(r.warnings) warning\(r.warnings == 1 ? "" : "s")\(loaded)")
        }
        t.line(failed ? "validation FAILED: fix the errors above" : "validation passed")
        return CommandOutput(stdout: t.text, exitCode: code)
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
