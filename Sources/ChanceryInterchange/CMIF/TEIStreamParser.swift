import Foundation
#if canImport(FoundationXML)
import FoundationXML
import ChanceryModel
#endif

/// Streams a TEI file and hands over its `fileDesc` and each `correspDesc` as small trees, one at
/// a time, so memory stays flat however many letters the file holds. Everything else is only
/// walked past (with its path kept, for element paths in messages).
final class TEIStreamParser: NSObject, XMLParserDelegate {
    /// What the callbacks receive.
    enum Part {
        /// `teiHeader/fileDesc`, complete.
        case fileDesc(XMLElementNode)
        /// One `correspDesc`, complete; `ordinal` counts them through the file from 1.
        case correspDesc(XMLElementNode, ordinal: Int)
    }

    private let displayName: String
    private let stopAtProfile: Bool
    private let handle: (Part) throws -> Void

    /// One open element: its path and how many children of each name it has had so far.
    private struct Frame {
        var path: String
        var childCounts: [String: Int] = [:]
        var inCapture: Bool
    }

    private var frames: [Frame] = []
    /// The element being built and its open descendants, innermost last.
    private var captureStack: [XMLElementNode] = []
    private var correspDescCount = 0
    private var failure: (any Error)?
    private var stoppedEarly = false

    /// - Parameters:
    ///   - stopAtProfile: stop once the header's `fileDesc` has been read (for rejects-file
    ///     prologues, which need nothing else).
    private init(displayName: String, stopAtProfile: Bool, handle: @escaping (Part) throws -> Void) {
        self.displayName = displayName
        self.stopAtProfile = stopAtProfile
        self.handle = handle
    }

    /// Parses the file at `path`, calling `handle` for each part in document order.
    static func parse(path: String, displayName: String, stopAtProfile: Bool = false,
                      _ handle: @escaping (Part) throws -> Void) throws {
        try parse(.file(path: path), displayName: displayName, stopAtProfile: stopAtProfile, handle)
    }

    /// Parses `source`, a file or bytes in memory, calling `handle` for each part in document order.
    /// - Throws: `ChanceryError` `.notFound` when the file cannot be read, `.invalidInput` when it
    ///   is not well-formed XML (naming the line and column) or not TEI; or what `handle` threw.
    static func parse(_ source: ReaderSource, displayName: String, stopAtProfile: Bool = false,
                      _ handle: @escaping (Part) throws -> Void) throws {
        let stream: InputStream
        switch source {
        case .file(let path):
            guard FileManager.default.isReadableFile(atPath: path), let file = InputStream(fileAtPath: path) else {
                throw ChanceryError(.notFound, "cannot read '\(displayName)'", field: "file",
                                    hint: "Check the path and its permissions.")
            }
            stream = file
        case .bytes(let data):
            stream = InputStream(data: data)
        }
        let layout = try XMLDeclaredEncoding.check(source, displayName: displayName)
        let guarded = GuardedXMLStream(stream, layout: layout, displayName: displayName)
        let delegate = TEIStreamParser(displayName: displayName, stopAtProfile: stopAtProfile, handle: handle)
        let parser = XMLParser(stream: guarded)
        parser.shouldProcessNamespaces = false
        // No external entities: an imported file must not make Chancery read other files or URLs.
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let parsed = parser.parse()
        if let refusal = guarded.refusal { throw refusal }
        if let failure = delegate.failure { throw failure }
        if parsed || delegate.stoppedEarly { return }
        throw delegate.malformed(line: parser.lineNumber, column: parser.columnNumber, error: parser.parserError)
    }

    private func malformed(line: Int, column: Int, error: (any Error)?) -> ChanceryError {
        let code = error.map { ($0 as NSError).code }
        // At the end of a file cut short, libxml2 reports "extra content" (5) or "premature end"
        // (77) with elements still open: the open element is what the reader must look for.
        if code == 5 || code == 77, let innermost = frames.last {
            return ChanceryError(.invalidInput,
                                 "'\(displayName)' is not well-formed XML: it ends (line \(line), column \(column)) before "
                                     + "\(innermost.path) is closed, with \(frames.count) element\(frames.count == 1 ? "" : "s") open",
                                 field: "file", hint: "The file may be cut short: close the open elements, or export it again.")
        }
        return ChanceryError(.invalidInput,
                             "'\(displayName)' is not well-formed XML: line \(line), column \(column): " + XMLParseProblem.describe(error),
                             field: "file",
                             hint: code == 4
                                 ? "Leave the format unnamed to have it read off the file's content (CSV, JSON Lines or XML)."
                                 : "Fix the XML there (xmllint --noout shows every error) and import again.")
    }

    /// libxml2 recovers from errors and reads on, so the first error is where to stop: its
    /// position is the one to report, and nothing after it may be handed on.
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard failure == nil, !stoppedEarly else { return }
        fail(parser, malformed(line: parser.lineNumber, column: parser.columnNumber, error: parseError))
    }

    private func fail(_ parser: XMLParser, _ error: any Error) {
        failure = error
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard failure == nil, !stoppedEarly else { return }
        let localName = elementName.split(separator: ":").last.map(String.init) ?? elementName
        if frames.isEmpty, localName != "TEI", localName != "teiCorpus" {
            fail(parser, ChanceryError(.invalidInput, "'\(displayName)' is not a TEI document: its root element is <\(elementName)>",
                                       field: "file", hint: "CMIF and TEI files start with <TEI xmlns=\"http://www.tei-c.org/ns/1.0\">."))
            return
        }
        if stopAtProfile, localName == "profileDesc" || localName == "correspDesc" || localName == "text" {
            stoppedEarly = true
            parser.abortParsing()
            return
        }
        let path = childPath(localName)
        let capturing = !captureStack.isEmpty || localName == "fileDesc" || localName == "correspDesc"
        frames.append(Frame(path: path, inCapture: capturing))
        guard capturing else { return }
        let node = XMLElementNode(name: localName, attributes: attributeDict, line: parser.lineNumber, path: path)
        captureStack.last?.append(node)
        captureStack.append(node)
    }

    /// The new element's path; `[n]` is given inside letters and for repeated elements, so the
    /// header reads `/TEI/teiHeader/fileDesc` and letters `…/correspDesc[3]/correspAction[1]`.
    private func childPath(_ name: String) -> String {
        guard !frames.isEmpty else { return "/" + name }
        let count = (frames[frames.count - 1].childCounts[name] ?? 0) + 1
        frames[frames.count - 1].childCounts[name] = count
        let indexed = count > 1 || name == "correspDesc" || !captureStack.isEmpty
        return frames[frames.count - 1].path + "/" + name + (indexed ? "[\(count)]" : "")
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil, !stoppedEarly, let frame = frames.popLast() else { return }
        guard frame.inCapture, let node = captureStack.popLast(), captureStack.isEmpty else { return }
        do {
            switch node.name {
            case "fileDesc":
                try handle(.fileDesc(node))
            default:
                correspDescCount += 1
                try handle(.correspDesc(node, ordinal: correspDescCount))
            }
        } catch {
            fail(parser, error)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        captureStack.last?.append(text: string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        captureStack.last?.append(text: String(decoding: CDATABlock, as: UTF8.self))
    }
}
