import Foundation
import ReferralCore
import ReferralExchange

/// `referral import hsds|csv PATH --out CONTEXT_FOLDER`: brings an existing directory in, through
/// ReferralExchange's `Importer`. The report goes to standard output; nothing is written on
/// `--dry-run`, and nothing at all when the import fails.
enum ImportCommand: Command {
    static let spec = CommandSpec(
        name: "import",
        summary: "bring a directory in: Open Referral HSDS 3.0 (JSON or CSV) or a coordinators' spreadsheet (CSV)",
        positionals: [
            PositionalSpec("FORMAT", help: "hsds (an HSDS JSON file, or a folder: CSV data package or an export) or csv (a spreadsheet)"),
            PositionalSpec("PATH", help: "the file or folder to read"),
        ],
        options: [
            OptionSpec("profile", value: "PROFILE", help: "the import profile (JSON): columns, mappings, defaults (docs/IMPORT.md); needed for csv"),
            OptionSpec("out", value: "CONTEXT_FOLDER", required: true,
                       help: "the context folder to import into: its context.json gives the vocabularies; organisations.json and services.json are written"),
            OptionSpec("dry-run", help: "read, map and check everything, print the report, write nothing"),
            OptionSpec("force", help: "update a context that already has organisations or services (entries from other sources are kept)"),
            SharedOptions.format(ImportReportRenderer.Format.allCases.map(\.rawValue),
                                 "the import report; json lists every finding, the others at most 20 of each code"),
        ],
        discussion: """
            Every value is either mapped, defaulted, kept as a note or dropped, and the report says
            which, with its place (file, row and column, or JSON path) and the record's id. Nothing is
            guessed: free-text eligibility is kept as a note, coded values map only through the
            profile, hours are read by a documented grammar, and a confidential address keeps no text
            and no coordinates. The counts add up: read = imported + merged + skipped.

            The result is checked by the directory loader before anything is written; files are
            written whole and renamed into place, so a failed import leaves the folder as it was.
            A file written by 'referral export hsds' imports back with no profile.

            Exit codes: 0 imported with no error finding; 1 imported, but some records were skipped
            (see the findings with action 'skipped'); 3 nothing imported (a bad profile or file).

            Examples:
              referral import csv services.csv --profile profile.json --out Pathways/demo --dry-run
              referral import hsds export/ --out Pathways/demo --force
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        let kind: ImportRequest.Kind
        switch args.positionals[0] {
        case "hsds": kind = .hsds
        case "csv": kind = .csv
        case let other:
            let near = closestMatch(to: other, in: ["hsds", "csv"])
            throw CLIError.usage("'\(other)' is not an import format", help: near.map { "did you mean '\($0)'?" } ?? "use hsds or csv",
                                 command: spec.name)
        }
        guard let out = args.value("out") else { throw CLIError.internalError("--out is required but was not checked") }
        let format = ImportReportRenderer.Format(rawValue: args.value("format") ?? "text") ?? .text
        let today = Int((env.now().timeIntervalSince1970 / 86_400).rounded(.down))
        let request = ImportRequest(kind: kind, source: args.positionals[1], profile: args.value("profile"), context: out,
                                    dryRun: args.flag("dry-run"), force: args.flag("force"), today: today)
        switch Importer.run(request) {
        case .success(let report):
            var note = ""
            if report.dryRun { note = "referral: note: dry run: nothing was written\n" }
            return CommandOutput(stdout: ImportReportRenderer.render(report, format: format), stderr: note,
                                 exitCode: report.errors > 0 ? .findings : .ok)
        case .failure(let f):
            throw CLIError.invalidInput(f.message, diagnostics: f.diagnostics, help: f.help)
        }
    }
}
