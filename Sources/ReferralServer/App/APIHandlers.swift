import Foundation
import ReferralCore

/// The JSON API (docs/API.md).
extension ReferralApp {
    /// `POST /api/route[?at=TIME][&brief=1]`: the same bytes as `referral route --format json`
    /// (`--brief --format json` with `brief=1`) for the same case and time.
    func routeAPI(_ r: HTTPRequest) -> HTTPResponse {
        if let e = requireJSON(r) { return .error(e) }
        let brief: Bool
        switch flag(r, "brief") {
        case .success(let b): brief = b
        case .failure(let e): return .error(e)
        }
        switch routeCase(r, source: "api") {
        case .answer(let response): return response
        case .plan(let plan, _): return .json(CaseRouting.json(plan, brief: brief))
        }
    }

    /// `POST /api/explain?service=ID[&at=TIME]`: the same bytes as
    /// `referral explain ID --case - --format json`.
    func explainAPI(_ r: HTTPRequest) -> HTTPResponse {
        if let e = requireJSON(r) { return .error(e) }
        let d = holder.current.directory
        guard let id = r.query("service"), !id.isEmpty else {
            return .error(HTTPError(400, "missing-service", "name the service with ?service=ID",
                                    help: "GET /api/services lists the ids"))
        }
        guard d.service(id) != nil else {
            let near = closestMatch(to: id, in: d.services.map(\.id))
            return .error(HTTPError(404, "unknown-service", "unknown service '\(id)'",
                                    help: near.map { "did you mean '\($0)'?" } ?? "GET /api/services lists the ids"))
        }
        let time: RoutingTime
        switch routingTime(r, d) {
        case .success(let t): time = t
        case .failure(let e): return .error(e)
        }
        switch CaseRouting.loadCase(bytes: r.body, name: ReferralApp.caseName, directory: d, at: time) {
        case .failure(let refusal): return ReferralApp.refused(refusal)
        case .success(let c):
            guard let explanation = Router(directory: d).explain(serviceID: id, for: c, at: time) else {
                return .error(HTTPError(500, "internal", "the router found no service '\(id)'"))
            }
            return .json(explanation)
        }
    }

    /// `GET /api/services?category=&area=&language=&modality=&openNow=1&selfReferral=1&at=`.
    func servicesAPI(_ r: HTTPRequest) -> HTTPResponse {
        let d = holder.current.directory
        switch search(r, d) {
        case .failure(let e): return .error(e)
        case .success(let (s, time)): return .json(s.run(d, at: time))
        }
    }

    /// Reads and checks the search parameters (unknown values are 400 with a suggestion).
    func search(_ r: HTTPRequest, _ d: Directory) -> Result<(ServiceSearch, RoutingTime), HTTPError> {
        let ctx = d.context
        var s = ServiceSearch()
        func value(_ name: String, _ known: [String]) -> Result<String?, HTTPError> {
            guard let v = r.query(name), !v.isEmpty else { return .success(nil) }
            if known.contains(v) { return .success(v) }
            let help = closestMatch(to: v, in: known).map { "did you mean '\($0)'?" } ?? "GET /api/context lists the values"
            return .failure(HTTPError(400, "unknown-\(name)", "unknown \(name) '\(v)'", help: help))
        }
        do throws(HTTPError) {
            s.category = try value("category", ctx.categories.keys.sorted()).get()
            s.area = try value("area", ctx.areas.keys.sorted()).get()
            s.language = try value("language", ctx.languages.map(\.code)).get()
            s.modality = try value("modality", Modality.allCases.map(\.rawValue)).get().flatMap(Modality.init(rawValue:))
            s.openNow = try flag(r, "openNow").get()
            s.selfReferral = try flag(r, "selfReferral").get()
            return .success((s, try routingTime(r, d).get()))
        } catch {
            return .failure(error)
        }
    }

    /// A yes/no query parameter: absent, `0`/`false` or `1`/`true`.
    func flag(_ r: HTTPRequest, _ name: String) -> Result<Bool, HTTPError> {
        switch r.query(name) {
        case nil, "", "0", "false": .success(false)
        case "1", "true", "on": .success(true)
        default: .failure(HTTPError(400, "bad-\(name)", "'\(name)' is 1 or 0"))
        }
    }

    /// `GET /api/validate[?at=TIME]`: the same report as `referral validate --format json`.
    func validateAPI(_ r: HTTPRequest) -> HTTPResponse {
        switch routingTime(r, holder.current.directory) {
        case .failure(let e): return .error(e)
        case .success(let t): return .json(holder.validationReport(at: t))
        }
    }

    /// `GET /api/context`: the vocabularies for building a case.
    func contextAPI(_ r: HTTPRequest) -> HTTPResponse {
        let snap = holder.current
        return .json(ContextVocabulary(snap.directory, dataVersion: snap.dataVersion))
    }

    /// `POST /api/reload`: loads the data folder again. 200 when the new data is in service; 422
    /// with the errors when it cannot be loaded (the last good directory stays in service).
    func reloadAPI(_ r: HTTPRequest) -> HTTPResponse {
        let outcome = holder.reload(now: clock())
        return .json(ReloadAnswer(outcome, holder.current), status: outcome?.reloaded == false ? 422 : 200)
    }

    struct ReloadAnswer: Encodable {
        var reloaded: Bool
        var unchanged: Bool
        var inService: Health.InService
        var errors: [Diagnostic]

        init(_ o: DirectoryHolder.ReloadOutcome?, _ s: DirectoryHolder.Snapshot) {
            reloaded = o?.reloaded ?? false
            unchanged = o?.unchanged ?? true
            inService = Health.InService(s)
            errors = o?.errors ?? []
        }
    }

    /// `GET /healthz`: up, what is in service, and whether the last reload failed.
    func health(_ r: HTTPRequest) -> HTTPResponse {
        .json(Health(status: "ok", inService: .init(holder.current), lastReload: holder.lastReload.map(Health.LastReload.init),
                     audit: audit != nil))
    }

    struct Health: Encodable {
        struct InService: Encodable {
            var context: String
            var fictional: Bool
            var services: Int
            var pathways: Int
            var dataVersion: String
            var loadedAt: String
            init(_ s: DirectoryHolder.Snapshot) {
                context = s.directory.context.id
                fictional = s.directory.context.fictional
                services = s.directory.services.count
                pathways = s.directory.pathways.count
                dataVersion = s.dataVersion
                loadedAt = utcText(s.loadedAt)
            }
        }
        struct LastReload: Encodable {
            var at: String
            var reloaded: Bool
            var errors: Int
            init(_ o: DirectoryHolder.ReloadOutcome) {
                at = utcText(o.at)
                reloaded = o.reloaded
                errors = o.errors.count
            }
        }
        var status: String
        var inService: InService
        var lastReload: LastReload?
        var audit: Bool
    }
}

/// `2026-11-28T12:00:00Z`.
public func utcText(_ date: Date) -> String {
    RoutingTime(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)), utcOffsetMinutes: 0).iso8601Seconds
}

extension RoutingTime {
    /// With seconds and `Z` for UTC: `2026-11-28T12:00:05Z`.
    var iso8601Seconds: String {
        let s = iso8601
        let sec = Int(((epochSeconds % 60) + 60) % 60)
        let base = String(s.prefix(16)) + ":" + (sec < 10 ? "0\(sec)" : "\(sec)")
        return utcOffsetMinutes == 0 ? base + "Z" : base + String(s.dropFirst(16))
    }
}
