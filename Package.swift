// swift-tools-version:6.0
// Referral Router: the toolchain alone, no package dependencies (deployments are offline and auditable).
import PackageDescription

let package = Package(
    name: "ReferralRouter",
    products: [
        .library(name: "ReferralCore", targets: ["ReferralCore"]),
        .executable(name: "referral", targets: ["referral"]),
        .executable(name: "referral-bench", targets: ["referral-bench"]),
    ],
    targets: [
        // The engine: model, loading, graph, matching, validation, report rendering.
        // No printing, no exit, no clock: "now" is a parameter.
        .target(name: "ReferralCore"),
        // Thin command-line front end over the engine.
        .executableTarget(name: "referral", dependencies: ["ReferralCore"]),
        // Benchmarks (run in release mode; see BENCHMARKS.md).
        .executableTarget(name: "referral-bench", dependencies: ["ReferralCore"]),
        // Fuzzing harness: libFuzzer with -DFUZZING, otherwise a corpus replayer (docs/FUZZING.md).
        .executableTarget(name: "referral-fuzz", dependencies: ["ReferralCore"]),
        .testTarget(name: "ReferralCoreTests", dependencies: ["ReferralCore"], exclude: ["Fixtures"]),
        .testTarget(name: "ReferralCLITests", dependencies: ["ReferralCore", "referral"], exclude: ["Golden"]),
    ]
)
