import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on the platform's sockets: one thread polls the listening socket,
/// each connection is served on its own Dispatch queue, and the handler is a plain function from
/// request to response.
///
/// Slow or greedy clients cannot hold it: a connection must deliver a whole request within
/// `requestTimeout` once it starts one (408 otherwise), an idle keep-alive connection is closed
/// after `idleTimeout`, writes give up after `writeTimeout`, requests over the parser's limits are
/// refused (413, 414, 431), and connections beyond `maxConnections` get 503 at once.
public final class HTTPServer: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var host: String = "127.0.0.1"
        /// 0 picks a free port (see `start()`'s result).
        public var port: Int = 8080
        public var limits = HTTPLimits()
        public var maxConnections: Int = 64
        public var requestTimeout: Double = 10
        public var idleTimeout: Double = 5
        public var writeTimeout: Double = 10
        public var maxRequestsPerConnection: Int = 1000
        public init() {}
    }

    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse
    /// One line per request: method, path (never the query or the body), status, size, time.
    public typealias Logger = @Sendable (String) -> Void
    /// What the log says a request was (`POST /api/route`); the front end decides, so that a
    /// path a client made up is never written as sent.
    public typealias Describer = @Sendable (HTTPRequest) -> String

    public let configuration: Configuration
    let handler: Handler
    let log: Logger
    let describe: Describer
    private let lock = NSLock()
    private var listenFD: Int32 = -1
    private var wakePipe: [Int32] = [-1, -1]
    private var active = 0
    private var stopping = false
    private var acceptThread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    public init(configuration: Configuration, log: @escaping Logger = { _ in },
                describe: @escaping Describer = { "\($0.method) \($0.path)" }, handler: @escaping Handler)
    {
        self.configuration = configuration
        self.handler = handler
        self.log = log
        self.describe = describe
    }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Binds, listens and starts accepting. Returns the port (useful with port 0).
    public func start() throws -> Int {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var res: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(configuration.host, String(configuration.port), &hints, &res)
        guard rc == 0, let first = res else {
            throw StartError(description: "cannot use the address '\(configuration.host)': \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(res) }
        let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "cannot open a socket: \(errnoText())") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let why = errnoText()
            close(fd)
            throw StartError(description: "cannot listen on \(configuration.host):\(configuration.port): \(why)")
        }
        guard listen(fd, 128) == 0 else {
            let why = errnoText()
            close(fd)
            throw StartError(description: "cannot listen on \(configuration.host):\(configuration.port): \(why)")
        }
        var addr = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let port = withUnsafeMutablePointer(to: &addr) { p -> Int in
            _ = p.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
            if p.pointee.ss_family == sa_family_t(AF_INET6) {
                return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            close(fd)
            throw StartError(description: "cannot create a pipe: \(errnoText())")
        }
        lock.withLock {
            listenFD = fd
            wakePipe = fds
        }
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "referral-accept"
        acceptThread = thread
        thread.start()
        return port
    }

    /// Stops accepting, lets requests in progress finish (at most `grace` seconds), closes idle
    /// connections, and returns. Safe to call more than once and from any thread.
    public func shutdown(grace: Double = 10) {
        let first: Bool = lock.withLock {
            if stopping || listenFD < 0 { return false }
            stopping = true
            return true
        }
        if first {
            var b: UInt8 = 1
            _ = write(wakePipe[1], &b, 1)
            finished.wait()
        }
        let deadline = Deadline(seconds: grace)
        while lock.withLock({ active }) > 0 && !deadline.passed { usleep(10_000) }
    }

    /// Connections being served now.
    public var activeConnections: Int { lock.withLock { active } }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func acceptLoop() {
        let fd = listenFD
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakePipe[0], events: Int16(POLLIN), revents: 0)]
        while !isStopping {
            let n = poll(&fds, 2, 1000)
            if n < 0 && errno != EINTR { break }
            if fds[1].revents != 0 { break }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(fd, nil, nil)
            if client < 0 { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            var tv = timeval(tv_sec: Int(configuration.writeTimeout), tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            let admitted: Bool = lock.withLock {
                guard active < configuration.maxConnections else { return false }
                active += 1
                return true
            }
            guard admitted else {
                let busy = HTTPResponse.error(HTTPError(503, "too-many-connections", "the server is busy; try again in a moment"),
                                              extraHeaders: [.init("Retry-After", "1")])
                Connection.send(client, busy.serialized(keepAlive: false))
                close(client)
                log("- - 503 too many connections")
                continue
            }
            DispatchQueue(label: "referral.connection").async { [self] in
                Connection(fd: client, server: self).serve()
                close(client)
                lock.withLock { active -= 1 }
            }
        }
        close(fd)
        close(wakePipe[0])
        close(wakePipe[1])
        finished.signal()
    }

    /// One client connection: requests in turn (keep-alive), each parsed, answered and logged.
    struct Connection {
        let fd: Int32
        let server: HTTPServer

        func serve() {
            let cfg = server.configuration
            var buffer: [UInt8] = []
            var served = 0
            while served < cfg.maxRequestsPerConnection {
                // Waiting for the first byte of a request: idle time; after it, the request clock runs.
                var deadline = buffer.isEmpty ? Deadline(seconds: served == 0 ? cfg.requestTimeout : cfg.idleTimeout)
                    : Deadline(seconds: cfg.requestTimeout)
                var started = !buffer.isEmpty
                var request: HTTPRequest?
                parse: while true {
                    switch HTTPParser.parse(buffer, limits: cfg.limits) {
                    case .complete(let r, let consumed):
                        request = r
                        buffer.removeFirst(consumed)
                        break parse
                    case .failure(let e):
                        respond(HTTPResponse.error(e), request: nil, keepAlive: false, started: Deadline(seconds: 0))
                        return
                    case .incomplete:
                        // Stop waiting for a new request on shutdown; a request under way still completes.
                        if !started && server.isStopping { return }
                        switch read(into: &buffer, until: deadline) {
                        case .data:
                            if !started {
                                started = true
                                deadline = Deadline(seconds: cfg.requestTimeout)
                            }
                        case .closed: return
                        case .timeout:
                            if started || served == 0 {
                                respond(HTTPResponse.error(HTTPError(408, "request-timeout", "the request did not arrive in time",
                                                                     help: "send the whole request within \(Int(cfg.requestTimeout)) s")),
                                        request: nil, keepAlive: false, started: Deadline(seconds: 0))
                            }
                            return
                        }
                    }
                }
                guard let r = request else { return }
                served += 1
                let clock = Deadline(seconds: 0)
                let response = server.handler(r)
                let keep = r.keepAlive && served < cfg.maxRequestsPerConnection && !server.isStopping
                if !respond(response, request: r, keepAlive: keep, started: clock) || !keep { return }
            }
        }

        @discardableResult
        func respond(_ response: HTTPResponse, request: HTTPRequest?, keepAlive: Bool, started: Deadline) -> Bool {
            let bytes = response.serialized(keepAlive: keepAlive, headOnly: request?.method == "HEAD")
            let ok = Connection.send(fd, bytes)
            let what = request.map(server.describe) ?? "-"
            let ms = String(format: "%.1f", started.elapsed * 1000)
            server.log("\(what) \(response.status) \(response.body.count)B \(ms)ms")
            return ok
        }

        enum ReadResult { case data, closed, timeout }

        /// Reads what is there, waiting in short slices so that shutdown and deadlines are noticed.
        func read(into buffer: inout [UInt8], until deadline: Deadline) -> ReadResult {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while true {
                let left = deadline.remaining
                if left <= 0 { return .timeout }
                let n = poll(&pfd, 1, Int32(min(left, 0.25) * 1000) + 1)
                if n < 0 && errno != EINTR { return .closed }
                if n <= 0 {
                    if buffer.isEmpty && server.isStopping { return .closed }
                    continue
                }
                var chunk = [UInt8](repeating: 0, count: 16 * 1024)
                let got = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if got < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if got <= 0 { return .closed }
                buffer.append(contentsOf: chunk[0..<got])
                return .data
            }
        }

        /// Writes everything or gives up (peer gone, or the send timeout passed).
        @discardableResult
        static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
            var sent = 0
            while sent < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                sent += n
            }
            return true
        }
    }
}

/// A point in time on the monotonic clock.
struct Deadline {
    let at: UInt64
    init(seconds: Double) { at = DispatchTime.now().uptimeNanoseconds &+ UInt64(max(0, seconds) * 1e9) }
    var remaining: Double { Double(Int64(bitPattern: at &- DispatchTime.now().uptimeNanoseconds)) / 1e9 }
    var passed: Bool { remaining <= 0 }
    /// Seconds since the deadline (for a deadline made with 0 seconds: time since it was made).
    var elapsed: Double { -remaining }
}

func errnoText() -> String { String(cString: strerror(errno)) }
