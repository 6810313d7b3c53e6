import ReferralCore

// A small, hand-written argument parser: the tool has a few commands with a handful of options
// each, which does not justify a dependency. Foundation-free; ReferralCore only for `closestMatch`.

/// One `--name [VALUE]` option a command accepts.
struct OptionSpec: Sendable {
    /// The long name without dashes (`format`).
    let name: String
    /// The placeholder shown in help (`FORMAT`); nil for a flag that takes no value.
    let valueName: String?
    /// The only values accepted, when the option is a choice (`text`, `json`).
    let choices: [String]?
    let help: String
    /// The command cannot run without it (`explain --case`).
    let required: Bool

    init(_ name: String, value valueName: String? = nil, choices: [String]? = nil, required: Bool = false,
         help: String)
    {
        self.name = name
        self.valueName = valueName
        self.choices = choices
        self.required = required
        self.help = help
    }

    var takesValue: Bool { valueName != nil }

    /// `--format text|json` or `--no-color`, as shown in usage lines.
    var synopsis: String {
        guard let valueName else { return "--\(name)" }
        return "--\(name) \(choices?.joined(separator: "|") ?? valueName)"
    }
}

/// One positional argument.
struct PositionalSpec: Sendable {
    let name: String
    let optional: Bool
    let help: String

    init(_ name: String, optional: Bool = false, help: String) {
        self.name = name
        self.optional = optional
        self.help = help
    }
}

/// What a command accepts; also the source of its help text.
struct CommandSpec: Sendable {
    let name: String
    let summary: String
    let positionals: [PositionalSpec]
    let options: [OptionSpec]
    /// Longer explanation and examples, shown after the options in `--help`.
    let discussion: String

    init(name: String, summary: String, positionals: [PositionalSpec] = [], options: [OptionSpec] = [],
         discussion: String = "")
    {
        self.name = name
        self.summary = summary
        self.positionals = positionals
        // The options every command accepts (`--no-color`), unless the command lists them itself.
        self.options = options + SharedOptions.global.filter { g in !options.contains { $0.name == g.name } }
        self.discussion = discussion
    }

    func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }
}

/// The arguments of one command after parsing: positionals in order, option values and flags.
struct ParsedArguments: Sendable, Equatable {
    var positionals: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []
    /// `-h` or `--help` was given: show help and do nothing else.
    var help = false

    func value(_ name: String) -> String? { values[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
    func positional(_ i: Int) -> String? { i < positionals.count ? positionals[i] : nil }
}

/// A problem with the command line itself (exit code 2). Messages name the argument at fault and,
/// where possible, what was probably meant.
struct UsageError: Error, Sendable, Equatable {
    var message: String
    var help: String?

    init(_ message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }
}

enum ArgumentParser {
    /// Parses `arguments` (without the command name) against `spec`.
    ///
    /// Accepted forms: `--name value`, `--name=value`, flags `--name`, `-h`/`--help` anywhere
    /// before `--`, a lone `-` (standard input) as a positional, and `--` to end options. An
    /// option may be given once. Help wins over every other problem, so `referral route --bad -h`
    /// still shows help.
    static func parse(_ arguments: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var out = ParsedArguments()
        let end = arguments.firstIndex(of: "--") ?? arguments.count
        if arguments[..<end].contains(where: { $0 == "-h" || $0 == "--help" }) {
            out.help = true
            return out
        }
        var i = 0
        var seen: Set<String> = []
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if i - 1 >= end {
                if i - 1 > end { out.positionals.append(arg) }
                continue
            }
            if arg == "-" || !arg.hasPrefix("-") {
                out.positionals.append(arg)
                continue
            }
            guard arg.hasPrefix("--") else {
                throw UsageError("unknown option '\(arg)'", help: suggestion(for: arg, spec: spec))
            }
            var name = String(arg.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let option = spec.option(name) else {
                throw UsageError("unknown option '--\(name)'", help: suggestion(for: "--" + name, spec: spec))
            }
            if seen.contains(name) { throw UsageError("option '--\(name)' is given more than once") }
            seen.insert(name)
            guard option.takesValue else {
                if inline != nil { throw UsageError("option '--\(name)' takes no value") }
                out.flags.insert(name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else if i < end, !(arguments[i].hasPrefix("--")) {
                value = arguments[i]
                i += 1
            } else {
                throw UsageError("option '--\(name)' needs a value", help: "write it as \(option.synopsis)")
            }
            if value.isEmpty { throw UsageError("option '--\(name)' needs a value", help: "write it as \(option.synopsis)") }
            if let choices = option.choices, !choices.contains(value) {
                var help = "use one of: " + choices.joined(separator: ", ")
                if let near = closestMatch(to: value, in: choices) { help = "did you mean '\(near)'?" }
                throw UsageError("'\(value)' is not a valid value for '--\(name)'", help: help)
            }
            out.values[name] = value
        }
        if let missing = spec.options.first(where: { $0.required && out.values[$0.name] == nil }) {
            throw UsageError("missing \(missing.synopsis)", help: "usage: \(usageLine(spec))")
        }
        let required = spec.positionals.filter { !$0.optional }.count
        if out.positionals.count < required {
            let missing = spec.positionals[out.positionals.count]
            throw UsageError("missing \(missing.name)", help: "usage: \(usageLine(spec))")
        }
        if out.positionals.count > spec.positionals.count {
            let extra = out.positionals[spec.positionals.count]
            throw UsageError("unexpected argument '\(extra)'", help: "usage: \(usageLine(spec))")
        }
        return out
    }

    static func suggestion(for arg: String, spec: CommandSpec) -> String {
        let names = spec.options.map { "--" + $0.name } + ["--help"]
        if let near = closestMatch(to: arg, in: names) { return "did you mean '\(near)'?" }
        return "see 'referral \(spec.name) --help'"
    }

    /// `referral route CASE [--pathways DIR] [--format text|json]`
    static func usageLine(_ spec: CommandSpec) -> String { usageParts(spec).joined(separator: " ") }

    /// The usage line broken between its parts (never inside `[--format text|json]`) so that
    /// no line is longer than `width`; continuation lines are indented by `indent` spaces.
    static func usageLines(_ spec: CommandSpec, lead: String, width: Int, indent: Int) -> String {
        var lines: [String] = []
        var line = lead
        for part in usageParts(spec) {
            if line.count + 1 + part.count > width, line.count > indent {
                lines.append(line)
                line = String(repeating: " ", count: indent) + part
            } else {
                line += (line == lead ? "" : " ") + part
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    static func usageParts(_ spec: CommandSpec) -> [String] {
        var parts = ["referral", spec.name]
        for p in spec.positionals { parts.append(p.optional ? "[\(p.name)]" : p.name) }
        for o in spec.options { parts.append(o.required ? o.synopsis : "[\(o.synopsis)]") }
        return parts
    }
}
