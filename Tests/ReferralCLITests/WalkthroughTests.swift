import Foundation
import Testing

/// The coordinator's whole path in README.md and Pathways/README.md (spreadsheet → profile →
/// import → validate → route) is real output. Each `console` block that follows a
/// `<!-- walkthrough -->` line is run in order, with its state, in a scratch copy of the repository's
/// `Pathways` folder: `$ referral …` runs the built binary, any other `$ …` line runs in a shell.
/// As in the README examples, a line starting with `…` stands for lines left out: those before it
/// must begin the output and those after it end it. With UPDATE_GOLDEN set the blocks are rewritten
/// from the real output instead, keeping the same number of lines on each side of the `…`.
@Suite struct WalkthroughTests {
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil

    @Test(arguments: ["README.md", "Pathways/README.md"])
    func walkthroughOutputsAreReal(_ document: String) throws {
        let url = Repo.root.appendingPathComponent(document)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("referral-walkthrough-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        try fm.copyItem(at: Repo.root.appendingPathComponent("Pathways"), to: scratch.appendingPathComponent("Pathways"))
        let binary = try Binary.binary.get().path

        var i = 0
        var inBlock = false
        var armed = false
        var checked = 0
        var changed = false
        while i < lines.count {
            let line = lines[i]
            if line == "<!-- walkthrough -->" { armed = true }
            if line.hasPrefix("```") {
                inBlock = armed && line == "```console"
                if !inBlock { armed = false }
                i += 1
                continue
            }
            guard inBlock, line.hasPrefix("$ ") else {
                i += 1
                continue
            }
            let shown = ShownOutput(lines, at: i)
            let command = String(line.dropFirst(2))
            let r: RunResult
            if command.hasPrefix("referral ") {
                r = try Binary.run(command.dropFirst("referral ".count).split(separator: " ").map(String.init), in: scratch)
            } else {
                r = try Binary.execute(URL(fileURLWithPath: "/bin/sh"), ["-c", command], stdin: nil,
                                         environment: ["PATH": URL(fileURLWithPath: binary).deletingLastPathComponent().path
                                             + ":/usr/bin:/bin"], directory: scratch)
            }
            checked += 1
            let (next, rewritten) = shown.compare(r, in: &lines, document: document + " walkthrough", updating: Self.updating,
                                                  rewrite: "Walkthrough")
            changed = changed || rewritten
            i = next
        }
        #expect(checked >= 4, "expected a walkthrough of at least 4 commands in \(document), found \(checked)")
        if changed { try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8) }
    }
}
