import Foundation
import ReferralCore
import Testing
@testable import ReferralServer
#if canImport(Glibc)
import Glibc
#endif

/// The real server on a free port of this computer: statuses on the wire, limits, slow clients,
/// concurrency against the CLI's answers, reload under load. Timeouts are generous: the machine
/// is shared.
@Suite("Server on a socket", .serialized)
struct LiveServerTests {
    /// `referral route CASE --at … --format json` for every shipped case, from the binary.
    static let cliAnswers: [String: [UInt8]] = {
        var out: [String: [UInt8]] = [:]
        for name in Repo.caseNames() {
            if let r = try? Binary.run(["route", "Pathways/demo/cases/" + name, "--at", Repo.at, "--format", "json"]),
                r.status == 0
            {
                out[name] = r.out
            }
        }
        return out
    }()

    @Test func everyEndpointAnswersOnTheWire() throws {
        let s = try LiveServer()
        for (method, target) in [("GET", "/"), ("GET", "/search"), ("GET", "/validate"), ("GET", "/healthz"),
                                 ("GET", "/api/context"), ("GET", "/api/services"), ("GET", "/api/validate")] {
            let r = try RawClient.once(s.port, method, target)
            #expect(r.status == 200, "\(method) \(target)")
        }
        let body = try Repo.caseBytes("gbv-adult-rape-within-72h.json")
        #expect(try RawClient.once(s.port, "POST", "/api/route?at=\(Repo.atQuery)", body: body).status == 200)
        #expect(try RawClient.once(s.port, "POST", "/api/explain?service=moh.cmr-northmark", body: body).status == 200)
        let head = try RawClient.once(s.port, "HEAD", "/healthz")
        #expect(head.status == 200 && head.body.isEmpty)
    }

    @Test func everyErrorStatusOnTheWire() throws {
        let s = try LiveServer()
        let body = try Repo.caseBytes("gbv-adult-rape-within-72h.json")
        #expect(try RawClient.once(s.port, "POST", "/api/route", body: Array("{".utf8)).status == 400)
        #expect(try RawClient.once(s.port, "GET", "/nowhere").status == 404)
        let m = try RawClient.once(s.port, "DELETE", "/api/route")
        #expect(m.status == 405 && m.headers["allow"] == "POST")
        #expect(try RawClient.once(s.port, "POST", "/api/route", body: body, contentType: "text/plain").status == 415)
        for (raw, status) in [("GARBAGE\r\n\r\n", 400), ("GET / HTTP/1.1\r\n\r\n", 400), ("GET / HTTP/3.0\r\nHost: h\r\n\r\n", 505),
                              ("POST /api/route HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n", 411)] {
            let c = try RawClient(port: s.port)
            c.send(raw)
            let r = try #require(c.response())
            #expect(r.status == status, "\(raw)")
            #expect(r.body.text.contains("\"status\" : \(status)"))
            #expect(c.closedByServer())
        }
    }

    @Test func oversizedRequestsAreRefusedBeforeTheyAreRead() throws {
        let s = try LiveServer()
        // A declared body over the limit: 413 from the header alone.
        let c = try RawClient(port: s.port)
        c.send("POST /api/route HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n")
        #expect(c.response()?.status == 413)
        // Headers that never end: 431.
        let h = try RawClient(port: s.port)
        h.send("GET / HTTP/1.1\r\nHost: h\r\nX-Filler: " + String(repeating: "x", count: 40_000))
        #expect(h.response()?.status == 431)
        // A request line without end: 414.
        let l = try RawClient(port: s.port)
        l.send("GET /" + String(repeating: "a", count: 20_000))
        #expect(l.response()?.status == 414)
        // The server still serves.
        #expect(try RawClient.once(s.port, "GET", "/healthz").status == 200)
    }

    @Test func aSlowClientGets408AndCannotHoldTheServer() throws {
        let s = try LiveServer(configure: { $0.requestTimeout = 1; $0.idleTimeout = 1 })
        let slow = try RawClient(port: s.port)
        slow.send("POST /api/route HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n{\"formatVersion\"")
        let started = Date()
        // Meanwhile others are served.
        #expect(try RawClient.once(s.port, "GET", "/healthz").status == 200)
        #expect(slow.response()?.status == 408)
        #expect(Date().timeIntervalSince(started) < 30)
        // A client that connects and sends nothing is answered 408 and closed too.
        let silent = try RawClient(port: s.port)
        #expect(silent.response()?.status == 408)
    }

    @Test func requestLogsHoldNoCaseContent() throws {
        let lines = Locked<[String]>([])
        let s = try LiveServer(log: { line in lines.mutate { $0.append(line) } })
        let body = Array(String(decoding: try Repo.caseBytes("gbv-adult-rape-within-72h.json"), as: UTF8.self)
            .replacingOccurrences(of: "DEMO-GBV-001", with: "LOGCHECK-777").utf8)
        #expect(try RawClient.once(s.port, "POST", "/api/route?at=\(Repo.atQuery)&note=LOGCHECK-778", body: body).status == 200)
        #expect(try RawClient.once(s.port, "GET", "/LOGCHECK-779").status == 404)
        #expect(try RawClient.once(s.port, "LOGCHECK780", "/healthz").status == 405)
        // A line is written once its answer is sent, by the connection's own thread: under load the
        // lines of the three requests arrive in any order, so wait for all three.
        let deadline = Date().addingTimeInterval(30)
        func logged() -> Bool { let l = lines.value.joined(separator: "\n"); return l.contains(" 200") && l.contains(" 404") && l.contains(" 405") }
        while !logged() && Date() < deadline { usleep(10_000) }
        let log = lines.value.joined(separator: "\n")
        #expect(log.contains("POST /api/route 200") && log.contains("GET (unknown path) 404"))
        #expect(!log.contains("LOGCHECK"), "\(log)")
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let s = try LiveServer()
        let c = try RawClient(port: s.port)
        for _ in 0..<5 {
            c.send(RawClient.request("GET", "/healthz"))
            #expect(c.response()?.status == 200)
        }
        // Two pipelined requests in one write.
        c.send(RawClient.request("GET", "/healthz") + RawClient.request("GET", "/nowhere"))
        #expect(c.response()?.status == 200)
        #expect(c.response()?.status == 404)
    }

    @Test func tooManyConnectionsGet503() throws {
        let s = try LiveServer(configure: { $0.maxConnections = 2 })
        let a = try RawClient(port: s.port), b = try RawClient(port: s.port)
        a.send(RawClient.request("GET", "/healthz"))
        b.send(RawClient.request("GET", "/healthz"))
        #expect(a.response()?.status == 200 && b.response()?.status == 200)
        let c = try RawClient(port: s.port)
        let r = c.response()
        #expect(r?.status == 503 && r?.headers["retry-after"] == "1")
    }

    @Test func eightClientsTimesTwoHundredRoutesAllAnswerLikeTheCLI() throws {
        let answers = LiveServerTests.cliAnswers
        #expect(answers.count == Repo.caseNames().count && answers.count >= 20)
        let s = try LiveServer()
        let names = answers.keys.sorted()
        let bodies = try names.map { try Repo.caseBytes($0) }
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { client in
            guard let c = try? RawClient(port: s.port) else { return failures.mutate { $0.append("client \(client): no connection") } }
            for i in 0..<200 {
                let k = (client * 7 + i) % names.count
                c.send(RawClient.request("POST", "/api/route?at=\(Repo.atQuery)", body: bodies[k]))
                guard let r = c.response() else { return failures.mutate { $0.append("client \(client) request \(i): no answer") } }
                if r.status != 200 || r.body != answers[names[k]] {
                    failures.mutate { $0.append("client \(client) request \(i) \(names[k]): status \(r.status), differs from the CLI") }
                }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value.prefix(5))")
    }

    @Test func reloadUnderLoadFailsNoRequest() throws {
        let root = try Repo.copyOfPathways()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let s = try LiveServer(root: root)
        let body = try Repo.caseBytes("gbv-adult-rape-within-72h.json")
        let services = root + "/demo/services.json"
        let good = try Data(contentsOf: URL(fileURLWithPath: services))
        let failures = Locked<[String]>([])
        let group = DispatchGroup()
        for client in 0..<4 {
            DispatchQueue.global().async(group: group) {
                guard let c = try? RawClient(port: s.port) else { return failures.mutate { $0.append("no connection") } }
                for i in 0..<60 {
                    c.send(RawClient.request("POST", "/api/route?at=\(Repo.atQuery)", body: body))
                    let r = c.response()
                    if r?.status != 200 { failures.mutate { $0.append("client \(client) request \(i): \(r?.status ?? 0)") } }
                }
            }
        }
        var statuses: [Int] = []
        for i in 0..<6 {
            // Alternate a broken edit and the good file; reload after each.
            let broken = i % 2 == 0
            try (broken ? Data("{ \"formatVersion\": 1, \"services\": [".utf8) : good).write(to: URL(fileURLWithPath: services))
            statuses.append(try RawClient.once(s.port, "POST", "/api/reload").status)
        }
        group.wait()
        #expect(failures.value.isEmpty, "\(failures.value.prefix(5))")
        #expect(statuses == [422, 200, 422, 200, 422, 200])
    }
}

/// A value shared by test threads.
final class Locked<T>: @unchecked Sendable {
    private var v: T
    private let lock = NSLock()
    init(_ v: T) { self.v = v }
    var value: T { lock.withLock { v } }
    func mutate(_ f: (inout T) -> Void) { lock.withLock { f(&v) } }
}
