import Foundation
import ReferralCore

/// `referral explain SERVICE_ID --case CASE.json`: every rule, for one service and one case.
enum ExplainCommand: Command {
    static let spec = CommandSpec(
        name: "explain",
        summary: "why one service is or is not offered to a case, rule by rule",
        positionals: [PositionalSpec("SERVICE_ID", help: "the id of a service (see 'referral list services')")],
        options: [
            OptionSpec("case", value: "CASE", required: true, help: "the anonymised case file (.json), or - for standard input"),
            SharedOptions.pathways, SharedOptions.context, SharedOptions.at, SharedOptions.format(["text", "json"]),
            SharedOptions.noColor,
        ],
        discussion: """
            Prints every rule check the router made, in order, with PASS, FAIL, WARN or INFO and its
            reason, for each step of the case's pathways that uses the service's category.

            Example:
              referral explain moh.cmr-northmark \\
                --case Pathways/demo/cases/gbv-adult-rape-within-72h.json --at 2026-11-28T14:00:00+02:00
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        guard let casePath = args.value("case") else { throw CLIError.internalError("--case is required but was not checked") }
        try Inputs.checkTime(args.value("at"), command: spec.name)
        let directory = try Inputs.directory(pathways: args.value("pathways"), context: args.value("context"))
        let id = args.positionals[0]
        guard let service = directory.service(id) else {
            try requireKnown(id, in: directory.services.map(\.id), name: { directory.service($0)?.name ?? $0 }, what: "service",
                             hint: "see 'referral list services' for the ids")
            throw CLIError.internalError("service '\(id)' is listed but cannot be found")
        }
        let (time, note) = try Inputs.time(args.value("at"), directory: directory, env: env)
        let c = try Inputs.loadCase(casePath, directory: directory, at: time, env: env)
        guard let explanation = Router(directory: directory).explain(serviceID: service.id, for: c, at: time) else {
            throw CLIError.internalError("the router found no service '\(service.id)'")
        }
        if args.value("format") == "json" {
            let stderr = args.value("at") == nil ? "referral: note: explained at \(explanation.at) (\(note))\n" : ""
            return CommandOutput(stdout: jsonText(explanation), stderr: stderr)
        }
        let style = Style.forOutput(noColorFlag: args.flag("no-color"), env: env)
        return CommandOutput(stdout: TextRenderer(style: style, width: env.width).render(
            explanation, service: service, directory: directory, timeNote: note))
    }
}
