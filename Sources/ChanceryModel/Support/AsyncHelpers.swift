extension Optional {
    /// `map` with an async transform.
    package func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension Array {
    /// The element when there is exactly one.
    package var onlyElement: Element? { count == 1 ? first : nil }
}
