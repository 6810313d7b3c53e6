import Foundation
import ReferralCore

/// `referral route CASE.json`: the referral plan for one case.
enum RouteCommand: Command {
    static let spec = CommandSpec(
        name: "route",
        summary: "where to refer one case today, step by step, and what will be shared",
        positionals: [PositionalSpec("CASE", help: "an anonymised case file (.json), or - to read it from standard input")],
        options: [
            SharedOptions.pathways, SharedOptions.context, SharedOptions.at, SharedOptions.format(["text", "json"]),
            SharedOptions.brief, SharedOptions.allowPartial, SharedOptions.noColor,
            OptionSpec("audit", value: "FILE", help: "append the decision to the audit log FILE (one JSON line, flushed to disk first)"),
        ],
        discussion: """
            The text output is for a person: critical warnings first, then the steps most urgent first;
            for each option what to do (REFER, EMERGENCY REFERRAL or INFORM ONLY), how to reach it,
            exactly which case fields are shared and which are withheld and why; then the services
            that cannot be used, and the gaps. With --brief: the critical warnings, and for each step
            only the best option, its contact and what it shares (the rest with 'referral explain').

            When the pathway data has errors, route refuses with them. With --allow-partial it routes
            anyway when no error is in what this case's pathways use (an error in another pathway's
            file that cannot apply to the case), and the plan opens with a critical warning that says
            so; an error in context.json, organisations.json or services.json still refuses.

            The JSON output is for other systems: the engine's RoutePlan with sorted keys, byte-identical
            for the same input (give --at to make it reproducible); with --brief, the BriefPlan (what
            the brief text shows, as data). --audit FILE appends the decision to an audit log (see
            'referral audit'). 'referral serve' answers the same JSON over HTTP (POST /api/route).

            Example:
              referral route Pathways/demo/cases/gbv-adult-rape-within-72h.json --at 2026-11-28T14:00:00+02:00
              cat case.json | referral route - --format json
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        try Inputs.checkTime(args.value("at"), command: spec.name)
        let (directory, partial) = try Inputs.directory(pathways: args.value("pathways"), context: args.value("context"),
                                                        allowPartial: args.flag("allow-partial"))
        let (time, note) = try Inputs.time(args.value("at"), directory: directory, env: env)
        let c = try Inputs.loadCase(args.positionals[0], directory: directory, at: time, env: env, partial: partial)
        let plan = try Inputs.checkPartial(Router(directory: directory).route(c, at: time), c, load: partial)
        if let path = args.value("audit") { try AuditCommand.append(plan, directory: directory, to: path, env: env) }
        if args.value("format") == "json" {
            let stderr = args.value("at") == nil ? "referral: note: routed at \(plan.at) (\(note))\n" : ""
            return CommandOutput(stdout: String(decoding: CaseRouting.json(plan, brief: args.flag("brief")), as: UTF8.self),
                                 stderr: stderr)
        }
        let style = Style.forOutput(noColorFlag: args.flag("no-color"), env: env)
        let renderer = TextRenderer(style: style, width: env.width)
        return CommandOutput(stdout: args.flag("brief") ? renderer.renderBrief(plan, timeNote: note)
                                                        : renderer.render(plan, timeNote: note))
    }
}
