import Foundation
import Testing

// The few things only a real process shows: standard descriptors closed or pointing at a folder
// or a device, a full disk, and the current folder. Everything else runs in-process.

private let fixture = Repo.fixtureDirectory
private let fixtureCase = Repo.fixtureCase

/// `referral ARGS` with a shell redirection (`<&-`, `< /tmp`, `> /dev/full`).
private func shell(_ args: String, _ redirection: String, in directory: String? = nil) throws -> RunResult {
    let exe = try Binary.binary.get().path
    let cd = directory.map { "cd '\($0)' && " } ?? ""
    return try Binary.runShell("\(cd)'\(exe)' \(args) \(redirection)")
}

@Suite struct BinaryTests {
    /// `route -` with standard input closed, a folder or an endless device died with SIGILL
    /// (a `try!` around reading standard input) or grew without bound.
    @Test(arguments: [("<&-", "standard input is closed"), ("< /tmp", "folder"), ("< /dev/zero", "1 MiB")])
    func standardInputThatIsNotACase(_ redirection: String, _ says: String) throws {
        let r = try shell("route - --pathways '\(fixture)' --at \(Repo.at)", redirection)
        #expect(r.code == Exit.invalidInput, "\(r.stderr)")
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("referral: error: cannot read the case from standard input"))
        #expect(r.stderr.contains(says))
        #expect(!r.stderr.contains("crashed"))
    }

    /// A case path naming a FIFO with no writer returns at once (an ordinary open would wait).
    @Test func fifoCaseDoesNotHang() throws {
        let path = NSTemporaryDirectory() + "referral-fifo-\(UUID().uuidString)"
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let r = try Binary.run(["route", path, "--pathways", fixture, "--at", Repo.at])
        #expect(r.code == Exit.invalidInput)
        #expect(r.stderr.contains("error[json.syntax]"))
    }

    /// Output that cannot be written is an error with exit code 3, not a trap.
    @Test func fullDiskIsAnErrorNotATrap() throws {
        let r = try shell("list pathways --pathways '\(fixture)'", "> /dev/full")
        #expect(r.code == Exit.invalidInput)
        #expect(r.stderr.contains("referral: error: cannot write the output"))
        let closed = try shell("list pathways --pathways '\(fixture)'", ">&-")
        #expect(closed.code == Exit.ok)
    }

    /// The real process reads COLUMNS (output was 100 columns whatever the terminal).
    @Test func columnsVariableSetsTheWidth() throws {
        let r = try Binary.run(["route", fixtureCase, "--pathways", fixture, "--at", Repo.at], environment: ["COLUMNS": "60"])
        #expect(r.code == Exit.ok)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.filter { $0.count > 60 && $0.trimmingCharacters(in: .whitespaces).contains(" ") && !$0.hasPrefix("*") }.isEmpty)
        let wide = try Binary.run(["route", fixtureCase, "--pathways", fixture, "--at", Repo.at], environment: ["COLUMNS": "200"])
        #expect(wide.stdout.split(separator: "\n").contains { $0.count > 100 })
    }

    /// `referral validate p`: a one-letter folder name trapped in Foundation's path code.
    @Test func oneLetterFolder() throws {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("referral-p-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: tmp) }
        try fm.copyItem(at: Repo.root.appendingPathComponent(fixture), to: tmp.appendingPathComponent("p"))
        let r = try Binary.run(["validate", "p", "--at", Repo.at], in: tmp)
        #expect(r.code == Exit.ok, "\(r.stderr)")
        #expect(r.stdout.contains("0 errors"))
    }

    /// On a terminal (util-linux `script` provides one) the text is coloured, unless `--no-color`
    /// or NO_COLOR says otherwise.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func colourOnlyOnATerminal() throws {
        let exe = try Binary.binary.get().path
        let base = "'\(exe)' route '\(Repo.fixtureCase)' --pathways '\(Repo.fixtureDirectory)' --at \(Repo.at)"
        let tty = try Binary.runShell("/usr/bin/script -qec \"\(base)\" /dev/null")
        #expect(tty.code == Exit.ok)
        #expect(tty.stdout.contains("\u{1B}[1mREFERRAL PLAN"))
        let flag = try Binary.runShell("/usr/bin/script -qec \"\(base) --no-color\" /dev/null")
        #expect(flag.stdout.contains("REFERRAL PLAN"))
        #expect(plain(flag.stdout))
        let env = try Binary.runShell("/usr/bin/script -qec \"\(base)\" /dev/null", environment: ["NO_COLOR": "1"])
        #expect(env.stdout.contains("REFERRAL PLAN"))
        #expect(plain(env.stdout))
    }

}
