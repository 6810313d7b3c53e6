import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The append-only audit log: one JSON line per decision, written whole and flushed to disk
/// (`fsync`) before the answer it records is given. Shared safely by threads (a lock) and by
/// processes (`O_APPEND` and `flock`), so a server and `referral route --audit` can write the same
/// file. A line cut short by a crash is closed with a newline when the log is next opened, so it
/// never runs into the next line; `referral audit` counts and skips such a line.
public final class AuditLog: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    private let lock = NSLock()

    public struct OpenError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(path: String) throws(OpenError) {
        self.path = path
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OpenError(description: "cannot open the audit log '\(path)': \(errnoText())") }
        self.fd = fd
        // Close a torn last line (a crash mid-write) so that the next line starts on its own.
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        let reader = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if reader >= 0 {
            defer { close(reader) }
            var last: UInt8 = 0x0A
            let size = lseek(reader, 0, SEEK_END)
            if size > 0, pread(reader, &last, 1, size - 1) == 1, last != 0x0A {
                guard AuditLog.writeAll(fd, [0x0A]), fsync(fd) == 0 else {
                    close(fd)
                    throw OpenError(description: "cannot write to the audit log '\(path)': \(errnoText())")
                }
            }
        }
    }

    deinit { close(fd) }

    /// Appends `record` and flushes it to disk. Returns an error to answer with (the decision
    /// must not be given without its line) when it cannot.
    public func append(_ record: AuditRecord) -> HTTPError? {
        let line = record.line
        let ok: Bool = lock.withLock {
            flock(fd, LOCK_EX)
            defer { flock(fd, LOCK_UN) }
            return AuditLog.writeAll(fd, line) && fsync(fd) == 0
        }
        if ok { return nil }
        return HTTPError(500, "audit-log-failed", "the decision could not be written to the audit log, so it is not given",
                         help: "check the disk and the permissions of \(path), then try again")
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}
