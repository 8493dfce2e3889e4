import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// `BareHello`: a bare Hummingbird 2 server, with no middleware, that the request path of
/// `jingpin serve` is measured against (`bench/run verify`).
///
/// Why it exists: `bench/run verify` compares our routes with nginx and with `/healthz` in our own
/// server, but `/healthz` there already pays for our whole middleware stack (metrics, request
/// log, security headers, errors, identity, CSRF). This server is what the same framework, the
/// same build settings and the same runtime set-up cost with none of that, so
/// `healthz: ratio (ours/bare-hello)` is the price of our middleware alone and
/// `verify: ratio (ours/bare-hello)` that of the middleware plus the verification handler.
///
/// To keep the comparison fair it mirrors what `jingpin serve` does outside its middleware:
/// - tasks run on SwiftNIO's event loops, one loop per CPU the process may use (as
///   `Commands.runTasksOnEventLoops` in JingpinApp does; copied here because this target
///   depends on Hummingbird only);
/// - `/healthz` answers the same bytes with the same headers as `OperationsAPI.text`
///   (a fresh `ByteBuffer` per request, `Content-Type` and `Cache-Control: no-store`).
///
/// Settings, from the environment: `HOST` (default 127.0.0.1), `PORT` (default 8081) and
/// `LOG_LEVEL` (Hummingbird's default logger reads it; the benchmark passes `error` to both servers).
enum BareServer {
    /// How many CPUs this process may run on, from `Cpus_allowed_list` in `/proc/self/status`
    /// (`0-3,6`); nil where there is no such file. A copy of `Commands.allowedCPUCount`: under
    /// `taskset -c 0` SwiftNIO would otherwise start a loop per core of the machine, and two
    /// loops on one pinned core take turns.
    static func allowedCPUCount() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
        var count = 0
        for part in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let low = bounds.first, let high = bounds.last, high >= low else { return nil }
            count += high - low + 1
        }
        return count > 0 ? count : nil
    }

    /// A plain-text answer exactly as `OperationsAPI.text` makes it, so the only
    /// difference between the two servers' `/healthz` is what runs around the handler.
    static func text(_ s: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: s)))
    }
}

// First thing, before any other task is created: the handler then runs on the thread that read
// the request, as in `jingpin serve` (see `Jingpin.main`).
if let allowed = BareServer.allowedCPUCount() { NIOSingletons.groupLoopCountSuggestion = max(1, min(System.coreCount, allowed)) }
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

let environment = ProcessInfo.processInfo.environment
let host = environment["HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
guard let port = Int(environment["PORT"].flatMap { $0.isEmpty ? nil : $0 } ?? "8081"), (0...65535).contains(port) else {
    FileHandle.standardError.write(Data("BareHello: PORT must be a port number (0-65535)\n".utf8))
    exit(2)
}

// No middleware at all: the router goes straight to the handlers.
let router = Router()
router.get("/healthz") { _, _ in BareServer.text("ok\n") }
router.get("/hello") { _, _ in BareServer.text("Hello, world!\n") }

let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "bare-hello"))
try await app.runService()
