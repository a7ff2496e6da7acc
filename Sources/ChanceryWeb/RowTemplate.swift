import Foundation

/// A template of plain `{{name}}` substitutions, filled without mustache's lookups: for the rows
/// of a long table. Mustache finds each value by walking its context stack with dynamic casts,
/// which for the register's fifty rows was three quarters of the page's rendering. The values are
/// escaped as every `{{value}}` is (``HTMLEscaping``); anything but plain variables is refused
/// when the template is read, so a row template cannot quietly lose a section.
struct RowTemplate: Sendable {
    private enum Part: Sendable {
        case text(String)
        case value(String)
    }

    private let parts: [Part]

    /// The template the binary carries under `name` (Templates/`name`.mustache).
    init(named name: String) {
        guard let text = EmbeddedResources.mustacheTemplates[name] else { preconditionFailure("no template \(name)") }
        self.init(text, name: name)
    }

    init(_ text: String, name: String) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else { preconditionFailure("template \(name): an unclosed {{") }
            let tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            // The templates are part of the binary and rendered by the tests: a tag this cannot fill is a build defect.
            precondition(!tag.isEmpty && tag.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" },
                         "template \(name): {{\(tag)}} is not a plain variable, the only tag a row template takes")
            parts.append(.value(tag))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// The template filled from `value(name)` for each row, escaped, one after another.
    func render<Row>(_ rows: [Row], value: (Row, String) -> String) -> String {
        var html = ""
        html.reserveCapacity(rows.count * 512)
        for row in rows {
            for part in parts {
                switch part {
                case .text(let text): html += text
                case .value(let name): html += HTMLEscaping.escape(value(row, name))
                }
            }
        }
        return html
    }
}
