import ReferralCore

/// `referral graph PATHWAY`: a pathway as Graphviz DOT or Mermaid, drawn by the engine's
/// `PathwayGraphRenderer` (the HTML report of `validate` draws the same graph as SVG).
enum GraphCommand: Command {
    static let spec = CommandSpec(
        name: "graph",
        summary: "draw a pathway as a graph (Graphviz DOT or Mermaid)",
        positionals: [PositionalSpec("PATHWAY", help: "a pathway id (see 'referral list pathways')")],
        options: [
            SharedOptions.pathways, SharedOptions.context,
            SharedOptions.format(["dot", "mermaid"]),
        ],
        discussion: """
            Entry steps have a thick border, steps where the pathway may end a double border,
            optional steps a dashed one; conditional links are dashed and labelled with their condition.

            Examples:
              referral graph gbv --pathways Pathways | dot -Tsvg > gbv.svg
              referral graph child-protection --format mermaid
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        let directory = try Inputs.directory(pathways: args.value("pathways"), context: args.value("context"))
        let id = args.positionals[0]
        try requireKnown(id, in: directory.pathways.map(\.id), name: { directory.pathway($0)?.name ?? $0 }, what: "pathway",
                         hint: "see 'referral list pathways' for the pathway ids")
        guard let pathway = directory.pathway(id) else { throw CLIError.internalError("pathway '\(id)' vanished") }
        let format: PathwayGraphRenderer.Format = args.value("format") == "mermaid" ? .mermaid : .dot
        return CommandOutput(stdout: PathwayGraphRenderer.render(pathway, format: format))
    }
}
