/// The ids a directory defines (organisations, services, pathways, steps, categories, languages,
/// population groups, legal statuses, access needs, reporting duties) are 1 to 64 characters:
/// ASCII letters and digits, `.`, `-`, `_` and `:`. They are printed in plans, lists and reports,
/// so a NUL character or a megabyte-long "id" is refused where it is defined, and never repeated
/// where it is referred to. (P-codes have their own rule: letters and digits, at most 64.)
public enum DirectoryID {
    public static let maxLength = 64

    public static func isValid(_ id: String) -> Bool {
        let u = id.utf8
        guard !u.isEmpty, u.count <= maxLength else { return false }
        return u.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ":")
        }
    }

    /// The id as a message may show it: itself when valid, otherwise a description of it.
    public static func shown(_ id: String) -> String {
        if isValid(id) { return id }
        return id.isEmpty ? "(an empty id)" : "(not a valid id: \(id.utf8.count) bytes)"
    }
}

extension DirectoryBuilder {
    /// Checks an id where it is defined: false, with an `id.invalid` error, when it cannot be one.
    mutating func checkID(_ id: String, _ at: Locator, what: String) -> Bool {
        if DirectoryID.isValid(id) { return true }
        error(.idInvalid, at, "\(what) id \(DirectoryID.shown(id)): an id is 1 to \(DirectoryID.maxLength) characters, letters, digits, '.', '-', '_' or ':'",
              help: "use a short id such as org.rwn or gbv.case-management")
        return false
    }
}
