// The keyed, unkeyed and single-value containers of `NodeDecoder` (StrictDecoder.swift): they read the
// tokens of one JSON value and report every issue at its place.

struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    /// Key and value tokens of the object's members, in order.
    let members: [(key: Int, value: Int)]
    var tokens: [JSONToken] { decoder.context.tokens }
    var bytes: [UInt8] { decoder.context.file.bytes }
    var codingPath: [CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.compactMap { Key(stringValue: tokens.string($0.key, in: bytes)) } }

    /// The value token of the member named like `key`, or nil.
    private func member(_ key: Key) -> Int? {
        let name = key.stringValue
        decoder.requestedKeys?.insert(name)
        let t = tokens, b = bytes
        return members.first { t.keyEquals($0.key, name, in: b) }?.value
    }

    private func isNull(_ value: Int) -> Bool { tokens[value].kind == .null }

    /// A missing field is often a misspelt one: report the misspelling at its own place as well.
    private func missing(_ key: Key) -> DecodeIssue {
        var issue = decoder.issue(.jsonMissingField, "missing required field '\(key.stringValue)'",
                                  help: "add \"\(key.stringValue)\" to this object")
        let requested = decoder.requestedKeys ?? []
        for m in members {
            let name = tokens.string(m.key, in: bytes)
            guard !requested.contains(name) && closestMatch(to: name, in: [key.stringValue]) != nil else { continue }
            issue.diagnostics.insert(Diagnostic(
                .error, code: .jsonUnknownField,
                place: decoder.context.file.place(decoder.jsonPath + pathComponent(name), offset: Int(tokens[m.key].start)),
                message: "unknown field '\(name)'", help: "did you mean '\(key.stringValue)'?"), at: 0)
        }
        return issue
    }

    func contains(_ key: Key) -> Bool { member(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let m = member(key) else { return true }
        return isNull(m)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let m = member(key) else { throw missing(key) }
        if isNull(m) {
            throw NodeDecoder(index: m, parent: decoder, step: .key(key.stringValue), codingKey: key)
                .issue(.jsonWrongType, "'\(key.stringValue)' must not be null")
        }
        return try decoder.decodeChild(type, index: m, step: .key(key.stringValue), key: key)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let m = member(key) else { return nil }
        if isNull(m) { return nil }
        return try decoder.decodeChild(type, index: m, step: .key(key.stringValue), key: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        guard let m = member(key) else { throw missing(key) }
        let child = NodeDecoder(index: m, parent: decoder, step: .key(key.stringValue), codingKey: key)
        return try child.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        guard let m = member(key) else { throw missing(key) }
        let child = NodeDecoder(index: m, parent: decoder, step: .key(key.stringValue), codingKey: key)
        return try child.unkeyedContainer()
    }

    func superDecoder() throws -> Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> Decoder { decoder }
}

struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    /// The items' tokens, in order.
    let items: [Int]
    var currentIndex = 0
    var codingPath: [CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return true }
        if decoder.context.tokens[items[currentIndex]].kind == .null { currentIndex += 1; return true }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else { throw decoder.issue(.jsonWrongType, "array has fewer items than expected") }
        let item = items[currentIndex]
        if decoder.context.tokens[item].kind == .null {
            throw NodeDecoder(index: item, parent: decoder, step: .index(currentIndex), codingKey: nil)
                .issue(.jsonWrongType, "array items must not be null")
        }
        let v = try decoder.decodeChild(type, index: item, step: .index(currentIndex), key: IndexKey(currentIndex))
        currentIndex += 1
        return v
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let child = NodeDecoder(index: items[currentIndex], parent: decoder, step: .index(currentIndex),
                                codingKey: IndexKey(currentIndex))
        currentIndex += 1
        return try child.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        let child = NodeDecoder(index: items[currentIndex], parent: decoder, step: .index(currentIndex),
                                codingKey: IndexKey(currentIndex))
        currentIndex += 1
        return try child.unkeyedContainer()
    }

    mutating func superDecoder() throws -> Decoder { decoder }
}

struct SingleNodeContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.token.kind == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeBool() }
    func decode(_ type: String.Type) throws -> String { try decoder.decodeString() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.decodeDouble() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.decodeDouble()) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInteger(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.decodeInteger(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.decodeInteger(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.decodeInteger(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeInteger(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.decodeInteger(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.decodeInteger(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.decodeInteger(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.decodeInteger(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.decodeInteger(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let v = try T(from: decoder)
        return v
    }
}
