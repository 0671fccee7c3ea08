// swift-tools-version:6.0
import PackageDescription

/// Hot loops live in these targets; `-O` keeps them fast in the default debug build (`swift run
/// nb …`), which is what most users run. Not `-Ounchecked`: it removed the preconditions that
/// catch a wrong shape, and `nb-bench` measured no gain from it (debug build, 3 interleaved
/// rounds on a shared 2-core VM: MLP 24,213 vs 25,669 and CNN 3,987 vs 4,109 images/s median,
/// -Ounchecked vs -O). The runner is here too: it hashes input files with its own SHA-256 (tens
/// of MB on a first run), 0.1 s with `-O` and 2.7 s without.
///
/// `-target-cpu native` lets these loops use the building machine's vector width (AVX2 or
/// AVX-512) instead of baseline x86-64's SSE2, as llama.cpp's native builds do; nb is always
/// built where it runs (`swift run`). A `.build` copied to an older CPU would stop on an illegal
/// instruction, so rebuild there. Measured 2026-12-04 on a 2-core Zen 4 (release nb-bench,
/// interleaved): the Winograd layer's forward, weight and input gradient took 3.0, 3.3 and 3.5 ms
/// against 3.8, 4.8 and 3.8 and the loss 0.19 against 0.31 ms (means of two `--layers` runs
/// each), and the CNN step ran faster in 5 of 6 rounds (median 4,444, range 3,493–5,213, against
/// 4,218, range 3,872–4,910 images/s); the MLP, bound by sgemm, did not change (5 rounds: median
/// 23,453, range 17,645–25,049, against 22,959, range 18,270–24,434).
let optimized: [SwiftSetting] = [.unsafeFlags(["-O", "-target-cpu", "native", "-Xcc", "-fno-math-errno"])]

let package = Package(
    name: "nb",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nb", targets: ["nb"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // System libraries (tier 0).
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),

        // The tiers and allowed imports are written in docs/ARCHITECTURE.md, which
        // Scripts/check-layout reads; these declarations follow it.

        // Tier 1: files written whole or not at all, and opened to read only when regular (never a
        // FIFO or a device); below every module that writes or reads one.
        .target(name: "Files"),

        // Tier 2.
        .target(name: "Notebook", dependencies: ["Files"]),
        .target(name: "Engine", dependencies: ["COpenBLAS", "Files"], swiftSettings: optimized),
        .target(name: "Figures", dependencies: ["CPNG", "Files"], swiftSettings: optimized),

        // Tier 3.
        .target(name: "Runner", dependencies: ["Notebook", "Files"], swiftSettings: optimized),
        .target(
            name: "Datasets", dependencies: ["Engine", "Files", "CZlib", "CPNG", "CJPEG"], swiftSettings: optimized),

        // Tier 4.
        .target(name: "Report", dependencies: ["Runner", "Notebook", "Figures", "Files", "CMark"]),
        .target(name: "Operations", dependencies: ["Runner", "Engine", "Datasets", "Figures"]),

        // Tier 5: the live preview's server (imported by nb only).
        .target(name: "Preview", dependencies: ["Report", "Runner", "Notebook"]),

        // Tier 6.
        .executableTarget(
            name: "nb",
            dependencies: [
                "Operations", "Report", "Runner", "Notebook", "Files", "Preview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "nb-bench",
            dependencies: [
                "Engine", "Datasets", "Files", "COpenBLAS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimized
        ),

        // Test support and tests.
        .target(name: "TestSupport", dependencies: ["Engine", "Notebook", "Figures"]),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport", "Engine"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "TestSupport", "Engine"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Engine", "TestSupport", "CZlib", "CPNG"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "CPNG"]),
        .testTarget(name: "FilesTests", dependencies: ["Files"]),
        .testTarget(name: "RunnerTests", dependencies: ["Runner", "Notebook", "TestSupport", "Engine"]),
        .testTarget(
            name: "OperationsTests", dependencies: ["Operations", "Runner", "Engine", "Datasets", "TestSupport"]),
        .testTarget(name: "NBCommandTests", dependencies: ["Runner", "TestSupport"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "Runner", "Notebook", "Operations", "Figures", "Files", "TestSupport"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Report", "Runner", "Notebook", "TestSupport"]),
    ]
)
