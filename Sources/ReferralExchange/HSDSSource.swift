import Foundation
import ReferralCore

/// Finds and reads an HSDS source: a JSON file (one compiled service, a list of them, or a page
/// with `contents`), a folder of this tool's JSON export (`services.json`, `organizations.json`),
/// or a CSV data package folder (`services.csv`, `organizations.csv`, … joined by id).
enum HSDSSource {
    struct Output {
        var records: [SourceRecord] = []
        /// Every organisation of the source's organisations list, in its order (so that an export
        /// round trip loses none, and keeps their order).
        var organisations: [SourceRecord] = []
        var findings: [ImportFinding] = []
        var errors: [Diagnostic] = []
    }

    static func read(path: String, dataset: String) -> Output {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            return Output(errors: [Diagnostic(.error, code: .fileMissing, place: SourcePlace(file: path), message: "no such file or folder",
                                              help: "give an HSDS JSON file, or a folder with services.csv or services.json")])
        }
        if !isDir.boolValue { return readJSON(files: [path], display: path) }
        let fm = FileManager.default
        if fm.fileExists(atPath: path + "/services.csv") { return HSDSTables.read(folder: path) }
        if fm.fileExists(atPath: path + "/services.json") {
            var files = [path + "/services.json"]
            if fm.fileExists(atPath: path + "/organizations.json") { files.append(path + "/organizations.json") }
            return readJSON(files: files, display: path)
        }
        return Output(errors: [Diagnostic(.error, code: .hsdsShape, place: SourcePlace(file: path),
                                          message: "the folder has neither services.csv (a CSV data package) nor services.json",
                                          help: "give the HSDS file itself, or the folder an export wrote")])
    }

    /// Parses a JSON file; a syntax error is a located diagnostic.
    static func parse(_ path: String) -> Result<(SourceFile, JSONNode), LoadFailure> {
        switch InputReader.read(path: path, limit: InputLimits.directoryFileBytes) {
        case .failure(let f): return .failure(LoadFailure([f.diagnostic(file: path)]))
        case .success(let bytes):
            let file = SourceFile(name: path, bytes: bytes)
            do {
                return .success((file, try JSONParser.parse(bytes)))
            } catch {
                return .failure(LoadFailure([Diagnostic(.error, code: .jsonSyntax, place: file.place("$", offset: error.offset),
                                                        message: error.message, help: "fix the JSON syntax at this line and column")]))
            }
        }
    }

    /// The records of a JSON value: an array, a page (`contents`), or one record.
    static func list(_ root: SNode) -> [SNode]? {
        if case .array(let items) = root.value { return items }
        if let c = root["contents"], case .array(let items) = c.value { return items }
        if root.isObject, root["id"] != nil, root["name"] != nil { return [root] }
        return nil
    }

    static func readJSON(files: [String], display: String) -> Output {
        var out = Output()
        var services: [SNode] = []
        var organisations: [SNode] = []
        for (i, path) in files.enumerated() {
            switch parse(path) {
            case .failure(let f): out.errors += f.diagnostics
            case .success(let (file, node)):
                let root = SNode.from(node, file: file, path: "$")
                guard let items = list(root) else {
                    out.errors.append(Diagnostic(.error, code: .hsdsShape, place: file.place("$", offset: node.offset),
                                                 message: "this is not an HSDS service, a list of services or a page of them",
                                                 help: "HSDS 3.0 compiled services: an object with id and name, an array, or {\"contents\": [...]}"))
                    continue
                }
                if i == 0 { services = items } else { organisations = items }
            }
        }
        if !out.errors.isEmpty { return out }
        var byID: [String: SNode] = [:]
        for o in organisations { if let id = o["id"]?.text { byID[id] = o } }
        var extractor = HSDSExtractor(dataset: "")
        for s in services {
            guard s.isObject else {
                out.findings.append(ImportFinding(.error, .hsdsShape, s.place, action: .skipped, "a list item that is not an object"))
                continue
            }
            out.records.append(extractor.record(s, organisations: byID))
        }
        for o in organisations {
            var r = SourceRecord(place: o.place, recordId: nil)
            extractor.organisation(o, into: &r)
            out.organisations.append(r)
        }
        out.findings += extractor.findings()
        return out
    }
}
