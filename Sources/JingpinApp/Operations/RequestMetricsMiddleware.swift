import Dispatch
import Hummingbird
import Metrics
import Synchronization

/// Request counts, errors, durations and requests in flight, under the metric names and labels of
/// Hummingbird's `MetricsMiddleware` (`hb.requests`, `hb.request.errors`,
/// `http.server.request.duration`, `http.server.active_requests`), so dashboards stay as they are.
///
/// Why ours: Hummingbird's records the duration in a closure run after the body is written, and to
/// do so it wraps every answer's body in a streaming one. A single-buffer answer then no longer
/// goes out in one piece with its head, which cost more per request than the rest of our middleware
/// together (`bench/run verify`, docs/benchmarks.md). This one stops the clock when the handler
/// has answered — the time to produce the answer; the bytes' time on the wire is the client's to
/// measure — and leaves the body as the handler made it.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let handles = MetricHandles()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
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
