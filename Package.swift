// swift-tools-version:6.0
// Referral Router: the toolchain alone, no package dependencies (deployments are offline and auditable).
import PackageDescription

let package = Package(
    name: "ReferralRouter",
    products: [
        .library(name: "ReferralCore", targets: ["ReferralCore"]),
        .library(name: "ReferralExchange", targets: ["ReferralExchange"]),
        .library(name: "ReferralServer", targets: ["ReferralServer"]),
        .executable(name: "referral", targets: ["referral"]),
        .executable(name: "referral-bench", targets: ["referral-bench"]),
    ],
    targets: [
        // The engine: model, loading, graph, matching, validation, report rendering.
        // No printing, no exit, no clock: "now" is a parameter.
        .target(name: "ReferralCore"),
        // Directories in and out: RFC 4180 CSV, Open Referral HSDS 3.0 (JSON and CSV), import
        // profiles and reports, exports with UUID v5 ids. No printing, no exit, no clock.
        .target(name: "ReferralExchange", dependencies: ["ReferralCore"]),
        // `referral serve`: HTTP/1.1 on the platform's sockets, the JSON API, the pages, the audit log.
        .target(name: "ReferralServer", dependencies: ["ReferralCore"]),
        // Thin command-line front end over the engine (and the server).
        .executableTarget(name: "referral", dependencies: ["ReferralCore", "ReferralExchange", "ReferralServer"]),
        // Benchmarks (run in release mode; see BENCHMARKS.md).
        .executableTarget(name: "referral-bench", dependencies: ["ReferralCore", "ReferralExchange"]),
        // Fuzzing harness: libFuzzer with -DFUZZING, otherwise a corpus replayer (docs/FUZZING.md).
        .executableTarget(name: "referral-fuzz", dependencies: ["ReferralCore", "ReferralServer", "ReferralExchange"]),
        .testTarget(name: "ReferralCoreTests", dependencies: ["ReferralCore"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "ReferralExchangeTests", dependencies: ["ReferralCore", "ReferralExchange"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ReferralCLITests", dependencies: ["ReferralCore", "referral", "referral-bench"], exclude: ["Golden"]),
        .testTarget(name: "ReferralServerTests", dependencies: ["ReferralCore", "ReferralServer", "referral"], exclude: ["Browser"]),
    ]
)
