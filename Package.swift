// swift-tools-version:6.0
// Referral Router: the toolchain alone, no package dependencies (deployments are offline and auditable).
import PackageDescription

let package = Package(
    name: "ReferralRouter",
    products: [
        .library(name: "ReferralCore", targets: ["ReferralCore"]),
        .library(name: "ReferralExchange", targets: ["ReferralExchange"]),
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
        // Thin command-line front end over the engine.
        .executableTarget(name: "referral", dependencies: ["ReferralCore", "ReferralExchange"]),
        // Benchmarks (run in release mode; see BENCHMARKS.md).
        .executableTarget(name: "referral-bench", dependencies: ["ReferralCore"]),
        // Fuzzing harness: libFuzzer with -DFUZZING, otherwise a corpus replayer (docs/FUZZING.md).
        .executableTarget(name: "referral-fuzz", dependencies: ["ReferralCore"]),
        .testTarget(name: "ReferralCoreTests", dependencies: ["ReferralCore"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "ReferralExchangeTests", dependencies: ["ReferralCore", "ReferralExchange"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ReferralCLITests", dependencies: ["ReferralCore", "referral"], exclude: ["Golden"]),
    ]
)
