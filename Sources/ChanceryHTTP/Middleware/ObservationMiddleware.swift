import HTTPTypes
import Hummingbird
import Logging

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
        // Hundredths of a millisecond, written as "12.34" without String(format:), whose cost
        // showed in every request's CPU time.
        let hundredths = elapsed.components.seconds * 100_000 + elapsed.components.attoseconds / 10_000_000_000_000
        let fraction = hundredths % 100
        context.logger.log(
            level: response.status.code >= 500 ? .error : .info, "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path), "route": .string(route),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(hundredths / 100) + (fraction < 10 ? ".0" : ".") + String(fraction)),
            ])
        return response
    }
}
