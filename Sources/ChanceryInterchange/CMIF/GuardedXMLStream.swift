import Foundation
import ChanceryModel

/// The stream XMLParser reads: the file's bytes after `XMLMarkupGuard`, in the file's own layout.
/// XMLParser pulls chunks with `read(_:maxLength:)` only, so the guard costs one pass over bytes
/// already in memory and the file is still never held whole.
final class GuardedXMLStream: InputStream {
    private let upstream: InputStream
    private let layout: XMLByteLayout
    private let displayName: String
    private let chunkSize: Int
    private var markupGuard = XMLMarkupGuard()
    private var chunk: [UInt8] = []
    /// What the guard passed on of the markup being read, before it joins `guarded`.
    private var units: [UInt16] = []
    private var guarded: [UInt8] = []
    private var guardedStart = 0
    /// The first byte of a UTF-16 unit split between two upstream reads.
    private var splitByte: UInt8?
    private var upstreamEnded = false
    private var status = Stream.Status.notOpen
    /// Why the stream stopped early: an entity declaration, or the file could not be read on.
    private(set) var refusal: ChanceryError?

    /// - Parameter chunkSize: bytes read from `upstream` at a time (small in tests, to split
    ///   markup and UTF-16 units between reads).
    init(_ upstream: InputStream, layout: XMLByteLayout, displayName: String, chunkSize: Int = 128 * 1024) {
        self.upstream = upstream
        self.layout = layout
        self.displayName = displayName
        self.chunkSize = chunkSize
        super.init(data: Data())
    }

    override func open() {
        upstream.open()
        status = .open
    }

    override func close() {
        upstream.close()
        status = .closed
    }

    override var streamStatus: Stream.Status { refusal == nil ? status : .error }
    override var streamError: (any Error)? { refusal }
    override var hasBytesAvailable: Bool { refusal == nil && (guardedStart < guarded.count || !upstreamEnded) }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        while refusal == nil, guardedStart == guarded.count, !upstreamEnded {
            guardNextChunk()
        }
        if refusal != nil { return -1 }
        let count = min(length, guarded.count - guardedStart)
        // At the end nothing is left, and an empty array need not have storage to copy from.
        guard count > 0 else { return 0 }
        guarded.withUnsafeBufferPointer { bytes in
            buffer.update(from: bytes.baseAddress! + guardedStart, count: count)
        }
        guardedStart += count
        return count
    }

    private func guardNextChunk() {
        if chunk.count != chunkSize { chunk = [UInt8](repeating: 0, count: chunkSize) }
        let count = upstream.read(&chunk, maxLength: chunkSize)
        guarded.removeAll(keepingCapacity: true)
        guardedStart = 0
        units.removeAll(keepingCapacity: true)
        guard count > 0 else {
            upstreamEnded = true
            if count < 0 {
                refusal = ChanceryError(.invalidInput, "'\(displayName)' could not be read to its end: \(upstream.streamError.map { "\($0)" } ?? "read error")",
                                        field: "file", hint: "Check that the file is complete and readable, and import it again.")
                return
            }
            markupGuard.finish(into: &units)
            appendUnits()
            if let splitByte { guarded.append(splitByte) }
            return
        }
        do {
            switch layout {
            case .singleByte:
                try guardSingleBytes(count: count)
            case .utf16LittleEndian, .utf16BigEndian:
                var bytes = chunk[..<count]
                if let first = splitByte {
                    try feedUTF16(first, bytes.removeFirst())
                    splitByte = nil
                }
                while bytes.count >= 2 {
                    try feedUTF16(bytes[bytes.startIndex], bytes[bytes.startIndex + 1])
                    bytes = bytes.dropFirst(2)
                }
                splitByte = bytes.first
                appendUnits()
            }
        } catch {
            refusal = ChanceryError(.invalidInput,
                                    "'\(displayName)' line \(error.line) declares an entity (<!ENTITY …>); Chancery does not expand entities a file declares",
                                    field: "file",
                                    hint: "Expand them first, e.g. `xmllint --noent --dropdtd \(displayName) > expanded.xml`, and import expanded.xml.")
        }
    }

    /// Hands runs of plain text on as they are, and only the markup around each `<` through the
    /// guard: most of a file is such runs, and this keeps the guard's cost near a copy.
    private func guardSingleBytes(count: Int) throws(XMLMarkupGuard.EntityDeclaration) {
        let lessThan = UInt8(ascii: "<")
        var index = 0
        while index < count {
            if markupGuard.isReadingText {
                appendUnits()
                let runEnd = chunk.withUnsafeBufferPointer { bytes in
                    let run = UnsafeBufferPointer(rebasing: bytes[index..<count])
                    let end = run.firstIndex(of: lessThan) ?? run.endIndex
                    markupGuard.countLines(in: UnsafeBufferPointer(rebasing: run[..<end]))
                    guarded.append(contentsOf: run[..<end])
                    return index + end
                }
                index = runEnd
                if index == count { break }
            }
            try markupGuard.feed(UInt16(chunk[index]), into: &units)
            index += 1
        }
        appendUnits()
    }

    private func feedUTF16(_ first: UInt8, _ second: UInt8) throws(XMLMarkupGuard.EntityDeclaration) {
        let unit = layout == .utf16LittleEndian ? UInt16(first) | UInt16(second) << 8 : UInt16(first) << 8 | UInt16(second)
        try markupGuard.feed(unit, into: &units)
    }

    /// Moves the units the guard has passed on into `guarded`, in the file's layout.
    private func appendUnits() {
        guard !units.isEmpty else { return }
        switch layout {
        case .singleByte:
            for unit in units { guarded.append(UInt8(truncatingIfNeeded: unit)) }
        case .utf16LittleEndian:
            for unit in units { guarded.append(UInt8(truncatingIfNeeded: unit)); guarded.append(UInt8(unit >> 8)) }
        case .utf16BigEndian:
            for unit in units { guarded.append(UInt8(unit >> 8)); guarded.append(UInt8(truncatingIfNeeded: unit)) }
        }
        units.removeAll(keepingCapacity: true)
    }
}
