// swift-tools-version:6.2
import PackageDescription

// Jingpin: the platform that runs Zhejiang's "Zhejiang Quality" (浙江精品) programme.
// Dependencies point one way: jingpin → JingpinApp → JingpinCore.
let package = Package(
    name: "jingpin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "jingpin", targets: ["jingpin"]),
        .library(name: "JingpinCore", targets: ["JingpinCore"]),
        .library(name: "JingpinApp", targets: ["JingpinApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        .target(name: "JingpinCore"),
        .target(
            name: "JingpinApp",
            dependencies: [
                "JingpinCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "jingpin",
            dependencies: [
                "JingpinApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The reference the request path is measured against (`bench/run verify`): a bare
        // Hummingbird server, no middleware, built with the same settings as `jingpin` (none of
        // its own; the package's Swift 6 language mode). Hummingbird is its only dependency.
        .executableTarget(
            name: "BareHello",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "JingpinCoreTests", dependencies: ["JingpinCore"]),
        .testTarget(
            name: "JingpinAppTests",
            dependencies: [
                "JingpinApp",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
