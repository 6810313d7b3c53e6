import ReferralCore

/// `referral graph PATHWAY`: a drawing of a pathway. Not available yet; the validation work
/// wires it to the engine's renderers.
enum GraphCommand: Command {
    static let spec = CommandSpec(
        name: "graph",
        summary: "draw a pathway as a graph (not available yet)",
        positionals: [PositionalSpec("PATHWAY", help: "a pathway id (see 'referral list pathways')")],
        options: [
            SharedOptions.pathways, SharedOptions.context,
            OptionSpec("format", value: "FORMAT", choices: ["dot", "mermaid"], help: "graph format (default: dot)"),
        ])

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        throw CLIError.usage("'graph' is not available yet", help: "use 'referral list pathways' to see the steps",
                             command: spec.name)
    }
}
