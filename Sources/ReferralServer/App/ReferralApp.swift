import Foundation
import ReferralCore

/// The server's endpoints: each a function from request to response, testable without a socket
/// (`app.handle(HTTPRequest(method: "GET", target: "/healthz"))`).
///
/// Pages for people: `/` (the case page, which posts to `/plan`), `/search`, `/validate`,
/// `POST /referral-form`, `POST /reload`. The JSON API (docs/API.md): `/api/route`, `/api/explain`, `/api/services`,
/// `/api/validate`, `/api/context`, `/api/reload`, `/healthz`.
public final class ReferralApp: Sendable {
    public let holder: DirectoryHolder
    public let audit: AuditLog?
    /// The wall clock, read here (the engine never reads it).
    let clock: @Sendable () -> Date

    public init(holder: DirectoryHolder, audit: AuditLog? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.holder = holder
        self.audit = audit
        self.clock = clock
    }

    struct Route {
        let method: String
        let path: String
        let handle: @Sendable (ReferralApp, HTTPRequest) -> HTTPResponse
    }

    static let routes: [Route] = [
        Route(method: "GET", path: "/", handle: { a, r in a.casePage(r) }),
        Route(method: "GET", path: "/search", handle: { a, r in a.searchPage(r) }),
        Route(method: "GET", path: "/validate", handle: { a, r in a.validatePage(r) }),
        Route(method: "POST", path: "/reload", handle: { a, r in a.reloadForm(r) }),
        Route(method: "POST", path: "/plan", handle: { a, r in a.planFragment(r) }),
        Route(method: "POST", path: "/referral-form", handle: { a, r in a.referralForm(r) }),
        Route(method: "GET", path: "/healthz", handle: { a, r in a.health(r) }),
        Route(method: "GET", path: "/api/context", handle: { a, r in a.contextAPI(r) }),
        Route(method: "GET", path: "/api/services", handle: { a, r in a.servicesAPI(r) }),
        Route(method: "GET", path: "/api/validate", handle: { a, r in a.validateAPI(r) }),
        Route(method: "POST", path: "/api/route", handle: { a, r in a.routeAPI(r) }),
        Route(method: "POST", path: "/api/explain", handle: { a, r in a.explainAPI(r) }),
        Route(method: "POST", path: "/api/reload", handle: { a, r in a.reloadAPI(r) }),
    ]

    /// Answers one request: 404 for an unknown path, 405 (with `Allow`) for a known path and
    /// another method; HEAD is answered like GET without the body.
    public func handle(_ r: HTTPRequest) -> HTTPResponse {
        let candidates = ReferralApp.routes.filter { $0.path == r.path }
        guard !candidates.isEmpty else {
            return .error(HTTPError(404, "not-found", "no page or endpoint at this path",
                                    help: "the API is described in docs/API.md; the case page is at /"))
        }
        let method = r.method == "HEAD" ? "GET" : r.method
        guard let route = candidates.first(where: { $0.method == method }) else {
            var allowed = candidates.map(\.method)
            if allowed.contains("GET") { allowed.append("HEAD") }
            return .error(HTTPError(405, "method-not-allowed", "\(r.method) is not allowed here: use \(allowed.joined(separator: " or "))"),
                          extraHeaders: [.init("Allow", allowed.joined(separator: ", "))])
        }
        return route.handle(self, r)
    }

    /// The request as the log may show it: the method and path of a known endpoint, never a
    /// path or method a client made up (it could hold anything), never the query or the body.
    public static func logDescription(_ r: HTTPRequest) -> String {
        let known = routes.contains { $0.path == r.path }
        let method = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"].contains(r.method) ? r.method : "(other method)"
        return "\(method) \(known ? r.path : "(unknown path)")"
    }

    // MARK: shared pieces

    /// The routing time of a request: `?at=` (ISO 8601 with an offset) or the clock.
    func routingTime(_ r: HTTPRequest, _ d: Directory) -> Result<RoutingTime, HTTPError> {
        let text = r.query("at").flatMap { $0.isEmpty ? nil : $0 }
        guard let t = CaseRouting.time(text, now: clock(), context: d.context) else {
            return .failure(HTTPError(400, "bad-time", "'at' is not a time",
                                      help: "write it as ISO 8601 with an offset, for example 2026-11-28T14:00:00+02:00"))
        }
        return .success(t)
    }

    /// A case body must be JSON (415 otherwise, before it is read).
    func requireJSON(_ r: HTTPRequest) -> HTTPError? {
        guard r.mediaType == "application/json" else {
            return HTTPError(415, "unsupported-media-type", "send the case document as application/json",
                             help: "set the header Content-Type: application/json")
        }
        return nil
    }

    /// A refused case: the same summary and findings as the CLI prints (never a value of the case).
    static func refused(_ refusal: CaseRefusal) -> HTTPResponse {
        .error(HTTPError(400, refusal.identifyingData ? "case-refused" : "case-invalid", refusal.message),
               diagnostics: refusal.diagnostics)
    }

    /// The name a case sent over HTTP goes by in messages (like `<stdin>` for the CLI).
    static let caseName = "<request>"

    /// Routes the case in a request body and writes its audit line; the answer is withheld when
    /// the audit line cannot be written.
    func routeCase(_ r: HTTPRequest, source: String) -> Routed {
        let snap = holder.current
        let time: RoutingTime
        switch routingTime(r, snap.directory) {
        case .success(let t): time = t
        case .failure(let e): return .answer(.error(e))
        }
        let result = CaseRouting.route(bytes: r.body, name: ReferralApp.caseName, directory: snap.directory, at: time)
        if let audit {
            let line: AuditRecord
            switch result {
            case .failure(let refusal):
                line = .refused(refusal, at: time, loggedAt: clock(), source: source, context: snap.directory.context.id,
                                dataVersion: snap.dataVersion)
            case .success(let plan):
                line = AuditRecord(plan, directory: snap.directory, loggedAt: clock(), source: source, dataVersion: snap.dataVersion)
            }
            if let e = audit.append(line) { return .answer(.error(e)) }
        }
        switch result {
        case .failure(let refusal): return .answer(ReferralApp.refused(refusal))
        case .success(let plan): return .plan(plan, snap)
        }
    }

    /// A routed case, or the answer to give instead (a bad time, a refused case, no audit line).
    enum Routed {
        case plan(RoutePlan, DirectoryHolder.Snapshot)
        case answer(HTTPResponse)
    }
}
