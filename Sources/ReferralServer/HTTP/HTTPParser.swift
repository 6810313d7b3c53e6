/// The HTTP/1.1 request parser: a pure function from the bytes received so far to a request, a
/// need for more bytes, or a typed error. No I/O, no state between calls, no crash on any input
/// (it is fuzzed: `FUZZ_MODE=http referral-fuzz`).
///
/// What it accepts (RFC 9112, the parts a local tool needs): `METHOD SP target SP HTTP/1.x`, header
/// fields `name: value`, a body framed by `Content-Length`. Lines end in CRLF (a bare LF is
/// accepted). It refuses, with the status a client can act on: a malformed line or header (400),
/// a missing `Host` in HTTP/1.1 (400), obsolete line folding (400), conflicting lengths (400),
/// `Transfer-Encoding` (411: send a length), a long request line (414), too many or too large
/// headers (431), a body over the limit (413, decided from the header before any of it is read),
/// and another HTTP version (505).
public enum HTTPParser {
    public enum Result: Sendable, Equatable {
        /// A whole request, and how many bytes of the input it used (the rest belongs to the next).
        case complete(HTTPRequest, consumed: Int)
        /// More bytes are needed.
        case incomplete
        case failure(HTTPError)
    }

    public static func parse(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) -> Result {
        // Empty lines before a request line are ignored (RFC 9112 2.2).
        var start = 0
        while start < bytes.count, bytes[start] == 0x0D || bytes[start] == 0x0A { start += 1 }
        if start == bytes.count { return .incomplete }

        guard let headEnd = endOfHead(bytes, from: start, limit: limits.maxHeaderBytes) else {
            if let lf = bytes[start...].firstIndex(of: 0x0A), lf - start <= limits.maxRequestLine {
                if bytes.count - start > limits.maxHeaderBytes { return .failure(headerTooLarge(limits)) }
            } else if bytes.count - start > limits.maxRequestLine {
                return .failure(HTTPError(414, "uri-too-long", "the request line is longer than \(limits.maxRequestLine) bytes"))
            }
            return .incomplete
        }
        var lines = splitLines(bytes, start, headEnd.linesEnd)
        guard !lines.isEmpty else { return .failure(HTTPError(400, "bad-request-line", "the request has no request line")) }
        let requestLine = lines.removeFirst()
        if requestLine.count > limits.maxRequestLine {
            return .failure(HTTPError(414, "uri-too-long", "the request line is longer than \(limits.maxRequestLine) bytes"))
        }
        let head: (method: String, target: String, version: String)
        switch parseRequestLine(requestLine) {
        case .success(let h): head = h
        case .failure(let e): return .failure(e)
        }
        if lines.count > limits.maxHeaderCount { return .failure(headerTooLarge(limits)) }
        var headers: [HTTPRequest.Header] = []
        for line in lines {
            switch parseHeader(line) {
            case .success(let h): headers.append(h)
            case .failure(let e): return .failure(e)
            }
        }
        func values(_ name: String) -> [String] { headers.filter { $0.name == name }.map(\.value) }

        if head.version == "HTTP/1.1" && values("host").isEmpty {
            return .failure(HTTPError(400, "missing-host", "an HTTP/1.1 request must carry a Host header"))
        }
        if values("host").count > 1 { return .failure(HTTPError(400, "bad-header", "more than one Host header")) }
        if !values("transfer-encoding").isEmpty {
            return .failure(HTTPError(411, "length-required", "this server reads bodies framed by Content-Length only",
                                      help: "send the body with a Content-Length header instead of Transfer-Encoding"))
        }
        var length = 0
        let lengths = values("content-length").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingBlanks() }
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }) else {
                return .failure(HTTPError(400, "bad-content-length", "the Content-Length headers disagree"))
            }
            guard !first.isEmpty, first.count <= 18, first.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let n = Int(first)
            else {
                return .failure(HTTPError(400, "bad-content-length", "Content-Length is not a number of bytes"))
            }
            length = n
        }
        if length > limits.maxBodyBytes {
            return .failure(HTTPError(413, "body-too-large", "the body is larger than \(limits.maxBodyBytes) bytes",
                                      help: "a case document is a few kilobytes; send one case per request"))
        }
        guard let split = splitTarget(head.target) else {
            return .failure(HTTPError(400, "bad-target", "the request target is not a path (/…) with a valid query",
                                      help: "percent-encode reserved characters"))
        }
        let bodyStart = headEnd.bodyStart
        guard bytes.count - bodyStart >= length else { return .incomplete }
        let request = HTTPRequest(
            method: head.method, target: head.target, path: split.path, query: split.query, version: head.version,
            headers: headers, body: Array(bytes[bodyStart..<(bodyStart + length)]))
        return .complete(request, consumed: bodyStart + length)
    }

    static func headerTooLarge(_ limits: HTTPLimits) -> HTTPError {
        HTTPError(431, "header-too-large",
                  "the request headers are larger than \(limits.maxHeaderBytes) bytes or more than \(limits.maxHeaderCount) fields")
    }

    /// The end of the head: where its lines end and the body starts. Looks at most `limit` bytes
    /// past `from`.
    static func endOfHead(_ b: [UInt8], from: Int, limit: Int) -> (linesEnd: Int, bodyStart: Int)? {
        var i = from
        let end = min(b.count, from + limit + 4)
        while i < end {
            if b[i] == 0x0A {
                // LF LF or LF CR LF ends the head.
                if i + 1 < b.count, b[i + 1] == 0x0A { return (i, i + 2) }
                if i + 2 < b.count, b[i + 1] == 0x0D, b[i + 2] == 0x0A { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }

    /// Lines of `b[from..<to]`, each without its CR LF (or LF).
    static func splitLines(_ b: [UInt8], _ from: Int, _ to: Int) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var lineStart = from
        var i = from
        while i <= to {
            if i == to || b[i] == 0x0A {
                var e = i
                if e > lineStart, b[e - 1] == 0x0D { e -= 1 }
                if i < to || e > lineStart { out.append(b[lineStart..<e]) }
                lineStart = i + 1
            }
            i += 1
        }
        return out
    }

    static func isTokenByte(_ c: UInt8) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }

    static func parseRequestLine(_ line: ArraySlice<UInt8>) -> Swift.Result<(method: String, target: String, version: String), HTTPError> {
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        let bad = HTTPError(400, "bad-request-line", "the request line is not 'METHOD /path HTTP/1.1'")
        guard parts.count == 3, !parts[0].isEmpty, parts[0].count <= 32, parts[0].allSatisfy(isTokenByte),
            !parts[1].isEmpty, parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { return .failure(bad) }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/") else { return .failure(bad) }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(HTTPError(505, "version-not-supported", "this server speaks HTTP/1.1 (and 1.0)"))
        }
        return .success((String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self), version))
    }

    static func parseHeader(_ line: ArraySlice<UInt8>) -> Swift.Result<HTTPRequest.Header, HTTPError> {
        if let f = line.first, f == 0x20 || f == 0x09 {
            return .failure(HTTPError(400, "bad-header", "obsolete header line folding is not accepted"))
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
            line[line.startIndex..<colon].allSatisfy(isTokenByte)
        else { return .failure(HTTPError(400, "bad-header", "a header line is not 'Name: value'")) }
        let value = line[(colon + 1)...]
        // Field values: visible characters, spaces, tabs and obs-text; no other control bytes.
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            return .failure(HTTPError(400, "bad-header", "a header value holds a control character"))
        }
        let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
        return .success(HTTPRequest.Header(name, String(decoding: value, as: UTF8.self).trimmingBlanks()))
    }

    /// Splits an origin-form (`/path?query`) or absolute-form (`http://host/path`) target into its
    /// decoded path and query items; nil when it is neither or its percent-encoding is broken.
    static func splitTarget(_ target: String) -> (path: String, query: [HTTPRequest.QueryItem])? {
        var t = Substring(target)
        if t == "*" { return ("*", []) }
        for scheme in ["http://", "https://"] where t.lowercased().hasPrefix(scheme) {
            t = t.dropFirst(scheme.count)
            guard let slash = t.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return ("/", []) }
            t = t[slash...]
            if t.first == "?" { t = "/" + t }
        }
        guard t.first == "/" else { return nil }
        if let hash = t.firstIndex(of: "#") { t = t[..<hash] }
        let pieces = t.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = percentDecode(pieces[0], plusIsSpace: false), !path.contains("\0") else { return nil }
        var query: [HTTPRequest.QueryItem] = []
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: "&", omittingEmptySubsequences: true) {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let k = percentDecode(kv[0], plusIsSpace: true),
                    let v = percentDecode(kv.count == 2 ? kv[1] : "", plusIsSpace: true)
                else { return nil }
                query.append(.init(name: k, value: v))
            }
        }
        return (path, query)
    }

    /// Decodes `%XX` escapes (and `+` as a space in queries and forms); nil for a broken escape or
    /// bytes that are not UTF-8.
    public static func percentDecode(_ s: Substring, plusIsSpace: Bool) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x41...0x46: c - 0x41 + 10
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        while let c = it.next() {
            if c == UInt8(ascii: "%") {
                guard let a = it.next(), let b = it.next(), let h = hex(a), let l = hex(b) else { return nil }
                out.append(h << 4 | l)
            } else if c == UInt8(ascii: "+") && plusIsSpace {
                out.append(0x20)
            } else {
                out.append(c)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// `application/x-www-form-urlencoded` pairs (an HTML form's POST body).
    public static func formFields(_ body: [UInt8]) -> [HTTPRequest.QueryItem]? {
        guard let text = String(validating: body, as: UTF8.self) else { return nil }
        var out: [HTTPRequest.QueryItem] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let k = percentDecode(kv[0], plusIsSpace: true), let v = percentDecode(kv.count == 2 ? kv[1] : "", plusIsSpace: true)
            else { return nil }
            out.append(.init(name: k, value: v))
        }
        return out
    }
}
