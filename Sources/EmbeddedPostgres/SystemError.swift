#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns `errno` values into words for error messages.
enum SystemError {
    /// The C library's description of `code`.
    static func text(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
