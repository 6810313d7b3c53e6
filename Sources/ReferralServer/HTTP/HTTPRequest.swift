/// One HTTP/1.1 request, as the parser read it. Header names are lower-cased; the path is
/// percent-decoded; the query is split into name/value pairs in their order.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request target exactly as sent (`/api/route?at=…`).
    public var target: String
    public var path: String
    public var query: [QueryItem]
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    public var headers: [Header]
    public var body: [UInt8]

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// A request built by hand (tests, handlers called without a socket).
    public init(method: String, target: String, headers: [Header] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        let split = HTTPParser.splitTarget(target)
        path = split?.path ?? target
        query = split?.query ?? []
        version = "HTTP/1.1"
        self.headers = headers
        self.body = body
    }

    init(method: String, target: String, path: String, query: [QueryItem], version: String, headers: [Header],
         body: [UInt8])
    {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.name == n }?.value
    }

    /// The first value of query parameter `name`.
    public func query(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// Every value of query parameter `name`, in order.
    public func queryAll(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }

    /// The media type of the body without parameters (`application/json`), lower-cased.
    public var mediaType: String? {
        guard let v = header("content-type") else { return nil }
        let t = v.split(separator: ";", maxSplits: 1).first.map(String.init) ?? v
        return t.trimmingBlanks().lowercased()
    }

    /// Whether the client wants the connection kept open after this request.
    public var keepAlive: Bool {
        let tokens = (header("connection") ?? "").lowercased().split(separator: ",").map { $0.trimmingBlanks() }
        if version == "HTTP/1.0" { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }
}

/// Why a request cannot be served, as an HTTP status and a stable code.
public struct HTTPError: Error, Sendable, Equatable {
    public var status: Int
    /// A stable id (`header-too-large`, `bad-request-line`…); clients match on it.
    public var code: String
    public var message: String
    public var help: String?

    public init(_ status: Int, _ code: String, _ message: String, help: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.help = help
    }
}

/// Limits the parser and the connection loop enforce on every request.
public struct HTTPLimits: Sendable {
    /// Request line and headers together.
    public var maxHeaderBytes: Int = 16 * 1024
    public var maxHeaderCount: Int = 100
    /// The longest request line (method, target, version).
    public var maxRequestLine: Int = 8 * 1024
    /// The largest body (a case document is a few kilobytes).
    public var maxBodyBytes: Int = 1024 * 1024
    public init() {}
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
