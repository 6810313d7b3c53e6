import Foundation
import ReferralCore

// The `referral` command: reads arguments and files, asks ReferralCore, prints. Every outcome
// goes through `failureReport` (errors) or a `CommandOutput` (success and findings), so stdout
// gets either the whole answer or nothing.

/// Runs one command line and returns what to print and the exit code.
func runReferral(_ arguments: [String], _ env: Environment) -> CommandOutput {
    do {
        var out = try dispatch(arguments, env)
        // Blocks end with a blank line; the output as a whole ends with exactly one newline.
        while out.stdout.hasSuffix("\n\n") { out.stdout.removeLast() }
        return out
    } catch {
        let (message, code) = failureReport(error)
        return CommandOutput(stdout: "", stderr: message, exitCode: code)
    }
}

func dispatch(_ arguments: [String], _ env: Environment) throws -> CommandOutput {
    guard let first = arguments.first else {
        throw CLIError.usage("no command given", help: "try 'referral help'", command: nil)
    }
    switch first {
    case "-h", "--help", "help":
        // `help`, `help COMMAND`, `--help COMMAND`; a help option after them changes nothing.
        let rest = arguments.dropFirst().filter { $0 != "-h" && $0 != "--help" }
        guard let name = rest.first else { return CommandOutput(stdout: Help.main) }
        guard rest.count == 1 else {
            throw CLIError.usage("unexpected argument '\(rest[rest.startIndex + 1])'", help: "usage: referral help [COMMAND]",
                                 command: nil)
        }
        if name == "help" { return CommandOutput(stdout: Help.main) }
        return CommandOutput(stdout: Help.command(try command(named: name).spec, width: env.width))
    case "--version":
        return CommandOutput(stdout: "referral \(referralVersion) (data format version \(supportedFormatVersion))\n")
    default:
        let cmd = try command(named: first)
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), spec: cmd.spec)
        } catch {
            throw CLIError.usage(error, command: cmd.spec.name)
        }
        if parsed.help { return CommandOutput(stdout: Help.command(cmd.spec, width: env.width)) }
        return try cmd.run(parsed, env)
    }
}

func command(named name: String) throws -> any Command.Type {
    if let c = lookUpCommand(name) { return c }
    let names = allSpecs.map(\.name) + ["help"]
    let near = closestMatch(to: name, in: names)
    let what = name.hasPrefix("-") ? "unknown option '\(name)'" : "unknown command '\(name)'"
    throw CLIError.usage(what, help: near.map { "did you mean '\($0)'?" } ?? "the commands are: " + names.joined(separator: ", "),
                         command: nil)
}

/// The one place errors become messages and exit codes.
///
/// Messages are `referral: error: …` followed by the engine's located findings. Case findings
/// never carry values from the case, and nothing here adds any.
func failureReport(_ error: Error) -> (String, ExitCode) {
    func lines(_ head: String, _ help: String?, _ diagnostics: [Diagnostic] = []) -> String {
        var s = "referral: error: \(head)\n"
        for d in diagnostics { s += d.rendered + "\n" }
        if let help { s += "  help: \(help)\n" }
        return s
    }
    switch error {
    case CLIError.usage(let u, let command):
        var s = lines(u.message, u.help)
        s += "  (see 'referral \(command.map { "\($0) " } ?? "")--help'; exit code 2: usage error)\n"
        return (s, .usage)
    case CLIError.invalidInput(let message, let diagnostics, let help):
        return (lines(message, help, diagnostics), .invalidInput)
    case CLIError.internalError(let message):
        return (lines("internal error: \(message)", "this is a bug in referral; please report it with the command you ran"),
                .internalError)
    default:
        return (lines("internal error: \(type(of: error))", "this is a bug in referral; please report it with the command you ran"),
                .internalError)
    }
}

/// Writes all of `text` to `fd`; false when the system refuses (a closed descriptor, a full disk).
func writeAll(_ fd: Int32, _ text: String) -> Bool {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return false }
        bytes = bytes.dropFirst(n)
    }
    return true
}

// A standard descriptor closed by the caller (`<&-`, `>&-`) is noted, then filled with /dev/null so
// that no file opened later takes its number (and is read as the case, or written over).
let standardInputClosed = fcntl(STDIN_FILENO, F_GETFD) == -1
for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 {
    _ = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
}

var env = Environment()
env.colorAllowed = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
var size = winsize()
let terminalColumns = isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0
    ? Int(size.ws_col) : nil
env.width = Environment.outputWidth(columnsVariable: ProcessInfo.processInfo.environment["COLUMNS"], terminalColumns: terminalColumns)
if standardInputClosed { env.readStandardInput = { _ in .failure(.closed) } }
let result = runReferral(Array(CommandLine.arguments.dropFirst()), env)
var code = result.exitCode
if !writeAll(STDOUT_FILENO, result.stdout) {
    let why = String(cString: strerror(errno))
    _ = writeAll(STDERR_FILENO, "referral: error: cannot write the output (\(why))\n")
    code = .invalidInput
}
_ = writeAll(STDERR_FILENO, result.stderr)
exit(code.rawValue)
