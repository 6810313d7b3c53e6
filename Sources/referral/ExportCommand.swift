import Foundation
import ReferralCore
import ReferralExchange

/// `referral export hsds CONTEXT_FOLDER --out DIR`: the directory as Open Referral HSDS 3.0, through
/// ReferralExchange's `Exporter`.
enum ExportCommand: Command {
    static let spec = CommandSpec(
        name: "export",
        summary: "write a context's directory as Open Referral HSDS 3.0 (JSON or a CSV data package)",
        positionals: [
            PositionalSpec("FORMAT", help: "hsds"),
            PositionalSpec("CONTEXT_FOLDER", help: "the context folder to export (it must validate)"),
        ],
        options: [
            OptionSpec("out", value: "DIR", required: true, help: "the folder to write (created if needed)"),
            SharedOptions.format(ExportRequest.Format.allCases.map(\.rawValue),
                                 "json: services.json and organizations.json as HSDS pages; csv: an HSDS CSV data package"),
            OptionSpec("public", help: "for a published feed: no confidential address and no coordinates of one, at all"),
            OptionSpec("force", help: "replace the files of an earlier export in DIR"),
        ],
        discussion: """
            Ids are UUID v5 of the context and the directory's own ids, so the same directory always
            gives the same ids; the directory's own ids are kept as attributes. Every field HSDS has no
            place for (modality, consent-related intake, mandatory reporting, confidential addresses,
            structured eligibility…) is an attribute under the referral-router taxonomy, so that
            'referral import hsds' reads the export back without a profile and loses nothing.

            Without --public the export holds the text of confidential addresses (a shelter's): share
            it only under a data-sharing agreement. With --public, a confidential address is left out
            entirely, and so are its coordinates.

            Examples:
              referral export hsds Pathways/demo --out export --public
              referral export hsds Pathways/demo --out export-csv --format csv
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        guard args.positionals[0] == "hsds" else {
            throw CLIError.usage("'\(args.positionals[0])' is not an export format", help: "use hsds", command: spec.name)
        }
        guard let out = args.value("out") else { throw CLIError.internalError("--out is required but was not checked") }
        let format = ExportRequest.Format(rawValue: args.value("format") ?? "json") ?? .json
        let request = ExportRequest(context: args.positionals[1], out: out, format: format, publicOnly: args.flag("public"),
                                    force: args.flag("force"))
        switch Exporter.run(request) {
        case .success(let s):
            var text = "exported \(s.services) service(s) and \(s.organisations) organisation(s) as HSDS 3.0 \(format.rawValue)"
                + (args.flag("public") ? " (public: no confidential address)" : "") + ":\n"
            for f in s.files { text += "  \(f)\n" }
            var note = ""
            if s.confidentialAddressesIncluded > 0 {
                note = "referral: warning: the export holds \(s.confidentialAddressesIncluded) confidential address(es): share it only "
                    + "under a data-sharing agreement, or export again with --public\n"
            }
            return CommandOutput(stdout: text, stderr: note)
        case .failure(let f):
            throw CLIError.invalidInput(f.message, diagnostics: f.diagnostics, help: f.help)
        }
    }
}
