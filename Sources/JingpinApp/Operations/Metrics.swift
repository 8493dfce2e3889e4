import Metrics
import Prometheus

/// The process-wide Prometheus registry. swift-metrics allows one bootstrap per process,
/// so it happens once here however many applications (tests) are built.
enum PrometheusSetup {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Latency buckets from 1 ms to 10 s, the range a government service cares about.
        factory.defaultDurationHistogramBuckets = [.milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10),
                                                   .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                                                   .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]
        MetricsSystem.bootstrap(factory)
        return registry
    }()
}
