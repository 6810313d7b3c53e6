import Foundation
import ReferralCore
import ReferralServer

/// `FUZZ_MODE=http`: the input is the bytes a client sent. The request parser must never trap,
/// must be deterministic, and must never claim more bytes than it was given; a request it
/// accepts is then answered by the server's own handler (over the basic fixture), as the server
/// would, so the endpoints see fuzzed paths, queries, headers and bodies too.
enum HTTPFuzz {
    static let app: ReferralApp? = {
        guard let holder = try? DirectoryHolder(root: FuzzHarness.fixture, now: Date(timeIntervalSince1970: 1_795_000_000))
        else { return nil }
        return ReferralApp(holder: holder, clock: { Date(timeIntervalSince1970: 1_795_000_000) })
    }()

    static func run(_ bytes: [UInt8]) {
        var limits = HTTPLimits()
        limits.maxHeaderBytes = 4096
        limits.maxRequestLine = 2048
        limits.maxBodyBytes = 64 * 1024
        var rest = bytes
        // Pipelined requests: answer each, as a connection would.
        for _ in 0..<8 {
            let result = HTTPParser.parse(rest, limits: limits)
            precondition(result == HTTPParser.parse(rest, limits: limits), "the parser is not deterministic")
            guard case .complete(let request, let consumed) = result else { return }
            precondition(consumed > 0 && consumed <= rest.count, "the parser claimed bytes it was not given")
            precondition(HTTPParser.parse(Array(rest[0..<consumed]), limits: limits) == result, "a request depends on what follows it")
            _ = HTTPParser.formFields(request.body)
            // Reloads read the disk and are slow: the rest of the surface is answered.
            if let app, !request.path.hasSuffix("reload") {
                let response = app.handle(request)
                precondition((200...599).contains(response.status), "a status outside HTTP's range")
                _ = response.serialized(keepAlive: request.keepAlive, headOnly: request.method == "HEAD")
            }
            rest.removeFirst(consumed)
        }
    }
}
