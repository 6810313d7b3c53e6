import Testing
@testable import ReferralServer

@Suite("HTTP request parser")
struct HTTPParserTests {
    func parse(_ s: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParser.Result { HTTPParser.parse(Array(s.utf8), limits: limits) }

    func status(_ s: String, limits: HTTPLimits = HTTPLimits()) -> Int? {
        if case .failure(let e) = parse(s, limits: limits) { return e.status }
        return nil
    }

    @Test func aGetWithAQuery() throws {
        let input = "GET /api/services?area=XV0101&openNow=1&x=a%20b+c HTTP/1.1\r\nHost: h\r\nX-A:  v \r\n\r\n"
        guard case .complete(let r, let n) = parse(input) else { Issue.record("not parsed"); return }
        #expect(r.method == "GET" && r.path == "/api/services" && r.version == "HTTP/1.1")
        #expect(r.query("area") == "XV0101" && r.query("openNow") == "1" && r.query("x") == "a b c")
        #expect(r.header("x-a") == "v" && r.header("HOST") == "h")
        #expect(n == input.utf8.count)
        #expect(r.keepAlive)
    }

    @Test func aPostWithABodyAndTheNextRequestBehindIt() throws {
        let two = "POST /api/route HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Type: application/json\r\n\r\n{\"a\"}GET / HTTP/1.1\r\nHost: h\r\n\r\n"
        guard case .complete(let r, let n) = parse(two) else { Issue.record("not parsed"); return }
        #expect(r.body == Array("{\"a\"}".utf8))
        #expect(r.mediaType == "application/json")
        guard case .complete(let next, _) = HTTPParser.parse(Array(Array(two.utf8)[n...])) else { Issue.record("second not parsed"); return }
        #expect(next.method == "GET" && next.path == "/")
    }

    @Test func incompleteUntilTheWholeBodyArrives() {
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\n") == .incomplete)
        #expect(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n12345") == .incomplete)
        #expect(parse("") == .incomplete)
        #expect(parse("\r\n\r\n") == .incomplete)
    }

    @Test func bareLineFeedsAndLeadingEmptyLinesAreAccepted() {
        guard case .complete(let r, _) = parse("\r\nGET /healthz HTTP/1.0\n\n") else { Issue.record("not parsed"); return }
        #expect(r.path == "/healthz" && !r.keepAlive)
    }

    @Test func connectionClose() {
        guard case .complete(let r, _) = parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n") else { return }
        #expect(!r.keepAlive)
    }

    @Test func absoluteFormTargets() {
        guard case .complete(let r, _) = parse("GET http://127.0.0.1:8080/search?area=XV01 HTTP/1.1\r\nHost: h\r\n\r\n") else {
            Issue.record("not parsed")
            return
        }
        #expect(r.path == "/search" && r.query("area") == "XV01")
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\n\r\n", 400),  // no Host
        ("GET /\r\nHost: h\r\n\r\n", 400),  // no version
        ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400),  // two spaces
        ("G(T / HTTP/1.1\r\nHost: h\r\n\r\n", 400),  // not a token
        ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505),
        ("GET / FTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost h\r\n\r\n", 400),  // no colon
        ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400),  // space before colon
        ("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{1}b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nHost: i\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n", 411),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n", 413),
        ("GET /a%zz HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET /a%00 HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET noslash HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET /?a=%ff HTTP/1.1\r\nHost: h\r\n\r\n", 400),
    ])
    func refusedWithTheRightStatus(_ input: String, _ expected: Int) {
        #expect(status(input) == expected)
    }

    @Test func limitsOnTheRequestLineAndTheHeaders() {
        var limits = HTTPLimits()
        limits.maxRequestLine = 100
        limits.maxHeaderBytes = 300
        limits.maxHeaderCount = 5
        // A request line longer than the limit, even before its end arrives.
        #expect(status("GET /" + String(repeating: "a", count: 200), limits: limits) == 414)
        #expect(status("GET /" + String(repeating: "a", count: 200) + " HTTP/1.1\r\nHost: h\r\n\r\n", limits: limits) == 414)
        // Headers that never end.
        #expect(status("GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "b", count: 400), limits: limits) == 431)
        let many = (0..<6).map { "X\($0): y\r\n" }.joined()
        #expect(status("GET / HTTP/1.1\r\nHost: h\r\n" + many + "\r\n", limits: limits) == 431)
        // Just under the limits is fine.
        #expect(status("GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "b", count: 200) + "\r\n\r\n", limits: limits) == nil)
    }

    @Test func formBodies() {
        let f = HTTPParser.formFields(Array("case=%7B%22a%22%3A1%7D&service=moh.x&at=2026-11-28T14%3A00%3A00%2B02%3A00".utf8))
        #expect(f?.first { $0.name == "case" }?.value == "{\"a\":1}")
        #expect(f?.first { $0.name == "at" }?.value == "2026-11-28T14:00:00+02:00")
        #expect(HTTPParser.formFields(Array("a=%g1".utf8)) == nil)
    }

    @Test func noInputCrashesIt() {
        // Every prefix and a few mutations of a real request: parse never traps.
        let base = Array("POST /api/route?at=2026-11-28T14%3A00 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n{}\n".utf8)
        var rng = SystemRandomNumberGenerator()
        for n in 0...base.count { _ = HTTPParser.parse(Array(base[0..<n])) }
        for _ in 0..<2000 {
            var b = base
            for _ in 0..<3 { b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            _ = HTTPParser.parse(b)
        }
    }
}
