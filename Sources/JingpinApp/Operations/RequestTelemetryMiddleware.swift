import Dispatch
import Hummingbird
import Logging
import Metrics
import Synchronization

/// Per request: the request log line, and the counts, errors, durations and requests in flight,
/// under the names Hummingbird's `LogRequestsMiddleware` and `MetricsMiddleware` use (message
/// `Request` with `hb.request.path` and `hb.request.method`; `hb.requests`, `hb.request.errors`,
/// `http.server.request.duration`, `http.server.active_requests`), so logs and dashboards stay as
/// they are. One layer instead of two: each costs every request a call and a copy of the context.
///
/// Why not Hummingbird's: its metrics record the duration in a closure run after the body is
/// written, and to do so wrap every answer's body in a streaming one, so a single-buffer answer no
/// longer went out in one piece with its head — that cost more per request than the rest of our
/// middleware together (`bench/run verify`, docs/benchmarks.md). Here the clock stops when the
/// handler has answered (the time to produce the answer; its time on the wire is the client's to
/// measure) and the body is left as the handler made it. Probes (`/healthz`, `/readyz`,
/// `/metrics`), which a load balancer or Prometheus calls every few seconds, are logged at debug.
struct RequestTelemetryMiddleware<Context: RequestContext>: RouterMiddleware {
    private let handles = MetricHandles()

    /// Whether `path` is one a machine polls to see that the service is alive.
    private static func isProbe(_ path: String) -> Bool {
        switch path {
        case "/healthz", "/readyz", "/metrics": true
        default: false
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        // Only when a line may be written is the path looked at (the log level is `error` under load tests).
        if context.logger.logLevel <= .info {
            context.logger.log(level: Self.isProbe(request.uri.path) ? .debug : .info, "Request",
                               metadata: ["hb.request.path": .stringConvertible(request.uri), "hb.request.method": .string(request.method.rawValue)])
        }
        let active = handles.active(request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            let endpoint = handles.endpoint(EndpointKey(route: context.endpointPath ?? "Unknown", method: request.method, status: response.status))
            endpoint.counter.increment()
            endpoint.timer.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let endpoint = handles.endpoint(EndpointKey(route: context.endpointPath ?? "NotFound", method: request.method, status: status))
            endpoint.counter.increment()
            endpoint.errors.increment()
            throw error
        }
    }
}

/// What one route answering with one status records into.
private struct EndpointKey: Hashable {
    let route: String
    let method: HTTPRequest.Method
    let status: HTTPResponse.Status
}

/// The metric handles, made once per method and per (route, method, status): making one asks the
/// metrics factory, which looks the labels up under its own lock.
private final class MetricHandles: Sendable {
    struct Endpoint: Sendable {
        let counter: Counter
        let timer: Timer
        let errors: Counter
    }

    private let byMethod = Mutex<[HTTPRequest.Method: Meter]>([:])
    private let byEndpoint = Mutex<[EndpointKey: Endpoint]>([:])

    func active(_ method: HTTPRequest.Method) -> Meter {
        byMethod.withLock { known in
            if let meter = known[method] { return meter }
            let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)])
            known[method] = meter
            return meter
        }
    }

    func endpoint(_ key: EndpointKey) -> Endpoint {
        byEndpoint.withLock { known in
            if let handles = known[key] { return handles }
            let labels = [("http.route", key.route), ("http.request.method", key.method.rawValue)]
            let status = key.status.code.description
            let handles = Endpoint(counter: Counter(label: "hb.requests", dimensions: labels + [("http.response.status_code", status)]),
                                   timer: Timer(label: "http.server.request.duration", dimensions: labels + [("http.response.status_code", status)],
                                                preferredDisplayUnit: .seconds),
                                   errors: Counter(label: "hb.request.errors", dimensions: labels + [("error.type", status)]))
            known[key] = handles
            return handles
        }
    }
}
