#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The documented size limits of every input (README "Limits"). A larger input is refused with
/// `file.too-large` before it is parsed, so no input can make the tool grow without bound.
public enum InputLimits {
    /// A case file or standard input: 1 MiB. A real case is about 1 KB of codes and numbers.
    public static let caseBytes = 1 << 20
    /// One file of a directory (context, organisations, services, a pathway): 256 MiB. The 100,000
    /// services of the largest benchmark directory take 62 MB.
    public static let directoryFileBytes = 256 << 20
}

/// Reads a whole input with a size limit, from a path or a file descriptor, and says clearly why
/// it could not: a missing file, a folder, a terminal, a closed standard input, an input above the
/// limit. It never blocks on a FIFO that has no writer and never traps.
///
/// Regular files, pipes, FIFOs, sockets and character devices other than terminals are read up
/// to `limit` bytes (one byte more means "too large": `/dev/zero` stops there); a folder, a
/// terminal or a block device is refused without reading.
public enum InputReader {
    public enum Failure: Error, Sendable, Equatable {
        /// The path does not exist.
        case missing
        /// The path is a folder.
        case directory
        /// A terminal: reading it would wait for someone to type.
        case terminal
        /// A block device or another kind of file that is not read.
        case notAFile
        /// The file descriptor is closed (standard input closed with `<&-`).
        case closed
        /// More than `limit` bytes.
        case tooLarge(limit: Int)
        /// Any other system error (permission denied, I/O error), with its errno.
        case unreadable(errno: Int32)

        /// The finding for a file named `name` (a path as the user typed it, or `<stdin>`).
        public func diagnostic(file name: String) -> Diagnostic {
            let place = SourcePlace(file: name)
            let what = name == "<stdin>" ? "standard input is" : "this is"
            switch self {
            case .missing:
                return Diagnostic(.error, code: .fileMissing, place: place, message: "no such file",
                                  help: "check the path")
            case .directory:
                return Diagnostic(.error, code: .fileNotAFile, place: place, message: "\(what) a folder, not a file",
                                  help: "give the path of a .json file")
            case .terminal:
                return Diagnostic(.error, code: .fileNotAFile, place: place,
                                  message: "standard input is a terminal, not a file",
                                  help: "pipe the case in (cat case.json | referral route -) or give its path")
            case .notAFile:
                return Diagnostic(.error, code: .fileNotAFile, place: place,
                                  message: "\(what) a device or special file, not a regular file",
                                  help: "give the path of a .json file")
            case .closed:
                return Diagnostic(.error, code: .fileMissing, place: place, message: "standard input is closed",
                                  help: "pipe the case in (cat case.json | referral route -) or give its path")
            case .tooLarge(let limit):
                return Diagnostic(.error, code: .fileTooLarge, place: place,
                                  message: "larger than the limit of \(byteCount(limit))",
                                  help: "the limits are documented in README.md (Limits); check that this is the right file")
            case .unreadable(let e):
                let why = e == EACCES || e == EPERM ? "permission denied" : "the system reported error \(e)"
                return Diagnostic(.error, code: .fileMissing, place: place, message: "cannot read the file (\(why))",
                                  help: "check that it exists and is readable")
            }
        }
    }

    /// Reads the file at `path`, at most `limit` bytes.
    public static func read(path: String, limit: Int) -> Result<[UInt8], Failure> {
        // Non-blocking open: opening a FIFO nobody writes to returns at once instead of waiting.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            return .failure(e == ENOENT || e == ENOTDIR ? .missing : e == EISDIR ? .directory : .unreadable(errno: e))
        }
        defer { close(fd) }
        return read(fileDescriptor: fd, limit: limit, blocking: true)
    }

    /// Reads standard input to its end, at most `limit` bytes.
    public static func readStandardInput(limit: Int) -> Result<[UInt8], Failure> {
        read(fileDescriptor: STDIN_FILENO, limit: limit, blocking: false)
    }

    /// Reads `fd` to its end, at most `limit` bytes. With `blocking`, the descriptor is switched
    /// back to blocking reads (it was opened non-blocking only so that the open could not wait).
    static func read(fileDescriptor fd: Int32, limit: Int, blocking: Bool) -> Result<[UInt8], Failure> {
        var st = stat()
        if fstat(fd, &st) != 0 {
            let e = errno
            return .failure(e == EBADF ? .closed : .unreadable(errno: e))
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .failure(.directory)
        case S_IFBLK: return .failure(.notAFile)
        case S_IFCHR where isatty(fd) == 1: return .failure(.terminal)
        default: break
        }
        if blocking {
            let flags = fcntl(fd, F_GETFL)
            if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        }
        let regular = st.st_mode & S_IFMT == S_IFREG
        if regular && Int(st.st_size) > limit { return .failure(.tooLarge(limit: limit)) }
        var out: [UInt8] = []
        out.reserveCapacity(regular ? Int(st.st_size) + 1 : 64 << 10)
        let chunk = 64 << 10
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, chunk) }
            if n == 0 { break }
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                if e == EAGAIN || e == EWOULDBLOCK {
                    // A non-blocking descriptor with nothing yet: wait for data rather than spin.
                    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&p, 1, -1)
                    continue
                }
                return .failure(e == EISDIR ? .directory : e == EBADF ? .closed : .unreadable(errno: e))
            }
            out.append(contentsOf: buffer[0..<n])
            if out.count > limit { return .failure(.tooLarge(limit: limit)) }
        }
        return .success(out)
    }
}

/// `1 MiB`, `256 MiB`, `512 KiB`: a limit as people read it.
func byteCount(_ n: Int) -> String {
    if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
    if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
    return "\(n) bytes"
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}

/// Paths as text, without Foundation's `NSString` path methods (which trap on a one-character
/// relative path such as `p` on Linux).
enum PathText {
    /// `a//b/./c/` → `a/b/c`; `/x/y/../z` → `/x/z`. `..` is resolved only in absolute paths (a
    /// relative `..` may climb above the current folder, and is kept as the user typed it).
    static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var out: [Substring] = []
        for (i, part) in path.split(separator: "/", omittingEmptySubsequences: true).enumerated() {
            if part == "." && !(i == 0 && !absolute) { continue }
            if part == "..", absolute {
                if !out.isEmpty { out.removeLast() }
                continue
            }
            out.append(part)
        }
        let joined = out.joined(separator: "/")
        return absolute ? "/" + joined : joined
    }

    /// The last component (`gbv.json` for `a/b/gbv.json`); the path itself when it has none.
    static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), path != "/" else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Everything before the last component: `a/b` for `a/b/c`, `` for `c`, `/` for `/c`.
    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
