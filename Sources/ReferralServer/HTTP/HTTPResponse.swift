import Foundation
import ReferralCore

/// One HTTP response: a status, headers and the whole body (answers are small and built before
/// anything is sent, so a failing handler never leaves a half-written answer).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [HTTPRequest.Header]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPRequest.Header] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.name.lowercased() == n }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    // MARK: common answers

    public static func json(_ data: Data, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [.init("Content-Type", "application/json; charset=utf-8")], body: [UInt8](data))
    }

    public static func json<T: Encodable>(_ value: T, status: Int = 200) -> HTTPResponse {
        json(canonicalJSON(value), status: status)
    }

    public static func html(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [.init("Content-Type", "text/html; charset=utf-8")], body: Array(text.utf8))
    }

    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [.init("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// `303 See Other` to `location` (after a form's POST).
    public static func redirect(_ location: String) -> HTTPResponse {
        HTTPResponse(status: 303, headers: [.init("Location", location)])
    }

    /// The JSON error every endpoint answers with: `{"error": {status, code, message, help?, diagnostics?}}`.
    public static func error(_ e: HTTPError, diagnostics: [Diagnostic] = [], extraHeaders: [HTTPRequest.Header] = [])
        -> HTTPResponse
    {
        var r = json(ErrorBody(error: .init(status: e.status, code: e.code, message: e.message, help: e.help,
                                            diagnostics: diagnostics.isEmpty ? nil : diagnostics)), status: e.status)
        r.headers += extraHeaders
        return r
    }

    struct ErrorBody: Encodable {
        struct Inner: Encodable {
            var status: Int
            var code: String
            var message: String
            var help: String?
            var diagnostics: [Diagnostic]?
        }
        var error: Inner
    }

    // MARK: the wire

    public static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 303: "See Other"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }

    /// The bytes on the wire. `Content-Length`, `Connection`, `Date`-free (answers stay
    /// byte-comparable) and the security headers every page carries are added here.
    public func serialized(keepAlive: Bool, headOnly: Bool = false) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(HTTPResponse.reason(status))\r\n"
        var names = Set<String>()
        for h in headers {
            names.insert(h.name.lowercased())
            head += "\(h.name): \(h.value)\r\n"
        }
        head += "Content-Length: \(body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        if !names.contains("cache-control") { head += "Cache-Control: no-store\r\n" }
        // Nothing is ever loaded from elsewhere; pages cannot be framed; types are not guessed.
        head += "X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n"
        head += "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
            + "connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n"
        head += "\r\n"
        var out = Array(head.utf8)
        if !headOnly { out += body }
        return out
    }
}
