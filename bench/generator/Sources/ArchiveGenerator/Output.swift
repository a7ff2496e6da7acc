#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

struct GeneratorError: Error, CustomStringConvertible {
    var description: String
}

/// A large buffered writer: bytes gather in memory and reach the file 4 MiB at a time.
final class Output {
    private var buffer: [UInt8] = []
    private let file: UnsafeMutablePointer<FILE>?
    private let closesFile: Bool
    private let limit = 4 << 20
    private(set) var bytesWritten = 0

    /// Writes to `path`, or to standard output when nil.
    init(path: String?) throws {
        if let path {
            guard let file = fopen(path, "wb") else {
                throw GeneratorError(description: "cannot open \(path) for writing: " + String(cString: strerror(errno)))
            }
            self.file = file
            closesFile = true
        } else {
            guard let file = fdopen(1, "wb") else { throw GeneratorError(description: "cannot write to standard output") }
            self.file = file
            closesFile = false
        }
        buffer.reserveCapacity(limit + 65536)
    }

    /// An in-memory writer (no file), for pre-encoding literals.
    init() {
        file = nil
        closesFile = false
    }

    func takeBuffer() -> [UInt8] {
        defer { buffer = [] }
        return buffer
    }

    @inline(__always) func byte(_ b: UInt8) { buffer.append(b) }

    @inline(__always) func raw(_ s: StaticString) {
        s.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    @inline(__always) func text(_ s: String) { buffer.append(contentsOf: s.utf8) }

    @inline(__always) func bytes(_ b: [UInt8]) { buffer.append(contentsOf: b) }

    func int(_ n: Int) {
        if n < 0 { byte(UInt8(ascii: "-")); int(-n); return }
        if n < 10 { byte(UInt8(48 + n)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var value = n
        withUnsafeMutableBytes(of: &digits) { raw in
            while value > 0 {
                raw[count] = UInt8(48 + value % 10)
                value /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[i]) }
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, other
    /// characters written as UTF-8.
    func json(_ s: String) {
        byte(UInt8(ascii: "\""))
        var clean = true
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C { clean = false; break }
        if clean {
            buffer.append(contentsOf: s.utf8)
        } else {
            for b in s.utf8 {
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0..<0x20:
                    raw("\\u00")
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    byte(hex[Int(b >> 4)]); byte(hex[Int(b & 15)])
                default: byte(b)
                }
            }
        }
        byte(UInt8(ascii: "\""))
    }

    /// A CSV text field for COPY … (FORMAT csv): always quoted, so an empty string stays an
    /// empty string; nil writes nothing (NULL).
    func csv(_ s: String?) {
        guard let s else { return }
        byte(UInt8(ascii: "\""))
        var clean = true
        for b in s.utf8 where b == 0x22 { clean = false; break }
        if clean {
            buffer.append(contentsOf: s.utf8)
        } else {
            for b in s.utf8 {
                if b == 0x22 { byte(0x22) }
                byte(b)
            }
        }
        byte(UInt8(ascii: "\""))
    }

    /// An optional integer field (nil: NULL).
    @inline(__always) func csvInt(_ n: Int?) { if let n { int(n) } }

    /// A date bound; nil is the given infinity.
    func csvDate(_ z: Int?, infinity: StaticString) {
        if let z { writeDay(z) } else { raw(infinity) }
    }

    func writeDay(_ z: Int) {
        let (y, m, d) = Civil.ymd(z)
        byte(UInt8(48 + y / 1000)); byte(UInt8(48 + y / 100 % 10)); byte(UInt8(48 + y / 10 % 10)); byte(UInt8(48 + y % 10))
        byte(UInt8(ascii: "-"))
        byte(UInt8(48 + m / 10)); byte(UInt8(48 + m % 10))
        byte(UInt8(ascii: "-"))
        byte(UInt8(48 + d / 10)); byte(UInt8(48 + d % 10))
    }

    @inline(__always) func comma() { byte(UInt8(ascii: ",")) }

    @inline(__always) func newline() {
        byte(UInt8(ascii: "\n"))
        if buffer.count >= limit { flush() }
    }

    func flush() {
        guard let file, !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != buffer.count {
            printError("chancery-archive-generator: write failed: " + String(cString: strerror(errno)))
            exit(74)
        }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        guard let file else { return }
        if closesFile { fclose(file) } else { fflush(file) }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
