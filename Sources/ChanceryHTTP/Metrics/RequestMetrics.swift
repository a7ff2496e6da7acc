import HTTPTypes
import Prometheus
import Synchronization

/// Request counts and latency histograms by route, method and status, in a Prometheus registry
/// of the service's own (not the process-wide MetricsSystem, so each service instance, and
/// each test, counts alone).
final class RequestMetrics: Sendable {
    /// What `/metrics` exposes.
    let registry = PrometheusCollectorRegistry()
    private struct Key: Hashable { var route: String; var method: String; var status: Int }
    private let collectors = Mutex<[Key: (Counter, DurationHistogram)]>([:])
    private static let buckets: [Duration] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000].map { .milliseconds($0) }

    func record(route: String, method: HTTPRequest.Method, status: Int, duration: Duration) {
        let key = Key(route: route, method: method.rawValue, status: status)
        let (counter, histogram) = collectors.withLock { collectors in
            if let existing = collectors[key] { return existing }
            let labels = [("route", key.route), ("method", key.method), ("status", String(key.status))]
            let made = (
                registry.makeCounter(
                    descriptor: MetricNameDescriptor(namespace: "chancery", metricName: "http_requests", unitName: "total",
                                                     helpText: "HTTP requests answered, by route, method and status."),
                    labels: labels),
                registry.makeDurationHistogram(
                    descriptor: MetricNameDescriptor(namespace: "chancery", metricName: "http_request_duration", unitName: "seconds",
                                                     helpText: "Time from request head to response head, by route, method and status."),
                    labels: labels, buckets: Self.buckets))
            collectors[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }
}
