import ReferralCore

/// Options that mean the same thing on every command, declared once so that their spelling, value
/// and help read the same everywhere. A new command uses these and never its own variant:
/// `OptionConsistencyTests` checks every command in `allSpecs`.
///
/// - A command that reads the pathway data takes `--pathways DIR` and `--context ID`.
/// - A command that prints takes `--format` (its first choice is the default).
/// - Every command takes `--no-color` and `-h`/`--help` (added by `CommandSpec`), and
///   `referral help COMMAND` shows the same help as `referral COMMAND --help`.
enum SharedOptions {
    static let pathways = OptionSpec(
        "pathways", value: "DIR", help: "the pathway data: a context folder, or a folder holding one (default: Pathways)")
    static let context = OptionSpec(
        "context", value: "ID", help: "the context folder to use when DIR holds several (for example demo)")
    static let at = OptionSpec(
        "at", value: "TIME",
        help: "the time to route or check at, ISO 8601 with offset (2026-11-28T14:00:00+02:00); default: now, from the clock")
    static let noColor = OptionSpec("no-color", help: "no colours, even on a terminal (NO_COLOR is honoured too)")
    static let brief = OptionSpec(
        "brief", help: "one screen for a hotline: every critical warning, and per step the best option and how to reach it")
    static let allowPartial = OptionSpec(
        "allow-partial",
        help: "use the pathway data even if some files are broken, when the broken parts do not touch this case's pathways (shown as a critical warning)")

    /// `--format text|json` and the like: the output format, the first choice being the default.
    static func format(_ choices: [String], _ note: String? = nil) -> OptionSpec {
        OptionSpec("format", value: "FORMAT", choices: choices,
                   help: "output format (default: \(choices[0]))" + (note.map { "; " + $0 } ?? ""))
    }

    /// Accepted by every command, listed in each command's help.
    static let global: [OptionSpec] = [noColor]
}
