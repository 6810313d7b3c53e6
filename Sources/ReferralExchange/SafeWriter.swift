import Foundation

/// Writes files so that a reader never sees half of one and a failure leaves the folder as it was:
/// every new file is first written in full next to its target, then each is renamed into place
/// (a rename within one folder replaces the old file at once). If a rename fails, the files
/// already replaced are put back from their backups.
public enum SafeWriter {
    public struct Failure: Error, Sendable {
        public var path: String
        public var message: String
    }

    public static func write(_ files: [(path: String, bytes: [UInt8])]) throws(Failure) {
        let fm = FileManager.default
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var temps: [(tmp: String, target: String)] = []
        func cleanUp() { for t in temps { try? fm.removeItem(atPath: t.tmp) } }
        for f in files {
            let tmp = tempName(f.path, "tmp", tag)
            guard fm.createFile(atPath: tmp, contents: Data(f.bytes)) else {
                cleanUp()
                throw Failure(path: f.path, message: "cannot write next to this file (is the folder writable?)")
            }
            temps.append((tmp, f.path))
        }
        var replaced: [(target: String, backup: String?)] = []
        for t in temps {
            var backup: String?
            if fm.fileExists(atPath: t.target) {
                let b = tempName(t.target, "bak", tag)
                if link(t.target, b) == 0 { backup = b }
            }
            if rename(t.tmp, t.target) != 0 {
                let why = String(cString: strerror(errno))
                // Put back what was already replaced; the folder is as it was.
                for r in replaced.reversed() {
                    if let b = r.backup { _ = rename(b, r.target) } else { try? fm.removeItem(atPath: r.target) }
                }
                if let backup { try? fm.removeItem(atPath: backup) }
                cleanUp()
                throw Failure(path: t.target, message: "cannot replace the file (\(why)); nothing was changed")
            }
            replaced.append((t.target, backup))
        }
        for r in replaced { if let b = r.backup { try? fm.removeItem(atPath: b) } }
    }

    /// `.services.json.tmp-123-456` beside `services.json`.
    static func tempName(_ path: String, _ kind: String, _ tag: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + "." + kind + "-" + tag).path
    }
}
