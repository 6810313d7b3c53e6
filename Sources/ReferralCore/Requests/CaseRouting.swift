import Foundation

/// Why a case given by a front end (a file, standard input, an HTTP request) cannot be routed.
///
/// Built from the loader's findings only, so it never carries a value from the case.
public struct CaseRefusal: Error, Sendable {
    /// The name the case was given under (`case.json`, `<stdin>`, `request body`).
    public let name: String
    public let diagnostics: [Diagnostic]

    /// The case carries identifying data and was refused before anything else was read.
    public var identifyingData: Bool { diagnostics.contains { $0.code == .caseIdentifyingData } }

    /// The one-line summary every front end prints above the findings.
    public var message: String {
        identifyingData
            ? "the case \(name) was refused: it carries identifying data (nothing of it was stored or shown)"
            : "the case \(name) cannot be used"
    }
}

/// The pipeline every front end shares: case bytes → the loader (with its identifying-data gate) →
/// the router → canonical JSON. The CLI's `route --format json` and the server's `POST /api/route`
/// both call it, so the same case and time give the same bytes and the same refusals.
public enum CaseRouting {
    /// Reads a case through `CaseLoader`, the one entry point that refuses identifying data; with
    /// the routing time `at`, a case recorded after it is refused too.
    public static func loadCase(bytes: [UInt8], name: String, directory: Directory, at: RoutingTime? = nil)
        -> Result<Case, CaseRefusal>
    {
        switch CaseLoader.load(bytes: bytes, name: name, directory: directory, at: at) {
        case .success(let c): return .success(c)
        case .failure(let f): return .failure(CaseRefusal(name: name, diagnostics: f.diagnostics))
        }
    }

    /// Loads and routes a case at `time`.
    public static func route(bytes: [UInt8], name: String, directory: Directory, at time: RoutingTime)
        -> Result<RoutePlan, CaseRefusal>
    {
        loadCase(bytes: bytes, name: name, directory: directory, at: time).map { Router(directory: directory).route($0, at: time) }
    }

    /// The bytes of `referral route --format json` (or of `--brief --format json`) for a plan.
    public static func json(_ plan: RoutePlan, brief: Bool) -> Data {
        brief ? canonicalJSON(BriefPlan(plan)) : plan.json()
    }

    /// The routing time: `text` (ISO 8601 with an offset) when given, else `now` truncated to the
    /// whole minute (a plan prints minutes and should not change within one). Nil when `text` is
    /// not a time. The engine never reads the clock: front ends pass `now`.
    public static func time(_ text: String?, now: Date, context: Context) -> RoutingTime? {
        let offset = context.utcOffsetMinutes
        if let text { return RoutingTime.parse(text, utcOffsetMinutes: offset) }
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        return RoutingTime(epochSeconds: seconds - seconds % 60, utcOffsetMinutes: offset)
    }
}
