/// A position inside a parsed file, for naming the exact place of a finding found after decoding
/// (an unknown category in `$.services[3].category`, for instance).
///
/// A locator keeps byte offsets, never a tree: the file, the JSON path, where the value starts
/// and, for a document read whole, its tokens. An element of a streamed list (services.json) has
/// no tokens kept: asking it for a field parses that element's bytes again, which happens only
/// when a finding needs the place. Line and column are worked out only by `place`.
public struct Locator: Sendable {
    public let file: SourceFile
    public let path: String
    /// Where the value starts or, when the value is missing, where the nearest enclosing one does.
    public let offset: Int
    /// The tokens the value is in, when they are kept; nil for a streamed element or a missing value.
    let doc: JSONDocument?
    /// The value's token in `doc`.
    let index: Int
    /// Whether the value exists (a locator for a missing field still names its path).
    let present: Bool

    /// The value `node`, parsed from `file.bytes` (its offset is where the value is read from).
    public init(file: SourceFile, node: JSONNode, path: String) {
        self.init(file: file, offset: node.offset, path: path)
    }

    /// The whole file, when it could not be parsed or does not exist.
    public init(file: SourceFile) {
        self.file = file
        self.path = "$"
        self.offset = 0
        self.doc = nil
        self.index = 0
        self.present = false
    }

    /// The value at token `index` of a document read whole.
    init(doc: JSONDocument, index: Int, path: String) {
        self.file = doc.file
        self.path = path
        self.offset = doc.start(index)
        self.doc = doc
        self.index = index
        self.present = true
    }

    /// A value whose tokens are not kept (an element of a streamed list): parsed again on demand.
    init(file: SourceFile, offset: Int, path: String) {
        self.file = file
        self.path = path
        self.offset = offset
        self.doc = nil
        self.index = 0
        self.present = true
    }

    private init(missing path: String, in parent: Locator) {
        self.file = parent.file
        self.path = path
        self.offset = parent.offset
        self.doc = nil
        self.index = 0
        self.present = false
    }

    /// The tokens of this value: kept ones, or those of its bytes parsed again.
    private var tokens: (JSONDocument, Int)? {
        guard present else { return nil }
        if let doc { return (doc, index) }
        return JSONDocument.parseValue(file, at: offset).map { ($0, 0) }
    }

    public subscript(key: String) -> Locator {
        let path = self.path + pathComponent(key)
        guard let (d, i) = tokens, d.tokens[i].kind == .object, let child = d.tokens.member(key, of: i, in: file.bytes) else {
            return Locator(missing: path, in: self)
        }
        return Locator(doc: d, index: child, path: path)
    }

    public subscript(index: Int) -> Locator {
        let path = self.path + "[\(index)]"
        guard let (d, i) = tokens, d.tokens[i].kind == .array, index >= 0, index < Int(d.tokens[i].aux) else {
            return Locator(missing: path, in: self)
        }
        return Locator(doc: d, index: d.item(index, of: i), path: path)
    }

    public var place: SourcePlace { file.place(path, offset: offset) }

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
