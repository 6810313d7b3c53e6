import Foundation
import ReferralCore

let args = CommandLine.arguments
let r = DirectoryLoader().load(folder: args[1])
for d in r.diagnostics { FileHandle.standardError.write(Data((d.rendered + "\n").utf8)) }
guard let dir = r.directory else { exit(3) }
let bytes = [UInt8](FileManager.default.contents(atPath: args[2])!)
switch CaseLoader.load(bytes: bytes, name: args[2], directory: dir) {
case .failure(let f): print(f); exit(3)
case .success(let c):
    let t = RoutingTime.parse(args[3], utcOffsetMinutes: dir.context.utcOffsetMinutes)!
    FileHandle.standardOutput.write(canonicalJSON(Router(directory: dir).route(c, at: t)))
}
