/// A position inside a parsed file, for naming the exact place of a finding found after decoding
/// (an unknown category in `$.services[3].category`, for instance).
///
/// A locator keeps byte offsets, never a tree: the file, the JSON path, where the value starts
/// and, for a document read whole, its tokens. An element of a streamed list (services.json)
/// keeps no tokens: `l["eligibility"]["populationGroups"][2]` only notes the steps, and the
/// element's bytes are parsed again when `place` or `offset` is asked for, which happens only
/// when a finding is reported.
public struct Locator: Sendable {
    public let file: SourceFile
    /// The path of `base`; `steps` come after it.
    private let basePath: String
    /// Where the located value starts (with `doc`, at token `index`).
    private let baseOffset: Int
    /// The tokens the value is in, when they are kept; nil for a streamed element.
    let doc: JSONDocument?
    /// The value's token in `doc`.
    let index: Int
    /// Whether the value at `baseOffset` exists (a locator for a missing field still has a path).
    private let basePresent: Bool
    /// Steps below the base not resolved yet (streamed elements only).
    private let steps: [Step]

    enum Step: Sendable {
        case key(String)
        case index(Int)
    }

    /// The value `node`, parsed from `file.bytes` (its offset is where the value is read from).
    public init(file: SourceFile, node: JSONNode, path: String) {
        self.init(file: file, offset: node.offset, path: path)
    }

    /// The whole file, when it could not be parsed or does not exist.
    public init(file: SourceFile) {
        self.init(file: file, path: "$", offset: 0, doc: nil, index: 0, present: false, steps: [])
    }

    /// The value at token `index` of a document read whole.
    init(doc: JSONDocument, index: Int, path: String) {
        self.init(file: doc.file, path: path, offset: doc.start(index), doc: doc, index: index, present: true, steps: [])
    }

    /// A value whose tokens are not kept (an element of a streamed list): parsed again on demand.
    init(file: SourceFile, offset: Int, path: String) {
        self.init(file: file, path: path, offset: offset, doc: nil, index: 0, present: true, steps: [])
    }

    private init(file: SourceFile, path: String, offset: Int, doc: JSONDocument?, index: Int, present: Bool, steps: [Step]) {
        self.file = file
        self.basePath = path
        self.baseOffset = offset
        self.doc = doc
        self.index = index
        self.basePresent = present
        self.steps = steps
    }

    /// A missing value under `parent`: its path, and the offset of the nearest enclosing value.
    private init(missing path: String, at offset: Int, in parent: Locator) {
        self.init(file: parent.file, path: path, offset: offset, doc: nil, index: 0, present: false, steps: [])
    }

    public var path: String {
        steps.reduce(basePath) { p, s in
            switch s {
            case .key(let k): p + pathComponent(k)
            case .index(let i): p + "[\(i)]"
            }
        }
    }

    /// Whether the located value exists.
    var present: Bool { resolved.basePresent }

    public var offset: Int { resolved.baseOffset }

    public var place: SourcePlace { file.place(path, offset: offset) }

    /// This locator with its pending steps followed through the element's tokens (parsed once).
    private var resolved: Locator {
        guard !steps.isEmpty else { return self }
        guard let d = JSONDocument.parseValue(file, at: baseOffset) else { return Locator(missing: path, at: baseOffset, in: self) }
        var at = Locator(doc: d, index: 0, path: basePath)
        for s in steps {
            switch s {
            case .key(let k): at = at[k]
            case .index(let i): at = at[i]
            }
        }
        return at
    }

    /// The tokens of this value: kept ones, or those of its bytes parsed again.
    private var tokens: (JSONDocument, Int)? {
        if !steps.isEmpty { return resolved.tokens }
        guard basePresent else { return nil }
        if let doc { return (doc, index) }
        return JSONDocument.parseValue(file, at: baseOffset).map { ($0, 0) }
    }

    public subscript(key: String) -> Locator {
        if doc == nil && basePresent {
            return Locator(file: file, path: basePath, offset: baseOffset, doc: nil, index: 0, present: true, steps: steps + [.key(key)])
        }
        let path = self.path + pathComponent(key)
        guard let (d, i) = tokens, d.tokens[i].kind == .object, let child = d.tokens.member(key, of: i, in: file.bytes) else {
            return Locator(missing: path, at: offset, in: self)
        }
        return Locator(doc: d, index: child, path: path)
    }

    public subscript(index: Int) -> Locator {
        if doc == nil && basePresent {
            return Locator(file: file, path: basePath, offset: baseOffset, doc: nil, index: 0, present: true,
                           steps: steps + [.index(index)])
        }
        let path = self.path + "[\(index)]"
        guard let (d, i) = tokens, d.tokens[i].kind == .array, index >= 0, index < Int(d.tokens[i].aux) else {
            return Locator(missing: path, at: offset, in: self)
        }
        return Locator(doc: d, index: d.item(index, of: i), path: path)
    }

    /// The index of `value` in the array at this place, for locating one item of a list field.
    public func index(of value: String) -> Locator {
        guard let (d, i) = tokens, d.tokens[i].kind == .array else { return self }
        for (n, item) in d.tokens.items(of: i).enumerated()
        where d.tokens[item].kind == .string && d.tokens.string(item, in: file.bytes) == value {
            return Locator(doc: d, index: item, path: path + "[\(n)]")
        }
        return self
    }
}
