import HTTPTypes
import Hummingbird
import Logging
import Foundation

/// Records each request's outcome: a metric by route and status, and one structured log line.
struct ObservationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let metrics: RequestMetrics

    func handle(_ request: Request, context: APIRequestContext,
                next: (Request, APIRequestContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        // Unmatched paths share one label, so scanners cannot grow the metric set without bound.
        let route = context.endpointPath ?? "unmatched"
        metrics.record(route: route, method: request.method, status: response.status.code, duration: elapsed)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.log(
            level: response.status.code >= 500 ? .error : .info, "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path), "route": .string(route),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(format: "%.2f", milliseconds)),
            ])
        return response
    }
}
