import Foundation
import ReferralCore
import Testing
@testable import ReferralServer
#if canImport(Glibc)
import Glibc
#endif

/// `referral serve` as a process: it starts, answers like the CLI, stops cleanly on SIGTERM, and
/// its audit log survives kill -9.
@Suite("referral serve as a process", .serialized)
struct ProcessTests {
    /// A running `referral serve --port 0`; its port is read from what it prints.
    final class Served: @unchecked Sendable {
        let process = Process()
        let port: Int
        let errors = Pipe()

        init(_ extra: [String]) throws {
            process.executableURL = URL(fileURLWithPath: try #require(Binary.path, "the referral binary was not built"))
            process.arguments = ["serve", "--port", "0", "--watch", "0"] + extra
            process.currentDirectoryURL = Repo.root
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var seen = ""
            var port: Int?
            let deadline = Date().addingTimeInterval(60)
            while port == nil && Date() < deadline && process.isRunning {
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
                if let r = seen.range(of: "at http://127.0.0.1:") {
                    port = Int(seen[r.upperBound...].prefix { $0.isNumber })
                }
            }
            if port == nil, process.isRunning { kill(process.processIdentifier, SIGKILL) }
            self.port = try #require(port, "the server did not say where it listens: \(seen)")
        }

        /// Sends `sig` and waits for the exit (at most 60 s); gives the exit status.
        func stop(_ sig: Int32) -> Int32? {
            kill(process.processIdentifier, sig)
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            return process.isRunning ? nil : process.terminationStatus
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    @Test func sigtermStopsItCleanlyAfterTheRequestUnderWay() throws {
        let s = try Served([])
        let c = try RawClient(port: s.port)
        c.send(RawClient.request("GET", "/healthz"))
        #expect(c.response()?.status == 200)
        let status = s.stop(SIGTERM)
        #expect(status == 0)
        // Never wait on its output while it runs.
        if status == nil { _ = s.stop(SIGKILL) }
        let rest = String(decoding: s.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("referral: stopped"))
        // Nothing listens any more.
        #expect((try? RawClient(port: s.port)) == nil)
    }

    @Test func theAPIRefusesACaseWithTheCLIsWords() throws {
        let s = try Served([])
        defer { _ = s.stop(SIGTERM) }
        let bad = Array(#"{"formatVersion":1,"caseCode":"X-001","age":200,"sex":"female","area":"XV0109"}"#.utf8)
        let api = try RawClient.once(s.port, "POST", "/api/route", body: bad)
        let cli = try Binary.run(["route", "-", "--at", Repo.at, "--format", "json"], stdin: bad)
        #expect(api.status == 400 && cli.status == 3)
        struct E: Decodable {
            struct I: Decodable { var message: String; var diagnostics: [Diagnostic] }
            var error: I
        }
        let e = try JSONDecoder().decode(E.self, from: Data(api.body))
        #expect(cli.err.contains(e.error.message.replacingOccurrences(of: "<request>", with: "<stdin>")))
        #expect(!e.error.diagnostics.isEmpty)
        for d in e.error.diagnostics {
            var same = d
            same.place.file = "<stdin>"
            #expect(cli.err.contains(same.rendered), "\(same.rendered)")
        }
    }

    @Test func theAuditLogSurvivesKillDashNine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("referral-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("audit.jsonl").path
        let s = try Served(["--audit", log])
        let template = String(decoding: try Repo.caseBytes("gbv-adult-rape-within-72h.json"), as: UTF8.self)
        let completed = Locked<[String]>([])
        let stop = Locked(false)
        let group = DispatchGroup()
        for client in 0..<4 {
            DispatchQueue.global().async(group: group) {
                guard let c = try? RawClient(port: s.port) else { return }
                var i = 0
                while !stop.value {
                    let code = "KILL-\(client)-\(i)"
                    i += 1
                    c.send(RawClient.request("POST", "/api/route", body: Array(template.replacingOccurrences(of: "DEMO-GBV-001", with: code).utf8)))
                    guard let r = c.response(), r.status == 200 else { return }
                    completed.mutate { $0.append(code) }
                }
            }
        }
        // Let answers flow, then kill mid-run.
        let deadline = Date().addingTimeInterval(60)
        while completed.value.count < 40 && Date() < deadline { usleep(20_000) }
        _ = s.stop(SIGKILL)
        stop.mutate { $0 = true }
        group.wait()
        let answered = completed.value
        #expect(answered.count >= 40)

        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: log)))
        let text = String(decoding: bytes, as: UTF8.self)
        // No torn line: every line is whole JSON ending in a newline.
        #expect(bytes.last == 0x0A)
        var codes = Set<String>()
        for line in text.split(separator: "\n") {
            let record = try JSONDecoder().decode(AuditRecord.self, from: Data(line.utf8))
            if let c = record.caseCode { codes.insert(c) }
        }
        // Every answer given has its line.
        #expect(answered.allSatisfy(codes.contains), "\(answered.filter { !codes.contains($0) }.prefix(5))")
        let summary = AuditSummary(log: bytes)
        #expect(summary.unreadableLines == 0 && summary.decisions == codes.count)
    }

    @Test func routeAuditAndTheSummary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("referral-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("audit.jsonl").path
        for name in ["gbv-rape-survivor-fenwick-gap.json", "gbv-adult-rape-within-72h.json", "gbv-hotline-no-consent.json"] {
            let r = try Binary.run(["route", "Pathways/demo/cases/" + name, "--at", Repo.at, "--audit", log])
            #expect(r.status == 0)
        }
        // A line cut short by a crash, then one more decision.
        let h = try #require(FileHandle(forWritingAtPath: log))
        h.seekToEndOfFile()
        h.write(Data("{\"v\":1,\"kind\":\"rou".utf8))
        try h.close()
        #expect(try Binary.run(["route", "Pathways/demo/cases/gbv-remote-only.json", "--at", Repo.at, "--audit", log]).status == 0)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: log)))
        let text = bytes.text
        // Never a value of the case: no packet value, no reason text.
        #expect(!text.contains("hoursSinceIncident") && !text.contains("\"value\"") && !text.contains("reason"))
        let s = AuditSummary(log: bytes)
        #expect(s.decisions == 4 && s.unreadableLines == 1)
        #expect(s.gaps.contains { $0.pathway == "gbv" && $0.step == "clinical-care" && $0.area == "XV0203" && $0.cause == "no-service" })
        #expect(s.referralsByService.contains { $0.service == "moh.cmr-northmark" && $0.referred == 1 })
        #expect(s.notReferredByRule.contains { $0.rule == "consent.referral" && $0.informed > 0 })
        let cli = try Binary.run(["audit", log])
        #expect(cli.status == 0)
        #expect(cli.out.text.contains("gbv / clinical-care  XV0203  no-service"))
        #expect(try Binary.run(["audit", log, "--since", "2000-01-01", "--until", "2000-01-31", "--format", "json"]).out.text
            .contains("\"decisions\" : 0"))
    }
}
