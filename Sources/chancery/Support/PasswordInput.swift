#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ChanceryModel
import Foundation

/// Reads a password without it ever being an argument (arguments show in `ps` and shell history):
/// from the terminal with echo off, asked twice, or as one line of standard input when that is
/// not a terminal (`printf '%s\n' "$PASSWORD" | chancery user add …`).
enum PasswordInput {
    static func read(prompt: String = "Password") throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = Swift.readLine(strippingNewline: true) else {
                throw ChanceryError.invalid("password", "no password on standard input",
                                            hint: "Pipe the password as one line, or run the command in a terminal to be asked for it.")
            }
            return line
        }
        let first = try silently(prompt + ": ")
        let second = try silently("Again: ")
        guard first == second else {
            throw ChanceryError.invalid("password", "the two passwords differ", hint: "Run the command again and type the same password twice.")
        }
        return first
    }

    /// One line from the terminal with echo turned off, restored even when reading fails.
    private static func silently(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else {
            throw ChanceryError.invalid("password", "no password typed", hint: "Type the password and press Enter.")
        }
        return line
    }
}
