import Foundation
import ReferralCore

/// The version printed by `referral --version`.
let referralVersion = "0.1.0"

/// The exit codes of every command; documented in `referral help` and README.md.
enum ExitCode: Int32, CaseIterable {
    case ok = 0
    /// `validate` found errors in the data.
    case findings = 1
    /// The command line is wrong (unknown command or option, missing argument, bad value).
    case usage = 2
    /// An input file is missing, malformed or refused (unknown ids, identifying data in a case).
    case invalidInput = 3
    /// A bug in the tool: please report it.
    case internalError = 4

    var meaning: String {
        switch self {
        case .ok: "success"
        case .findings: "validate found errors in the pathway data, or import skipped records"
        case .usage: "usage error: unknown command or option, missing or bad argument"
        case .invalidInput: "invalid input: missing, malformed or oversized file, unknown id, identifying data in a case"
        case .internalError: "internal error (a bug: please report it)"
        }
    }

    static var helpText: String {
        "Exit codes:\n" + allCases.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n") + "\n"
    }
}

/// Everything a command may fail with. Mapped to a message and an exit code in one place
/// (`failureReport` in main.swift).
enum CLIError: Error {
    case usage(UsageError, command: String?)
    /// A file or id the user gave cannot be used. `diagnostics` are the engine's located findings
    /// (never with values from a case).
    case invalidInput(String, diagnostics: [Diagnostic] = [], help: String? = nil)
    case internalError(String)

    static func usage(_ message: String, help: String? = nil, command: String?) -> CLIError {
        .usage(UsageError(message, help: help), command: command)
    }
}

/// What a command produced. Nothing is written until the command has finished, so a failing
/// command never leaves partial output on stdout.
struct CommandOutput {
    var stdout: String
    /// Notes for the person at the terminal (which time was used, for example).
    var stderr: String = ""
    var exitCode: ExitCode = .ok
}

/// What a command may read from the outside world, gathered so that tests and the dispatcher
/// decide it (the engine never reads the clock; the tool does, here).
struct Environment {
    var now: () -> Date = { Date() }
    /// Reads standard input to its end, at most the given number of bytes.
    var readStandardInput: (Int) -> Result<[UInt8], InputReader.Failure> = { InputReader.readStandardInput(limit: $0) }
    /// Colours are used only when stdout is a terminal and NO_COLOR is not set.
    var colorAllowed: Bool = false
    /// Columns of text output (see `outputWidth`).
    var width: Int = 100

    /// `COLUMNS` when it is a number, else the terminal's width when stdout is one, else 100; kept
    /// within 40...1000 so that no value makes the text unreadable.
    static func outputWidth(columnsVariable: String?, terminalColumns: Int?) -> Int {
        let chosen = columnsVariable.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? terminalColumns ?? 100
        return min(max(chosen, 40), 1000)
    }
}

protocol Command {
    static var spec: CommandSpec { get }
    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput
}

/// The commands' specifications, in the order `referral help` lists them.
let allSpecs: [CommandSpec] = [
    RouteCommand.spec, ExplainCommand.spec, ListCommand.spec, ValidateCommand.spec, GraphCommand.spec,
    ServeCommand.spec, AuditCommand.spec, CompletionCommand.spec, ImportCommand.spec, ExportCommand.spec,
]

/// The command called `name`. (A switch rather than a list of metatypes: this compiler crashes on
/// closures over `[any Command.Type]`.)
func lookUpCommand(_ name: String) -> (any Command.Type)? {
    switch name {
    case RouteCommand.spec.name: RouteCommand.self
    case ExplainCommand.spec.name: ExplainCommand.self
    case ListCommand.spec.name: ListCommand.self
    case ValidateCommand.spec.name: ValidateCommand.self
    case GraphCommand.spec.name: GraphCommand.self
    case ServeCommand.spec.name: ServeCommand.self
    case AuditCommand.spec.name: AuditCommand.self
    case CompletionCommand.spec.name: CompletionCommand.self
    case ImportCommand.spec.name: ImportCommand.self
    case ExportCommand.spec.name: ExportCommand.self
    default: nil
    }
}

// MARK: help

enum Help {
    static func command(_ spec: CommandSpec, width: Int = 100) -> String {
        var s = wrap("referral \(spec.name): \(spec.summary)", width: width, indent: "  ", firstIndent: "") + "\n\n"
        s += ArgumentParser.usageLines(spec, lead: "Usage: ", width: width, indent: 16) + "\n"
        if !spec.positionals.isEmpty {
            s += "\nArguments:\n"
            for p in spec.positionals { s += row(p.name, p.help, width: width) }
        }
        s += "\nOptions:\n"
        for o in spec.options { s += row(o.synopsis, o.help, width: width) }
        s += row("-h, --help", "show this help", width: width)
        if !spec.discussion.isEmpty { s += "\n" + spec.discussion.trimmingCharacters(in: .newlines) + "\n" }
        s += "\n" + ExitCode.helpText
        return s
    }

    static func row(_ left: String, _ right: String, width: Int = 100) -> String {
        let pad = 26
        let lead = "  " + left
        let text = wrap(right, width: width, indent: String(repeating: " ", count: pad + 2))
        if lead.count + 2 > pad + 2 {
            return lead + "\n" + String(repeating: " ", count: pad + 2) + text.dropFirst(pad + 2) + "\n"
        }
        return lead + String(repeating: " ", count: pad + 2 - lead.count) + text.dropFirst(pad + 2) + "\n"
    }

    static var main: String {
        var s = """
            referral \(referralVersion): protection referral pathways as data

            Finds where a person can safely be referred today, with what they agreed to share, and
            explains every decision. All decisions are made by the ReferralCore engine; this tool only
            reads files and prints.

            Usage: referral COMMAND [ARGUMENTS] [OPTIONS]

            Commands:

            """
        for c in allSpecs { s += row(c.name, c.summary) }
        s += row("help [COMMAND]", "show this help, or the help of one command")
        s += """

            Options:
              -h, --help                show help (also after any command: referral route --help)
              --version                 print the version

            Examples:
              referral route Pathways/demo/cases/gbv-adult-rape-within-72h.json --at 2026-11-28T14:00:00+02:00
              referral explain moh.cmr-northmark --case Pathways/demo/cases/gbv-adult-rape-within-72h.json
              referral list services --category health.cmr --area XV0101
              referral validate Pathways

            The data format is documented in Pathways/README.md.


            """
        s += ExitCode.helpText
        return s
    }
}
