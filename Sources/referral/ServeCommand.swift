import Dispatch
import Foundation
import ReferralCore
import ReferralServer

/// `referral serve`: the case page, the directory search, the coordinator's report and the JSON
/// API, on this computer. Everything is in ReferralServer; this reads options, starts, and waits
/// for SIGINT or SIGTERM.
enum ServeCommand: Command {
    static let spec = CommandSpec(
        name: "serve",
        summary: "the case page, directory search and JSON API in a browser, with an audit log",
        positionals: [],
        options: [
            SharedOptions.pathways, SharedOptions.context,
            OptionSpec("host", value: "HOST", help: "the address to listen on (default: 127.0.0.1, this computer only)"),
            OptionSpec("port", value: "PORT", help: "the port (default: 8080; 0 picks a free one)"),
            OptionSpec("audit", value: "FILE", help: "append one JSON line per decision to FILE, flushed before each answer"),
            OptionSpec("watch", value: "SECONDS",
                       help: "look for changed data files every SECONDS and reload (default: 2; 0: only on request)"),
        ],
        discussion: """
            Open http://127.0.0.1:8080/ in a browser: the case page builds a case from the data's own
            lists (no free text), routes it and shows the brief plan first, the full plan a click
            away, and a printable referral form per option. /search finds services for a hotline;
            /validate is the coordinator's report, with a reload button. The JSON API is described
            in docs/API.md (POST /api/route gives the same bytes as 'referral route --format json').

            The server listens on this computer only unless --host says otherwise (then it warns:
            the pages have no login). A data edit is picked up on its own (or with the reload
            button, or POST /api/reload); a broken edit keeps the last good data in service and
            shows the errors. Request logs (standard error) never hold case content. Stop it with
            Ctrl-C (SIGINT) or SIGTERM: requests under way finish first.

            Examples:
              referral serve
              referral serve --pathways Pathways --port 8081 --audit audit.jsonl
            """)

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> CommandOutput {
        // First, before any thread exists: whichever thread a signal lands on, the handler only
        // writes to a pipe that this thread waits on (a signal set to "ignore" could be lost).
        let stop = StopSignal.install()
        var config = HTTPServer.Configuration()
        config.host = args.value("host") ?? "127.0.0.1"
        if let p = args.value("port") {
            guard let port = Int(p), (0...65535).contains(port) else {
                throw CLIError.usage("'\(p)' is not a port for '--port'", help: "give a number from 1 to 65535 (0: any free port)",
                                     command: spec.name)
            }
            config.port = port
        }
        var watch = 2.0
        if let w = args.value("watch") {
            guard let s = Double(w), s >= 0, s <= 3600 else {
                throw CLIError.usage("'\(w)' is not a number of seconds for '--watch'", help: "for example 2, or 0 to reload only on request",
                                     command: spec.name)
            }
            watch = s
        }
        let root = args.value("pathways") ?? Inputs.defaultPathways
        let holder: DirectoryHolder
        do {
            holder = try DirectoryHolder(root: root, contextID: args.value("context"), now: env.now())
        } catch {
            throw CLIError.invalidInput("the pathway data in '\(root)' cannot be used", diagnostics: error.diagnostics,
                                        help: "run 'referral validate \(root)' for the full report")
        }
        var audit: AuditLog?
        if let path = args.value("audit") {
            do {
                audit = try AuditLog(path: path)
            } catch {
                throw CLIError.invalidInput(error.description, help: "give a file in a folder you can write to")
            }
        }
        let stderr = StandardError()
        let app = ReferralApp(holder: holder, audit: audit)
        let server = HTTPServer(configuration: config, log: { stderr.write("referral: \(utcNow()) \($0)\n") },
                                describe: ReferralApp.logDescription, handler: app.handle)
        let port: Int
        do {
            port = try server.start()
        } catch {
            throw CLIError.invalidInput("cannot start the server: \(error)", help: "choose another --port, or stop what uses it")
        }
        if !["127.0.0.1", "localhost", "::1"].contains(config.host) {
            stderr.write("referral: warning: listening on \(config.host), not only this computer: anyone who can reach it can "
                         + "use the pages and the API (there is no login); use --host 127.0.0.1 unless you mean it\n")
        }
        let d = holder.current.directory
        let shown = config.host.contains(":") ? "[\(config.host)]" : config.host
        stderr.write("referral: serving \(d.context.id) (\(d.services.count) services) at http://\(shown):\(port)/"
                     + (audit.map { "; audit log \($0.path)" } ?? "") + "\n")
        stderr.write("referral: open http://\(shown):\(port)/ in a browser; stop with Ctrl-C\n")

        if watch > 0 {
            let interval = watch
            let watcher = Thread {
                while true {
                    Thread.sleep(forTimeInterval: interval)
                    if let o = holder.reload(now: Date(), onlyIfChanged: true) {
                        stderr.write(o.reloaded ? "referral: \(utcNow()) data reloaded (\(o.dataVersion))\n"
                            : "referral: \(utcNow()) the edited data has \(o.errors.count) error(s): the last good data stays in service (see /validate)\n")
                    }
                }
            }
            watcher.start()
        }
        stop.wait()
        stderr.write("referral: stopping: finishing the requests under way\n")
        server.shutdown(grace: 10)
        return CommandOutput(stdout: "", stderr: "referral: stopped\n")
    }
}

/// SIGINT and SIGTERM, turned into a byte on a pipe (the only async-signal-safe way out of a
/// handler), so that the main thread can wait for them with a plain `read`.
enum StopSignal {
    nonisolated(unsafe) static var writeEnd: Int32 = -1

    struct Waiter {
        let readEnd: Int32
        func wait() {
            var b: UInt8 = 0
            while read(readEnd, &b, 1) < 0 && errno == EINTR {}
        }
    }

    static func install() -> Waiter {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        writeEnd = fds[1]
        let handler: @convention(c) (Int32) -> Void = { _ in
            var b: UInt8 = 1
            _ = write(StopSignal.writeEnd, &b, 1)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A parent may have started this process with them blocked (Foundation's Process does):
        // unblock them here, before any thread is made, so that every thread inherits it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        return Waiter(readEnd: fds[0])
    }
}

/// Writes straight to standard error (the server logs while it runs, not at the end).
struct StandardError: Sendable {
    func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

func utcNow() -> String { utcText(Date()) }
