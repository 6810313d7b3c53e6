import Foundation
import ReferralCore
import Testing
@testable import ReferralServer

/// The endpoints as functions from request to response, without a socket.
@Suite("Server endpoints (no socket)")
struct AppTests {
    static let app: ReferralApp = {
        let holder = try! DirectoryHolder(root: Repo.pathways, now: Date())
        return ReferralApp(holder: holder)
    }()

    func call(_ method: String, _ target: String, body: [UInt8] = [], type: String? = "application/json") -> HTTPResponse {
        var headers: [HTTPRequest.Header] = [.init("host", "test")]
        if let type { headers.append(.init("content-type", type)) }
        return AppTests.app.handle(HTTPRequest(method: method, target: target, headers: headers, body: body))
    }

    func errorCode(_ r: HTTPResponse) -> String? {
        struct E: Decodable {
            struct I: Decodable { var code: String; var status: Int }
            var error: I
        }
        return (try? JSONDecoder().decode(E.self, from: Data(r.body)))?.error.code
    }

    @Test func healthSaysWhatIsInService() throws {
        let r = call("GET", "/healthz")
        #expect(r.status == 200)
        let j = try #require(try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
        let s = try #require(j["inService"] as? [String: Any])
        #expect(s["context"] as? String == "demo-valmera")
        #expect((s["services"] as? Int ?? 0) > 40)
    }

    @Test func unknownPathsAndMethods() {
        #expect(call("GET", "/nothing").status == 404)
        #expect(errorCode(call("GET", "/nothing")) == "not-found")
        let r = call("PUT", "/api/route")
        #expect(r.status == 405)
        #expect(r.header("Allow") == "POST")
        #expect(call("POST", "/healthz").header("Allow") == "GET, HEAD")
        #expect(call("HEAD", "/healthz").status == 200)
    }

    @Test func routeNeedsJSON() throws {
        let body = try Repo.caseBytes("gbv-adult-rape-within-72h.json")
        #expect(call("POST", "/api/route", body: body, type: nil).status == 415)
        #expect(call("POST", "/api/route", body: body, type: "text/plain").status == 415)
        #expect(call("POST", "/api/route?at=\(Repo.atQuery)", body: body, type: "application/json; charset=utf-8").status == 200)
    }

    @Test func routeGivesTheEnginesCanonicalJSON() throws {
        let body = try Repo.caseBytes("gbv-adult-rape-within-72h.json")
        let r = call("POST", "/api/route?at=\(Repo.atQuery)", body: body)
        let d = AppTests.app.holder.current.directory
        let t = try #require(RoutingTime.parse(Repo.at, utcOffsetMinutes: d.context.utcOffsetMinutes))
        let plan = try CaseRouting.route(bytes: body, name: "x", directory: d, at: t).get()
        #expect(r.body == [UInt8](canonicalJSON(plan)))
        let brief = call("POST", "/api/route?at=\(Repo.atQuery)&brief=1", body: body)
        #expect(brief.body == [UInt8](canonicalJSON(BriefPlan(plan))))
        #expect(call("POST", "/api/route?brief=maybe", body: body).status == 400)
        #expect(errorCode(call("POST", "/api/route?at=yesterday", body: body)) == "bad-time")
    }

    @Test func aCaseWithANameIsRefusedWithoutEchoingIt() {
        let body = Array(#"{"formatVersion":1,"caseCode":"X-001","fullName":"Zarkovia Quellan","age":20}"#.utf8)
        let r = call("POST", "/api/route", body: body)
        #expect(r.status == 400)
        #expect(errorCode(r) == "case-refused")
        #expect(r.bodyText.contains("case.identifying-data"))
        #expect(!r.bodyText.contains("Zarkovia"))
        #expect(!r.bodyText.contains("Quellan"))
    }

    @Test func noAnswerWithoutItsAuditLine() throws {
        // /dev/full refuses every write: the decision must not be given.
        let app = ReferralApp(holder: AppTests.app.holder, audit: try AuditLog(path: "/dev/full"))
        let body = try Repo.caseBytes("gbv-adult-rape-within-72h.json")
        let r = app.handle(HTTPRequest(method: "POST", target: "/api/route", headers: [.init("content-type", "application/json")], body: body))
        #expect(r.status == 500 && errorCode(r) == "audit-log-failed")
        #expect(!r.bodyText.contains("moh.cmr-northmark"))
    }

    @Test func explainOneService() throws {
        let body = try Repo.caseBytes("gbv-adult-rape-within-72h.json")
        let r = call("POST", "/api/explain?service=moh.cmr-northmark&at=\(Repo.atQuery)", body: body)
        #expect(r.status == 200)
        #expect(r.bodyText.contains("\"service\" : \"moh.cmr-northmark\""))
        let unknown = call("POST", "/api/explain?service=moh.cmr-northmrk", body: body)
        #expect(unknown.status == 404)
        #expect(unknown.bodyText.contains("did you mean 'moh.cmr-northmark'?"))
        #expect(call("POST", "/api/explain", body: body).status == 400)
    }

    @Test func searchByCategoryAreaAndNeighbours() throws {
        struct A: Decodable {
            struct H: Decodable { var service: String; var proximity: String; var address: String?; var addressConfidential: Bool }
            var neighbouring: Bool
            var results: [H]
        }
        let r = call("GET", "/api/services?category=health.cmr&area=XV0101&at=\(Repo.atQuery)")
        #expect(r.status == 200)
        let a = try JSONDecoder().decode(A.self, from: Data(r.body))
        #expect(!a.neighbouring && a.results.contains { $0.service == "moh.cmr-northmark" })
        // Fenwick (XV0203) has no clinical care after rape: neighbours are offered, marked.
        let f = try JSONDecoder().decode(A.self, from: Data(call("GET", "/api/services?category=health.cmr&area=XV0203").body))
        #expect(f.neighbouring)
        #expect(!f.results.isEmpty && f.results.allSatisfy { $0.proximity == "neighbouring-area" })
        // Confidential addresses never appear.
        let shelters = try JSONDecoder().decode(A.self, from: Data(call("GET", "/api/services?category=shelter.safe").body))
        #expect(shelters.results.contains { $0.addressConfidential })
        #expect(shelters.results.allSatisfy { !$0.addressConfidential || $0.address == nil })
        let bad = call("GET", "/api/services?category=helth.cmr")
        #expect(bad.status == 400 && bad.bodyText.contains("did you mean 'health.cmr'?"))
    }

    @Test func contextVocabulariesForTheForm() throws {
        let r = call("GET", "/api/context")
        let v = try JSONDecoder().decode(ContextVocabulary.self, from: Data(r.body))
        #expect(v.areas.contains { $0.pcode == "XV0203" && $0.name == "Fenwick" && $0.parent == "XV02" })
        #expect(v.pathways.first { $0.id == "gbv" }?.facts.contains("hoursSinceIncident") == true)
        #expect(v.pathways.first { $0.id == "mhpss" }?.facts.contains("suicidePlan") == true)
        #expect(v.caseFields.contains("gbv.incidentType") && v.caseFields.contains("risk.nature"))
        #expect(v.consent.byAge.count == 5)
        #expect(v.sexes.contains("other"))
        #expect(v.safetyRisk == SafetyRisk.allCases.map(\.rawValue))
        #expect(v.bestInterestsDetermination == ["none", "pending", "done"])
        #expect(v.organisations.contains { $0.id == "org.rwn" })   // what excludeOrganisations is chosen from
    }

    /// Every concern fact a shipped pathway's conditions read is asked by the form: none is lost
    /// to the page's ordering list (issue 8 added suicidalThoughts, injuries, safetyRisk).
    @Test func theFormAsksEveryFactThePathwaysRead() throws {
        // The shipped pathways, and the engine's fixture of issue 8 (whose conditions read every new fact).
        let edges = Repo.root.appendingPathComponent("Tests/ReferralCoreTests/Fixtures/edges").path
        let fixture = try #require(DirectoryLoader().load(folder: edges).directory)
        let read = fixture.pathways.map(ContextVocabulary.readFacts).reduce(Set(), { $0.union($1) })
        #expect(read.isSuperset(of: ["suicidalThoughts", "injuries", "safetyRisk"]))
        for p in AppTests.app.holder.current.directory.pathways + fixture.pathways {
            let used = ContextVocabulary.readFacts(of: p)
            #expect(Set(ContextVocabulary.facts(of: p)) == used, "\(p.id): \(used.subtracting(ContextVocabulary.factOrder))")
        }
        // The ordering list names each fact the case format has once.
        #expect(Set(ContextVocabulary.factOrder).count == ContextVocabulary.factOrder.count)
    }

    @Test func validateIsTheCoordinatorsReport() throws {
        let r = call("GET", "/api/validate?at=\(Repo.atQuery)")
        #expect(r.status == 200)
        let report = try JSONDecoder().decode(ValidationReport.self, from: Data(r.body))
        #expect(report.context?.id == "demo-valmera")
        #expect(report.summary.errors == 0)
    }
}
