import Foundation
import ReferralCore

/// The directory the server answers from, and its reloads.
///
/// A reload loads the data folder again, strictly. If it loads, the new directory replaces the
/// old one at once (requests in progress finish on the one they started with). If it does not —
/// a coordinator saved a broken edit — the last good directory stays in service and the errors
/// are kept, for the pages and `/healthz` to show. Thread-safe.
public final class DirectoryHolder: @unchecked Sendable {
    /// What is in service now.
    public struct Snapshot: Sendable {
        public let directory: Directory
        /// A digest of the data files it was loaded from (FNV-1a, hex), for the audit log and `/healthz`.
        public let dataVersion: String
        public let loadedAt: Date
    }

    /// The outcome of the last reload attempt.
    public struct ReloadOutcome: Sendable {
        public let at: Date
        public let reloaded: Bool
        /// Nothing changed on disk since the directory in service was loaded.
        public let unchanged: Bool
        public let errors: [Diagnostic]
        public let dataVersion: String
    }

    public let root: String
    public let contextID: String?
    public let folder: String
    private let lock = NSLock()
    private var snapshot: Snapshot
    private var lastOutcome: ReloadOutcome?
    private var stamp: [FileStamp]
    private var validationCache: (key: String, report: ValidationReport)?

    /// Loads the data folder; fails with the loader's findings when it cannot be used.
    public init(root: String, contextID: String? = nil, now: Date) throws(LoadFailure) {
        self.root = root
        self.contextID = contextID
        switch DirectoryLoader.contextFolder(in: root, contextID: contextID) {
        case .success(let f): folder = f
        case .failure(let f): throw f
        }
        let files = DirectoryHolder.dataFiles(root)
        let result = DirectoryLoader().load(folder: folder, displayRoot: root)
        guard let d = result.directory else { throw LoadFailure(result.errors) }
        stamp = files
        snapshot = Snapshot(directory: d, dataVersion: DirectoryHolder.digest(files), loadedAt: now)
    }

    public var current: Snapshot { lock.withLock { snapshot } }
    public var lastReload: ReloadOutcome? { lock.withLock { lastOutcome } }

    /// Loads the data again. With `onlyIfChanged`, does nothing (returns nil) unless a data file
    /// was added, removed or changed since the last load or attempt.
    @discardableResult
    public func reload(now: Date, onlyIfChanged: Bool = false) -> ReloadOutcome? {
        let previous = lock.withLock { stamp }
        // A watcher's poll trusts an unchanged size and time (it runs every few seconds on files
        // that may be tens of megabytes); a reload that was asked for reads every byte.
        let files = DirectoryHolder.dataFiles(root, reusing: onlyIfChanged ? previous : [])
        if onlyIfChanged && files == previous { return nil }
        let version = DirectoryHolder.digest(files)
        let result = DirectoryLoader().load(folder: folder, displayRoot: root)
        return lock.withLock {
            stamp = files
            let outcome: ReloadOutcome
            if let d = result.directory {
                let unchanged = version == snapshot.dataVersion
                snapshot = Snapshot(directory: d, dataVersion: version, loadedAt: unchanged ? snapshot.loadedAt : now)
                outcome = ReloadOutcome(at: now, reloaded: true, unchanged: unchanged, errors: [], dataVersion: version)
            } else {
                outcome = ReloadOutcome(at: now, reloaded: false, unchanged: false, errors: result.errors, dataVersion: version)
            }
            lastOutcome = outcome
            return outcome
        }
    }

    /// The coordinator's report on the files as they are on disk now (a broken edit included),
    /// loaded leniently so that every finding shows. Cached per data version and day.
    public func validationReport(at time: RoutingTime) -> ValidationReport {
        let files = DirectoryHolder.dataFiles(root)
        let key = DirectoryHolder.digest(files) + "@" + String(time.localDay)
        if let cached = lock.withLock({ validationCache }), cached.key == key { return cached.report }
        let load = DirectoryLoader(options: .init(strict: false)).load(folder: folder, displayRoot: root)
        let report = Validator.validate(load, at: time)
        lock.withLock { validationCache = (key, report) }
        return report
    }

    // MARK: change detection

    struct FileStamp: Equatable {
        var path: String
        var size: Int64
        var modified: Int64
        var contentHash: UInt64
    }

    /// Every JSON file under `root` (example cases excepted), sorted, with its size, time and a
    /// hash of its bytes. A file in `reusing` with the same size and time keeps its hash unread.
    static func dataFiles(_ root: String, reusing known: [FileStamp] = []) -> [FileStamp] {
        let fm = FileManager.default
        var out: [FileStamp] = []
        guard let walker = fm.enumerator(atPath: root) else { return [] }
        while let rel = walker.nextObject() as? String {
            if rel.split(separator: "/").contains("cases") || !rel.hasSuffix(".json") { continue }
            let path = root + "/" + rel
            var st = stat()
            guard stat(path, &st) == 0 else { continue }
            let modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            if let k = known.first(where: { $0.path == rel }), k.size == Int64(st.st_size), k.modified == modified {
                out.append(k)
                continue
            }
            guard let data = fm.contents(atPath: path) else { continue }
            out.append(FileStamp(path: rel, size: Int64(data.count), modified: modified, contentHash: fnv1a(data)))
        }
        return out.sorted { $0.path < $1.path }
    }

    static func digest(_ files: [FileStamp]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for f in files {
            for b in Array(f.path.utf8) + [0] { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            var x = f.contentHash
            for _ in 0..<8 {
                h = (h ^ (x & 0xff)) &* 0x100_0000_01b3
                x >>= 8
            }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func fnv1a(_ data: Data) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
