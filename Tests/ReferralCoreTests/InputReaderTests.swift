import Foundation
import Testing

@testable import ReferralCore

/// The bounded reader: every kind of input is read with a limit or refused, never waited on for
/// ever and never trapped on.
@Suite struct InputReaderTests {
    static func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "referral-input-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func regularFileWithinAndAboveTheLimit() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/case.json"
        try Data(repeating: UInt8(ascii: "x"), count: 100).write(to: URL(fileURLWithPath: path))
        #expect(try InputReader.read(path: path, limit: 100).get().count == 100)
        #expect(InputReader.read(path: path, limit: 99) == .failure(.tooLarge(limit: 99)))
    }

    @Test func missingFileAndFolder() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(InputReader.read(path: dir + "/nothing.json", limit: 10) == .failure(.missing))
        #expect(InputReader.read(path: dir + "/nothing/deeper.json", limit: 10) == .failure(.missing))
        #expect(InputReader.read(path: dir, limit: 10) == .failure(.directory))
    }

    /// `/dev/zero` never ends: reading stops one byte past the limit.
    @Test func endlessDeviceStopsAtTheLimit() throws {
        #expect(InputReader.read(path: "/dev/zero", limit: 1 << 16) == .failure(.tooLarge(limit: 1 << 16)))
        #expect(try InputReader.read(path: "/dev/null", limit: 10).get() == [])
    }

    /// Opening a FIFO that nobody writes to would block for ever with a plain open.
    @Test func fifoWithoutAWriterDoesNotHang() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/fifo"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(try InputReader.read(path: path, limit: 10).get() == [])
    }

    @Test func pipeIsReadToItsEndWithTheLimit() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let text = Array("{\"formatVersion\": 1}".utf8)
        #expect(write(fds[1], text, text.count) == text.count)
        close(fds[1])
        defer { close(fds[0]) }
        #expect(try InputReader.read(fileDescriptor: fds[0], limit: 100, blocking: false).get() == text)
    }

    @Test func closedDescriptor() {
        // A number no descriptor has (a closed one could be reused by a test running in parallel).
        #expect(InputReader.read(fileDescriptor: 1_000_000, limit: 10, blocking: false) == .failure(.closed))
    }

    @Test func everyFailureIsALocatedFindingWithHelp() {
        let failures: [InputReader.Failure] = [.missing, .directory, .terminal, .notAFile, .closed,
                                               .tooLarge(limit: 1 << 20), .unreadable(errno: EACCES)]
        for f in failures {
            let d = f.diagnostic(file: "<stdin>")
            #expect(d.severity == .error)
            #expect(d.place.file == "<stdin>")
            #expect(d.help != nil)
        }
        #expect(InputReader.Failure.tooLarge(limit: 1 << 20).diagnostic(file: "x").code == .fileTooLarge)
        #expect(InputReader.Failure.tooLarge(limit: 1 << 20).diagnostic(file: "x").message.contains("1 MiB"))
        #expect(InputReader.Failure.directory.diagnostic(file: "x").code == .fileNotAFile)
    }
}

/// Paths are handled as text: Foundation's `NSString` path methods trap on a one-character path.
@Suite struct PathTextTests {
    @Test func standardized() {
        #expect(PathText.standardized("Pathways//demo/") == "Pathways/demo")
        #expect(PathText.standardized("Pathways/demo/./context.json") == "Pathways/demo/context.json")
        #expect(PathText.standardized("Pathways/demo/../pathways/gbv.json") == "Pathways/demo/../pathways/gbv.json")
        #expect(PathText.standardized("/tmp/a/../b/c.json") == "/tmp/b/c.json")
        #expect(PathText.standardized("p") == "p")
        #expect(PathText.standardized("/") == "/")
    }

    @Test func components() {
        #expect(PathText.lastComponent("a/b/gbv.json") == "gbv.json")
        #expect(PathText.lastComponent("p") == "p")
        #expect(PathText.parent("p") == "")
        #expect(PathText.parent("a/b") == "a")
        #expect(PathText.parent("/a") == "/")
    }

    /// `referral validate p` died with SIGILL in `displayName` (a one-letter folder name).
    @Test func oneLetterFolderNamesItsFiles() {
        let b = DirectoryBuilder(folder: "p", displayRoot: "p", strict: true)
        #expect(b.displayName("p") == "p")
        #expect(b.displayName("p/context.json") == "p/context.json")
        let abs = DirectoryBuilder(folder: "/tmp/x/p", displayRoot: "/tmp/x/p", strict: true)
        #expect(abs.displayName("/tmp/x/p/services.json") == "p/services.json")
        #expect(abs.displayName("/tmp/x/p/../q/gbv.json") == "q/gbv.json")
    }
}
