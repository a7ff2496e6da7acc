import ChanceryRequests

extension BodyFields {
    /// Read from the document embedded in this module (docs/openapi.json) once.
    static let fromDocument: BodyFields = {
        do {
            return try BodyFields(document: OpenAPIDocument.json)
        } catch {
            // The document is part of the binary and a test reads it the same way: a document
            // OpenAPIKit cannot read is a build defect, not a condition to run on without checks.
            preconditionFailure("docs/openapi.json does not decode as OpenAPI 3.1: \(error)")
        }
    }()
}
