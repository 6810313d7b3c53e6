/// A position inside a parsed file, for naming the exact place of a finding found after decoding
/// (an unknown category in `$.services[3].category`, for instance).
public struct Locator: Sendable {
    public let file: SourceFile
    public let node: JSONNode?
    public let path: String
    /// Offset used when the node itself is missing (the nearest enclosing value).
    let fallbackOffset: Int

    public init(file: SourceFile, node: JSONNode, path: String) {
        self.file = file
        self.node = node
        self.path = path
        self.fallbackOffset = node.offset
    }

    /// The whole file, when it could not be parsed or does not exist.
    public init(file: SourceFile) {
        self.file = file
        self.node = nil
        self.path = "$"
        self.fallbackOffset = 0
    }

    private init(file: SourceFile, node: JSONNode?, path: String, fallbackOffset: Int) {
        self.file = file
        self.node = node
        self.path = path
        self.fallbackOffset = fallbackOffset
    }

    public subscript(key: String) -> Locator {
        var child: JSONNode?
        if let node, case .object(let members) = node.value {
            child = members.first { $0.key == key }?.value
        }
        return Locator(file: file, node: child, path: path + pathComponent(key), fallbackOffset: child?.offset ?? offset)
    }

    public subscript(index: Int) -> Locator {
        var child: JSONNode?
        if let node, case .array(let items) = node.value, index >= 0, index < items.count { child = items[index] }
        return Locator(file: file, node: child, path: path + "[\(index)]", fallbackOffset: child?.offset ?? offset)
    }

    public var offset: Int { node?.offset ?? fallbackOffset }
    public var place: SourcePlace { file.place(path, offset: offset) }

    /// The index of `value` in the array at this place, for locating one item of a list field.
    public func index(of value: String) -> Locator {
        if let node, case .array(let items) = node.value {
            for (i, item) in items.enumerated() {
                if case .string(let s) = item.value, s == value { return self[i] }
            }
        }
        return self
    }
}
