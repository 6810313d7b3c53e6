import Foundation
import ReferralCore
@testable import ReferralServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Paths of the repository and its shipped data, found from this file.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let pathways = root.appendingPathComponent("Pathways").path
    static let cases = root.appendingPathComponent("Pathways/demo/cases")
    static let at = "2026-11-28T14:00:00+02:00"
    static let atQuery = "2026-11-28T14%3A00%3A00%2B02%3A00"

    static func caseNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cases.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func caseBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: cases.appendingPathComponent(name)))
    }

    /// A private copy of `Pathways` to edit (reload tests).
    static func copyOfPathways() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("referral-server-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: pathways, toPath: dir)
        return dir
    }
}

/// The built `referral` binary (next to the test bundle), or `REFERRAL_BINARY`.
enum Binary {
    static let path: String? = {
        if let p = ProcessInfo.processInfo.environment["REFERRAL_BINARY"] { return p }
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("referral").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    /// Runs `referral ARGS` in the repository root; gives stdout, stderr and the exit status.
    static func run(_ args: [String], stdin: [UInt8] = []) throws -> (out: [UInt8], err: String, status: Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(path, "the referral binary was not built"))
        p.arguments = args
        p.currentDirectoryURL = Repo.root
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("referral-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let files = ["in", "out", "err"].map { tmp.appendingPathComponent($0) }
        try Data(stdin).write(to: files[0])
        for f in files.dropFirst() { _ = FileManager.default.createFile(atPath: f.path, contents: nil) }
        p.standardInput = try FileHandle(forReadingFrom: files[0])
        p.standardOutput = try FileHandle(forWritingTo: files[1])
        p.standardError = try FileHandle(forWritingTo: files[2])
        try p.run()
        p.waitUntilExit()
        return ([UInt8](try Data(contentsOf: files[1])), String(decoding: try Data(contentsOf: files[2]), as: UTF8.self),
                p.terminationStatus)
    }
}

/// A server on a free port of this computer, in this process, with the app over `root`.
final class LiveServer: @unchecked Sendable {
    let app: ReferralApp
    let server: HTTPServer
    let port: Int

    init(root: String = Repo.pathways, audit: AuditLog? = nil, log: @escaping HTTPServer.Logger = { _ in },
         configure: (inout HTTPServer.Configuration) -> Void = { _ in }) throws
    {
        let holder = try DirectoryHolder(root: root, now: Date())
        app = ReferralApp(holder: holder, audit: audit)
        var config = HTTPServer.Configuration()
        config.port = 0
        configure(&config)
        server = HTTPServer(configuration: config, log: log, describe: ReferralApp.logDescription, handler: app.handle)
        port = try server.start()
    }

    deinit { server.shutdown(grace: 5) }
}

/// A minimal HTTP client over a raw socket: sends bytes as given, reads responses framed by
/// Content-Length (or by the end of the connection).
final class RawClient {
    let fd: Int32
    var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw ClientError(description: "cannot connect to port \(port): errno \(errno)")
        }
        var tv = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    struct ClientError: Error, CustomStringConvertible { var description: String }

    func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    func send(_ s: String) { send(Array(s.utf8)) }

    /// Reads one response; nil when the connection closed before one arrived.
    func response(head: Bool = false) -> (status: Int, headers: [String: String], body: [UInt8])? {
        while true {
            if let r = parseResponse(head: head) { return r }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            buffer += chunk[0..<n]
        }
    }

    private func parseResponse(head: Bool) -> (status: Int, headers: [String: String], body: [UInt8])? {
        guard let end = HTTPParser.endOfHead(buffer, from: 0, limit: buffer.count) else { return nil }
        let lines = String(decoding: buffer[0..<end.linesEnd], as: UTF8.self).split(separator: "\r\n")
        guard let first = lines.first, let status = Int(first.split(separator: " ")[1]) else { return nil }
        var headers: [String: String] = [:]
        for l in lines.dropFirst() {
            let kv = l.split(separator: ":", maxSplits: 1)
            if kv.count == 2 { headers[kv[0].lowercased()] = kv[1].trimmingBlanks() }
        }
        let length = head ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        guard buffer.count - end.bodyStart >= length else { return nil }
        let body = Array(buffer[end.bodyStart..<(end.bodyStart + length)])
        buffer.removeFirst(end.bodyStart + length)
        return (status, headers, body)
    }

    /// Whether the server closed the connection (within the receive timeout).
    func closedByServer() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 1024)
        return chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) } == 0
    }

    static func request(_ method: String, _ target: String, body: [UInt8] = [], contentType: String? = "application/json",
                        close: Bool = false) -> [UInt8]
    {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if !body.isEmpty || method == "POST" {
            if let contentType { head += "Content-Type: \(contentType)\r\n" }
            head += "Content-Length: \(body.count)\r\n"
        }
        if close { head += "Connection: close\r\n" }
        return Array((head + "\r\n").utf8) + body
    }

    /// One request on a new connection.
    static func once(_ port: Int, _ method: String, _ target: String, body: [UInt8] = [],
                     contentType: String? = "application/json") throws -> (status: Int, headers: [String: String], body: [UInt8])
    {
        let c = try RawClient(port: port)
        c.send(request(method, target, body: body, contentType: contentType, close: true))
        return try #require(c.response(head: method == "HEAD"), "no response to \(method) \(target)")
    }
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}
